import { html, nothing, type TemplateResult } from 'lit';
import type { RowIssue } from '../../contract/index.js';
import { describePayloadError, describeRowIssue, type Formatter, type Locale, type SharedKey, type Translate } from '../../i18n/index.js';
import type { ErrorDetail } from './events.js';

/** How many row issues a details list shows before "… and N more". */
export const ISSUES_SHOWN = 20;

export interface IssueContext {
  locale: Locale;
  t: Translate<SharedKey>;
  fmt: Formatter;
}

/** A contract collection (`stageEvents`) in the reader's words; an unknown name as it is. */
export function collectionName(collection: string, t: Translate<SharedKey>): string {
  const key = `collection.${collection}` as SharedKey;
  const name = t(key);
  return name === key ? collection : name;
}

/** Row issues as a list: the localized sentence, then row, path, expected and received for a backend developer. */
export function renderIssues(issues: readonly RowIssue[], total: number, ctx: IssueContext) {
  const shown = issues.slice(0, ISSUES_SHOWN);
  const more = Math.max(0, total - shown.length);
  return html`<ul class="issues-list" part="issues">
    ${shown.map(
      (issue) =>
        html`<li data-code=${issue.code}>
          ${describeRowIssue(issue, ctx.t)}
          <br /><small
            >${ctx.t('issue.row', { row: ctx.fmt.number(issue.row), collection: collectionName(issue.collection, ctx.t) })} ·
            <code>${issue.path}</code> · ${ctx.t('issue.expected')}: <code>${issue.expected}</code> ·
            ${ctx.t('issue.received')}: <code>${issue.received}</code></small
          >
        </li>`,
    )}
    ${more > 0 ? html`<li>${ctx.t('details.more', { n: ctx.fmt.number(more) })}</li>` : nothing}
  </ul>`;
}

/** Nothing to show: a widget calls this when the data loaded but holds nothing for the current selection. */
export function renderEmpty(title: string, text: string, extra: TemplateResult | typeof nothing = nothing) {
  return html`<div class="state empty" part="state empty" role="status">
    <p class="state-title">${title}</p>
    <p class="state-text">${text}</p>
    ${extra}
  </div>`;
}

/** What a user can do about an empty view: one sentence and one button (the error view's retry, for empty). */
export function renderEmptyAction(hint: string, label: string, act: () => void) {
  return html`<p class="state-text" part="empty-hint">${hint}</p>
    <button class="button" part="empty-action" @click=${act}>${label}</button>`;
}

/** No data source after the grace period: what is missing and how to connect one. */
export function renderNoSource(t: Translate<SharedKey>) {
  return html`<div class="state error no-source" part="state error no-source" role="status">
    <p class="state-title">${t('state.noSource.title')}</p>
    <p class="state-text">${t('state.noSource.text')}</p>
  </div>`;
}

/** A load failure: a localized sentence, then the technical facts behind a toggle, then a retry. */
export function renderError(
  error: ErrorDetail,
  issues: { list: readonly RowIssue[]; total: number } | null,
  ctx: IssueContext,
  retry: () => void,
  source = '',
) {
  const key = `error.${error.kind}` as SharedKey;
  const rejected = issues && issues.total > 0;
  return html`<div class="state error" part="state error" role="alert">
    <p class="state-title">${ctx.t('error.title')}</p>
    <p class="state-text">${ctx.t(key, { status: error.status ?? '' })}</p>
    ${source && error.kind !== 'payload' ? html`<p class="state-text">${ctx.t('error.hint', { source })}</p>` : nothing}
    <button class="button" part="retry" @click=${retry}>${ctx.t('error.retry')}</button>
    <details class="issues" part="error-details">
      <summary>${ctx.t('details.technical')}</summary>
      ${error.payloadError
        ? html`<p><code>${ctx.t('error.at', { path: error.payloadError.path || '$', message: describePayloadError(error.payloadError, ctx.t) })}</code></p>`
        : html`<p><code>${error.message}</code></p>`}
      ${rejected
        ? html`<p>${ctx.t('footer.setAside', { n: ctx.fmt.number(issues.total), count: issues.total })}</p>
            ${renderIssues(issues.list, issues.total, ctx)}`
        : nothing}
    </details>
  </div>`;
}
