/**
 * A text column of the dataset: a plain array, or an Arrow utf8 column kept as its bytes.
 *
 * Ids of orders, interactions, surveys and tickets are checked for uniqueness and then read
 * for a handful of rows (one customer's timeline), so turning millions of them into strings
 * would only fill the heap: at 5M orders that was the largest single cost of an Arrow load.
 * Both kinds answer `at(i)` and `length`; code that needs every value asks `textsToArray`.
 */
export type Texts = readonly string[] | Utf8Texts;

const decoder = new TextDecoder('utf-8');

/** ASCII text as one byte array and n + 1 offsets: row i is `bytes[offsets[i]..offsets[i + 1])`. */
export class Utf8Texts {
  readonly length: number;

  constructor(
    readonly bytes: Uint8Array,
    readonly offsets: Int32Array,
  ) {
    this.length = offsets.length - 1;
  }

  at(index: number): string | undefined {
    const i = index < 0 ? index + this.length : index;
    if (!(i >= 0 && i < this.length)) return undefined;
    return decoder.decode(this.bytes.subarray(this.offsets[i]!, this.offsets[i + 1]!));
  }

  /** Bytes in row i. */
  byteLength(i: number): number {
    return this.offsets[i + 1]! - this.offsets[i]!;
  }

  /** The rows `rows[0..count)` names, in that order. */
  take(rows: ArrayLike<number>, count: number): Utf8Texts {
    let size = 0;
    for (let k = 0; k < count; k++) size += this.byteLength(rows[k]!);
    const bytes = new Uint8Array(size);
    const offsets = new Int32Array(count + 1);
    let at = 0;
    for (let k = 0; k < count; k++) {
      const i = rows[k]!;
      const from = this.offsets[i]!;
      const to = this.offsets[i + 1]!;
      bytes.set(this.bytes.subarray(from, to), at);
      at += to - from;
      offsets[k + 1] = at;
    }
    return new Utf8Texts(bytes, offsets);
  }

  /** The rows not marked in `bad` (`kept` of them). */
  keep(bad: Uint8Array, kept: number): Utf8Texts {
    if (kept === this.length) return this;
    const rows = new Int32Array(kept);
    for (let i = 0, k = 0; i < this.length; i++) if (!bad[i]) rows[k++] = i;
    return this.take(rows, kept);
  }

  /** As JSON, the column is the array of its strings, like any text column. */
  toJSON(): string[] {
    return this.toArray();
  }

  toArray(): string[] {
    // ASCII by construction: one decode, then string offsets are byte offsets.
    const start = this.offsets[0]!;
    const text = decoder.decode(this.bytes.subarray(start, this.offsets[this.length]!));
    const out = new Array<string>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = text.slice(this.offsets[i]! - start, this.offsets[i + 1]! - start);
    return out;
  }
}

/** Every value of a text column as a string array (a plain array is returned as it is). */
export const textsToArray = (texts: Texts): readonly string[] => (texts instanceof Utf8Texts ? texts.toArray() : texts);

/**
 * Arrow utf8 batches as one column of bytes, or null when a byte is not ASCII: then byte
 * offsets would not be string offsets, and two different broken sequences could read as the
 * same string, so such columns take the string path (arrow-source.ts) instead.
 */
export function asciiTexts(parts: readonly { offsets: ArrayLike<number | bigint>; bytes: Uint8Array; length: number }[]): Utf8Texts | null {
  let rows = 0;
  let size = 0;
  for (const part of parts) {
    rows += part.length;
    size += Number(part.offsets[part.length]) - Number(part.offsets[0]);
  }
  const single = parts.length === 1 ? parts[0]! : null;
  const offsets = new Int32Array(rows + 1);
  let bytes: Uint8Array;
  if (single && single.offsets instanceof Int32Array && single.offsets[0] === 0) {
    // The usual export: one batch of 32-bit offsets from zero. Copied, so that the stream's
    // buffer (every other column's raw bytes) is not kept alive by its ids.
    bytes = single.bytes.slice(0, single.offsets[single.length]!);
    offsets.set(single.offsets.subarray(0, rows + 1));
  } else {
    bytes = new Uint8Array(size);
    let row = 0;
    let at = 0;
    for (const part of parts) {
      const from = Number(part.offsets[0]);
      const to = Number(part.offsets[part.length]);
      bytes.set(part.bytes.subarray(from, to), at);
      for (let j = 1; j <= part.length; j++) offsets[row + j] = at + Number(part.offsets[j]) - from;
      row += part.length;
      at += to - from;
    }
  }
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! > 0x7f) return null;
  return new Utf8Texts(bytes, offsets);
}
