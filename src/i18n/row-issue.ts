import type { Expectation, PayloadError, RowIssue } from '../contract/index.js';
import type { SharedKey } from './messages.js';
import type { Translate } from './translate.js';

/** What the contract wants of a field, in the widget's language, from the expectation's code and parameters. */
export function describeExpectation(expectation: Expectation, t: Translate<SharedKey>): string {
  const params = { ...expectation.params };
  if (expectation.code === 'stage-key' && !params.keys) params.keys = t('expect.no-stages');
  return t(`expect.${expectation.code}` as SharedKey, params);
}

/** One row issue as a sentence in the widget's language, built from its code, path, expectation and received. */
export function describeRowIssue(issue: RowIssue, t: Translate<SharedKey>): string {
  return t(`issue.${issue.code}`, {
    path: issue.path,
    field: issue.field || issue.collection,
    // A summary cached by an earlier kit has the English only.
    expected: issue.expectation ? describeExpectation(issue.expectation, t) : issue.expected,
    received: issue.received,
  });
}

/** Why a payload was refused, in the widget's language (the English `message` when it carries no code). */
export function describePayloadError(error: PayloadError, t: Translate<SharedKey>): string {
  return error.code ? t(`payload.${error.code}` as SharedKey, error.params ?? {}) : error.message;
}
