/**
 * Ids such as `O123`, `C000123` or `42` — one prefix shared by every id, then decimal digits —
 * stand for numbers one to one, so uniqueness and lookups can run over a typed array instead of
 * a Map of a million strings (the Map alone cost 720–790 ms at 1M orders).
 *
 * One to one needs one of two shapes, chosen by the first id: the same number of digits in
 * every id (`C000123`: zero-padded), or no leading zero at all (`O123`). Mixing them (`O7` and
 * `O07` are different ids but the same number) leaves the class, and callers fall back to strings.
 */
import { Utf8Texts } from './texts.js';

export interface IdClass {
  prefix: string;
  /** Digits in every id when zero-padded; 0 when ids carry no leading zero. */
  width: number;
}

/** Above 15 digits a double no longer holds every integer exactly. */
const MAX_DIGITS = 15;

/** The class an id opens, or null when it does not end in digits. */
export function idClassOf(id: string): IdClass | null {
  let start = id.length;
  while (start > 0 && isDigit(id.charCodeAt(start - 1))) start--;
  const digits = id.length - start;
  if (digits === 0 || digits > MAX_DIGITS) return null;
  const padded = digits > 1 && id.charCodeAt(start) === 48;
  return { prefix: id.slice(0, start), width: padded ? digits : 0 };
}

const isDigit = (c: number) => c >= 48 && c <= 57;

