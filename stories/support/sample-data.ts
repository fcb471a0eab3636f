import type { Payload } from '../../src/contract/index.js';
import { generateSample, type SampleOptions } from '../../src/sample/index.js';

const payloads = new Map<string, Payload>();

/** Seeded sample payloads, generated once per options so switching stories stays instant. */
export function sample(options: SampleOptions = {}): Payload {
  const key = JSON.stringify(options);
  let payload = payloads.get(key);
  if (!payload) payloads.set(key, (payload = generateSample({ seed: 42, customers: 600, ...options })));
  return payload;
}

/** A payload the contract rejects as a whole, to show the error view. */
export const brokenPayload = { schemaVersion: 1, surveys: 'not a list' };

/** A sample with a few rows the validator sets aside, to show "rows set aside" and its details. */
export function sampleWithIssues(): Payload {
  const payload = structuredClone(sample()) as Payload & { surveys: Record<string, unknown>[] };
  payload.surveys[2]!['score'] = 11;
  payload.surveys[5]!['date'] = 'yesterday';
  payload.surveys[8]!['customerId'] = 'nobody';
  return payload;
}
