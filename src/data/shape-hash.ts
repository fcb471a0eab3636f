/**
 * A 32-bit fingerprint of a value's structure: which keys hold which types (typed arrays by
 * kind and length, arrays by length and element types), but not the values themselves and
 * not the order of an object's keys. Stored beside every cached record and compared on read,
 * it tells a record that was cut short or rewritten by other code (a string where an array
 * was, a `null` stage) from the one the kit wrote, whatever metric produced it.
 */
export function shapeHash(value: unknown): number {
  return shapeOf(value) >>> 0;
}

const mix = (h: number, n: number) => Math.imul(h ^ n, 0x01000193);
const SEED = 0x811c9dc5;

function textHash(text: string): number {
  let h = SEED;
  for (let i = 0; i < text.length; i++) h = mix(h, text.charCodeAt(i));
  return h;
}

function shapeOf(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return 1;
    case 'number':
      return Number.isFinite(value) ? 2 : Number.isNaN(value) ? 3 : 4;
    case 'boolean':
      return 5;
    case 'undefined':
      return 6;
    case 'bigint':
      return 7;
    case 'object':
      break;
    default:
      return 8;
  }
  if (value === null) return 9;
  if (ArrayBuffer.isView(value)) return mix(mix(SEED, textHash(value.constructor.name)), value.byteLength);
  if (value instanceof ArrayBuffer) return mix(mix(SEED, 11), value.byteLength);
  if (Array.isArray(value)) {
    let h = mix(mix(SEED, 12), value.length);
    for (let i = 0; i < value.length; i++) h = mix(h, shapeOf(value[i]));
    return h;
  }
  if (value instanceof Map) {
    let sum = 0;
    for (const [k, v] of value) sum = (sum + mix(mix(SEED, shapeOf(k)), shapeOf(v))) | 0;
    return mix(mix(mix(SEED, 13), value.size), sum);
  }
  // A sum over keys: the same fields in another order are the same shape.
  let sum = 0;
  let count = 0;
  for (const key in value) {
    if (!Object.hasOwn(value, key)) continue;
    sum = (sum + mix(textHash(key), shapeOf((value as Record<string, unknown>)[key]))) | 0;
    count++;
  }
  return mix(mix(mix(SEED, 14), count), sum);
}
