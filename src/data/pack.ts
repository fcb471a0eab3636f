/**
 * JSON-like values with typed arrays as one byte string, and back: what the encrypted cache
 * stores (AES-GCM works on bytes). Typed arrays travel as raw bytes after a JSON header, so a
 * million-row column costs a copy, not a million numbers in text. `undefined` and NaN outside
 * typed arrays become null, as in JSON.
 */
const MAGIC = 0x314b5743; // "CWK1"
const TYPED = '\u0000t';
const ESCAPED = '\u0000e';

type TypedArray = Float64Array | Float32Array | Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;
const KINDS: Record<string, { new (buffer: ArrayBuffer, offset: number, length: number): TypedArray; BYTES_PER_ELEMENT: number }> = {
  Float64Array,
  Float32Array,
  Int32Array,
  Uint32Array,
  Int16Array,
  Uint16Array,
  Int8Array,
  Uint8Array,
};

export function pack(value: unknown): Uint8Array {
  const blobs: TypedArray[] = [];
  let offset = 0;
  const header = JSON.stringify(value, function (this: unknown, _key, v: unknown) {
    if (v === null || typeof v !== 'object') return v;
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const typed = v as TypedArray;
      const at = offset;
      offset += Math.ceil(typed.byteLength / 8) * 8;
      blobs.push(typed);
      return { [TYPED]: typed.constructor.name, o: at, n: typed.length };
    }
    // A payload object that happens to carry the marker key must not be mistaken for a column.
    if (!Array.isArray(v) && Object.hasOwn(v, TYPED)) return { [ESCAPED]: { ...v } };
    return v;
  });
  const text = new TextEncoder().encode(header ?? 'null');
  const start = Math.ceil((8 + text.length) / 8) * 8;
  const out = new Uint8Array(start + offset);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, text.length, true);
  out.set(text, 8);
  let at = start;
  for (const typed of blobs) {
    out.set(new Uint8Array(typed.buffer, typed.byteOffset, typed.byteLength), at);
    at += Math.ceil(typed.byteLength / 8) * 8;
  }
  return out;
}

/** The value `pack` was given; throws on bytes it did not write. */
export function unpack(bytes: Uint8Array): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint32(0, true) !== MAGIC) throw new Error('not a packed value');
  const length = view.getUint32(4, true);
  if (8 + length > bytes.byteLength) throw new Error('packed header cut short');
  const start = bytes.byteOffset + Math.ceil((8 + length) / 8) * 8;
  return JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length)), (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const marked = v as Record<string, unknown>;
    if (Object.hasOwn(marked, ESCAPED)) return marked[ESCAPED];
    if (!Object.hasOwn(marked, TYPED)) return v;
    const Kind = KINDS[marked[TYPED] as string];
    const at = start + Number(marked['o']);
    const n = Number(marked['n']);
    if (!Kind || !Number.isInteger(n) || n < 0 || at + n * Kind.BYTES_PER_ELEMENT > bytes.byteOffset + bytes.byteLength) throw new Error('packed column out of bounds');
    // A copy of the column's own bytes, so it owns an aligned buffer of its own.
    return new Kind((bytes.buffer as ArrayBuffer).slice(at, at + n * Kind.BYTES_PER_ELEMENT), 0, n);
  });
}
