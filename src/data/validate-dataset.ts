import { validatePayload, type Dataset, type ValidationResult, type ValidationSummary } from '../contract/index.js';
import { DataError } from './data-error.js';
import { parsePayload } from './parse-payload.js';

export interface ValidatedDataset {
  dataset: Dataset;
  summary: ValidationSummary;
}

/** A validation result as a dataset and its summary; a payload wrong at the top level becomes a `payload` error. */
export function summarize(result: ValidationResult, label: string): ValidatedDataset {
  if (!result.ok) {
    throw new DataError({ kind: 'payload', message: `${label}: ${result.error.message}`, payloadError: result.error });
  }
  const { dataset, received, rejected, rejectedTotal, issues } = result;
  return { dataset, summary: { received, rejected, rejectedTotal, issues } };
}

/** Run the contract's validation on a JSON payload (row or columnar form). */
export function validateDataset(payload: unknown, label: string): ValidatedDataset {
  return summarize(validatePayload(payload), label);
}

/** Response bytes to a validated dataset. */
export function decodeDataset(bytes: Uint8Array, label: string, contentType?: string): ValidatedDataset {
  return validateDataset(parsePayload(bytes, label, contentType), label);
}
