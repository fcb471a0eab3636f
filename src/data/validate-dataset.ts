import { validatePayload, type Dataset, type ValidationSummary } from '../contract/index.js';
import { DataError } from './data-error.js';
import { parsePayload } from './parse-payload.js';

export interface ValidatedDataset {
  dataset: Dataset;
  summary: ValidationSummary;
}

/** Run the contract's validation; a payload wrong at the top level becomes a `payload` error. */
export function validateDataset(payload: unknown, label: string): ValidatedDataset {
  const result = validatePayload(payload);
  if (!result.ok) {
    throw new DataError({ kind: 'payload', message: `${label}: ${result.error.message}`, payloadError: result.error });
  }
  const { dataset, received, rejected, rejectedTotal, issues } = result;
  return { dataset, summary: { received, rejected, rejectedTotal, issues } };
}

/** Response bytes to a validated dataset: the work that moves to the worker for large bodies. */
export function decodeDataset(bytes: Uint8Array, label: string, contentType?: string): ValidatedDataset {
  return validateDataset(parsePayload(bytes, label, contentType), label);
}