/** The number an id of the class stands for, or -1 when the id is not of the class. */
export function idNumber(id: string, idClass: IdClass): number {
  const { prefix, width } = idClass;
  const from = prefix.length;
  const digits = id.length - from;
  if (digits < 1 || digits > MAX_DIGITS) return -1;
  if (width ? digits !== width : digits > 1 && id.charCodeAt(from) === 48) return -1;
  for (let i = 0; i < from; i++) if (id.charCodeAt(i) !== prefix.charCodeAt(i)) return -1;
  let n = 0;
  for (let i = from; i < id.length; i++) {
    const c = id.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

/**
 * Every id (rows where `skip[i]` is set left out) as its number, or null when one of them is
 * not of the class the first opens. Skipped rows hold -1.
 */
export function idNumbers(ids: ArrayLike<unknown>, skip: Uint8Array | null, n: number): Float64Array | null {
  let idClass: IdClass | null = null;
  const numbers = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (skip?.[i]) {
      numbers[i] = -1;
      continue;
    }
    const id = ids[i] as string;
    idClass ??= idClassOf(id);
    const number = idClass ? idNumber(id, idClass) : -1;
    if (number < 0) return null;
    numbers[i] = number;
  }
  return numbers;
}

/** Like `idNumbers`, over ids kept as ASCII bytes (texts.ts): the same classes, no strings made. */
function utf8IdNumbers(ids: Utf8Texts, skip: Uint8Array | null, n: number): Float64Array | null {
  const { bytes, offsets } = ids;
  const numbers = new Float64Array(n);
  let prefix: Uint8Array | null = null;
  let width = 0;
  for (let i = 0; i < n; i++) {
    if (skip?.[i]) {
      numbers[i] = -1;
      continue;
    }
    const start = offsets[i]!;
    const end = offsets[i + 1]!;
    if (prefix === null) {
      let digitsFrom = end;
      while (digitsFrom > start && isDigit(bytes[digitsFrom - 1]!)) digitsFrom--;
      const digits = end - digitsFrom;
      if (digits === 0 || digits > MAX_DIGITS) return null;
      width = digits > 1 && bytes[digitsFrom] === 48 ? digits : 0;
      prefix = bytes.slice(start, digitsFrom);
    }
    const from = start + prefix.length;
    const digits = end - from;
    if (digits < 1 || digits > MAX_DIGITS) return null;
    if (width ? digits !== width : digits > 1 && bytes[from] === 48) return null;
    for (let j = 0; j < prefix.length; j++) if (bytes[start + j] !== prefix[j]) return null;
    let number = 0;
    for (let j = from; j < end; j++) {
      const c = bytes[j]! - 48;
      if (c < 0 || c > 9) return null;
      number = number * 10 + c;
    }
    numbers[i] = number;
  }
  return numbers;
}

/** A range this much larger than the row count still fits a table of first rows cheaply. */
const denseRange = (n: number) => 4 * n + 1024;

/**
 * For each row whose id an earlier row already had, that earlier row: `first.get(row)`.
 * Rows where `skip[i]` is set take no part. Numeric-looking ids are compared as numbers (a
 * table of first rows when their range is small, else one sort), other ids through a Map.
 */
export function findDuplicateIds(column: ArrayLike<unknown> | Utf8Texts, skip: Uint8Array, n: number): Map<number, number> {
  const duplicates = new Map<number, number>();
  const numbers = column instanceof Utf8Texts ? utf8IdNumbers(column, skip, n) : idNumbers(column, skip, n);
  if (!numbers) {
    // Ids outside the numeric classes are compared as strings, however they were held.
    const ids = column instanceof Utf8Texts ? column.toArray() : column;
    const seen = new Map<unknown, number>();
    for (let i = 0; i < n; i++) {
      if (skip[i]) continue;
      const first = seen.get(ids[i]);
      if (first === undefined) seen.set(ids[i], i);
      else duplicates.set(i, first);
    }
    return duplicates;
  }
  let min = Infinity;
  let max = -Infinity;
  // Exporters usually write rows in id order: numbers that only rise cannot repeat.
  let rising = true;
  for (let i = 0; i < n; i++) {
    const v = numbers[i]!;
    if (v < 0) continue;
    if (v <= max) rising = false;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max || rising) return duplicates;
  if (max - min < denseRange(n)) {
    const firstRow = new Int32Array(max - min + 1); // row + 1; 0: not seen yet
    for (let i = 0; i < n; i++) {
      const v = numbers[i]!;
      if (v < 0) continue;
      const slot = v - min;
      const first = firstRow[slot]!;
      if (first === 0) firstRow[slot] = i + 1;
      else duplicates.set(i, first - 1);
    }
    return duplicates;
  }
  // Sparse numbers: one native sort says whether any repeats (usually none), and only the
  // repeated numbers are then tracked row by row.
  const sorted = numbers.filter((v) => v >= 0).sort();
  const repeated = new Set<number>();
  for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) repeated.add(sorted[i]!);
  if (repeated.size === 0) return duplicates;
  const firstOf = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const v = numbers[i]!;
    if (v < 0 || !repeated.has(v)) continue;
    const first = firstOf.get(v);
    if (first === undefined) firstOf.set(v, i);
    else duplicates.set(i, first);
  }
  return duplicates;
}

/**
 * Find a customer's position by id: `lookup(id)` is its index, -1 when no customer has that id.
 * Numeric-looking ids resolve through a table indexed by number; others through a Map.
 */
export function customerLookup(ids: readonly string[]): (id: string) => number {
  const numbers = idNumbers(ids, null, ids.length);
  if (numbers && ids.length > 0) {
    const idClass = idClassOf(ids[0]!)!;
    let min = Infinity;
    let max = -Infinity;
    for (const v of numbers) {
      if (v < min) min = v;
      if (v > max) max = v;
    }
    if (max - min < denseRange(ids.length)) {
      const table = new Int32Array(max - min + 1).fill(-1);
      // A repeated id (columnar JSON keeps repeats) resolves to its last row, as a Map would.
      for (let i = 0; i < numbers.length; i++) table[numbers[i]! - min] = i;
      return (id) => {
        const v = idNumber(id, idClass);
        return v < min || v > max ? -1 : table[v - min]!;
      };
    }
  }
  const index = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) index.set(ids[i]!, i);
  return (id) => index.get(id) ?? -1;
}
