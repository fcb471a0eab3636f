/** Payloads served in the Arrow form by the test server (test/data/data-server.mjs), for widget tests. */
import type { Payload } from '../../src/contract/index.js';
import { arrowFormOf, type ArrowVariant } from '../contract/arrow-samples.js';
import { uniqueId } from '../hardening/surface.js';

interface Served {
  src: string;
  ids: string[];
}

/** Serve a payload in the Arrow form: each stream under its own id, the envelope pointing at them (relative URLs). */
export async function serveArrow(payload: Payload, variant: ArrowVariant = {}, breakStream?: string): Promise<Served> {
  const base = uniqueId('arrow');
  const { envelope, streams } = arrowFormOf(payload, variant);
  const ids = [base];
  const served: Record<string, unknown> = { ...envelope };
  for (const [collection, bytes] of Object.entries(streams)) {
    const id = `${base}-${collection}`;
    ids.push(id);
    const body = collection === breakStream ? bytes.slice(0, Math.floor(bytes.length / 2)) : bytes;
    await fetch(`/__data/put/${id}?type=application/vnd.apache.arrow.stream`, { method: 'PUT', body: new Blob([body as Uint8Array<ArrayBuffer>]) });
    served[collection] = { arrow: id };
  }
  await fetch(`/__data/put/${base}`, { method: 'PUT', body: JSON.stringify(served) });
  return { src: `/__data/get/${base}`, ids };
}

const at = (day: number) => new Date(Date.UTC(2026, 9, day, 12)).toISOString();

/** Five answers to the survey: 10, 9, 9 promote, 7 is passive, 3 detracts. */
export const surveyPayload: Payload = {
  schemaVersion: 1,
  asOf: '2026-10-31T23:59:59Z',
  customers: [
    { id: 'C1', name: 'Lin' },
    { id: 'C2', name: 'Wang' },
  ],
  orders: [
    { id: 'O1', customerId: 'C1', date: at(3), amount: 120.5 },
    { id: 'O2', customerId: 'C2', date: at(9), amount: 80 },
  ],
  surveys: [
    { id: 'S1', customerId: 'C1', date: at(1), score: 10 },
    { id: 'S2', customerId: 'C1', date: at(2), score: 9 },
    { id: 'S3', customerId: 'C2', date: at(3), score: 9 },
    { id: 'S4', customerId: 'C2', date: at(4), score: 7 },
    { id: 'S5', customerId: 'C2', date: at(5), score: 3 },
  ],
} as unknown as Payload;

