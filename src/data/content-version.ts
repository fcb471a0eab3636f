/**
 * The version of a payload: its ETag, else its Last-Modified, else a hash of its bytes, so
 * even a backend without validators lets tabs tell "the same copy again" from "a new one".
 */
export async function contentVersion(bytes: Uint8Array, etag?: string, lastModified?: string): Promise<string> {
  if (etag) return `etag:${etag}`;
  if (lastModified) return `modified:${lastModified}`;
  return `sha256:${await sha256Hex(bytes)}`;
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  // crypto.subtle exists only in secure contexts; an intranet portal on plain http has none.
  if (globalThis.crypto?.subtle) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
    return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  }
  return fallbackHash(bytes);
}

/** Two independent 32-bit FNV-1a lanes with the length: enough to tell versions apart, not a security measure. */
function fallbackHash(bytes: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ bytes.length;
  for (let i = 0; i < bytes.length; i++) {
    a = Math.imul(a ^ bytes[i]!, 0x01000193);
    b = Math.imul(b ^ bytes[i]!, 0x5bd1e995);
  }
  return `fnv${(a >>> 0).toString(16)}${(b >>> 0).toString(16)}${bytes.length.toString(16)}`;
}
