import { pack, unpack } from './pack.js';

/**
 * Encryption at rest, per scope. A host on shared or kiosk browsers hands the kit a
 * non-extractable AES-GCM CryptoKey for a scope (for example unwrapped from its session at
 * login); cached datasets, validation summaries and results of that scope are then stored
 * as ciphertext, and dropping the key makes them unreadable (crypto-shredding). The kit
 * never stores, exports or derives keys: the host hands the same key again on every page load.
 */
const keys = new Map<string, CryptoKey>();

/** Sealed form of one stored value: a fresh 96-bit IV and the AES-GCM ciphertext (tag included). */
export interface Sealed {
  iv: Uint8Array;
  data: ArrayBuffer;
}

/**
 * Use `key` to encrypt what the kit caches for `scope` (null stops encrypting new writes of
 * that scope; records written with a key then read as unreadable and are fetched again).
 *
 * @example
 * const key = await crypto.subtle.importKey('raw', rawKeyFromSession, 'AES-GCM', false, ['encrypt', 'decrypt']);
 * setCacheEncryptionKey('tenant-42', key);
 */
export function setCacheEncryptionKey(scope: string, key: CryptoKey | null): void {
  if (key === null) keys.delete(scope);
  else {
    const algorithm = key.algorithm as { name?: string };
    if (algorithm.name !== 'AES-GCM' || !key.usages.includes('encrypt') || !key.usages.includes('decrypt')) {
      throw new TypeError('crm-widget-kit: the cache key must be an AES-GCM CryptoKey usable to encrypt and decrypt');
    }
    keys.set(scope, key);
  }
  for (const listener of keyListeners) listener(scope, key);
}

const keyListeners = new Set<(scope: string, key: CryptoKey | null) => void>();

/** Hear every key change (the engine client hands keys on to the worker). */
export function onEncryptionKeyChange(listener: (scope: string, key: CryptoKey | null) => void): () => void {
  keyListeners.add(listener);
  return () => keyListeners.delete(listener);
}

export const encryptionKeyFor = (scope: string): CryptoKey | undefined => keys.get(scope);

/** Every scope's key, to hand to the worker (CryptoKeys are structured-cloneable, non-extractable ones too). */
export const encryptionKeys = (): Map<string, CryptoKey> => new Map(keys);

export async function seal(value: unknown, key: CryptoKey): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const data = await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, pack(value) as Uint8Array<ArrayBuffer>);
  return { iv, data };
}

/** The sealed value, or a rejection when the key is not the one it was sealed with (or the bytes were altered). */
export async function unseal(sealed: Sealed, key: CryptoKey): Promise<unknown> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: sealed.iv as Uint8Array<ArrayBuffer> }, key, sealed.data);
  return unpack(new Uint8Array(plain));
}

export const isSealed = (value: unknown): value is Sealed =>
  value !== null && typeof value === 'object' && (value as Sealed).iv instanceof Uint8Array && (value as Sealed).data instanceof ArrayBuffer;
