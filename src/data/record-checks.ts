import { COLLECTION_NAMES } from '../contract/fields.js';
import type { CacheMeta } from './cache-store.js';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const optionalText = (v: unknown) => v === undefined || typeof v === 'string';

const ISSUE_TEXT = ['collection', 'field', 'path', 'code', 'expected', 'received', 'message'] as const;

/** A validation summary as the kit writes it: counts per collection and well-formed issues. */
export function isSummary(value: unknown): boolean {
  if (!isObject(value) || !isObject(value.received) || !isObject(value.rejected) || !isCount(value.rejectedTotal)) return false;
  const { received, rejected } = value;
  if (!COLLECTION_NAMES.every((name) => isCount(received[name]) && isCount(rejected[name]))) return false;
  return Array.isArray(value.issues) && value.issues.every((issue) => isObject(issue) && isCount(issue.row) && ISSUE_TEXT.every((k) => typeof issue[k] === 'string'));
}

/** A cache entry's metadata as the kit writes it; anything else is discarded on read. */
export function isCacheMeta(value: unknown, key: string): value is CacheMeta {
  if (!isObject(value) || value.key !== key || typeof value.scope !== 'string' || typeof value.source !== 'string') return false;
  if (!Number.isFinite(value.storedAt) || !Number.isFinite(value.accessedAt) || !isCount(value.bytes)) return false;
  if (!optionalText(value.etag) || !optionalText(value.lastModified) || typeof value.version !== 'string' || typeof value.partial !== 'boolean') return false;
  return isSummary(value.summary);
}
