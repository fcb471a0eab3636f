/**
 * JSON read in chunks (a file or standard input as a stream) without ever holding the whole
 * text as one string: a 1 GB payload is more text than a JavaScript string can hold. The
 * scanner walks the bytes and splits the payload where its size lives — the top-level object,
 * the collections inside it (row arrays or columnar objects) and their rows — and hands each
 * piece (a row, a column, a scalar) to `JSON.parse`. Only objects at depths 0 and 1 and arrays
 * at depth 1 are split, so a row or a column is one native parse.
 *
 * @example
 * const pieces = new JsonPieces();
 * for await (const chunk of stream) pieces.push(chunk);
 * const payload = pieces.end();
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

const BOM = [0xef, 0xbb, 0xbf];

const isSpace = (b: number) => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

interface Frame {
  value: Record<string, unknown> | unknown[];
  array: boolean;
  /** The key whose value comes next (objects). */
  key: string | null;
  /** What the next significant byte may be. */
  expect: 'key-or-end' | 'key' | 'colon' | 'value-or-end' | 'value' | 'comma-or-end';
}

/** A piece ends at its matching bracket or closing quote (`delimited`), or at the next delimiter (`scalar`). */
type PieceKind = 'delimited' | 'scalar';

const decoder = new TextDecoder();

export class JsonPieces {
  private readonly stack: Frame[] = [];
  /** The top-level value once it is complete. */
  private result: unknown = undefined;
  private done = false;
  private started = false;
  /** Bytes seen before the current chunk, for error positions. */
  private offset = 0;

  // The piece being collected: its kind, nesting and string state, and its bytes so far.
  private piece: PieceKind | null = null;
  private pieceDepth = 0;
  private inString = false;
  private escaped = false;
  private parts: Uint8Array[] = [];
  private partsLength = 0;

  // A key being collected (keys may straddle chunks too).
  private keyParts: Uint8Array[] | null = null;
  private keyEscaped = false;

  push(chunk: Uint8Array): void {
    let i = 0;
    // A UTF-8 byte order mark (EF BB BF) before the value, even split across chunks, is skipped.
    while (!this.started && this.offset + i < 3 && i < chunk.length && chunk[i] === BOM[this.offset + i]) i++;
    let pieceFrom = this.piece ? 0 : -1;
    const n = chunk.length;
    while (i < n) {
      if (this.piece) {
        // Inside a piece: find where it ends, tracking strings and nesting only.
        const end = this.scanPiece(chunk, i);
        if (end < 0) {
          this.keep(chunk.subarray(pieceFrom, n));
          break;
        }
        this.keep(chunk.subarray(pieceFrom, end));
        this.finishPiece();
        pieceFrom = -1;
        i = end;
        continue;
      }
      if (this.keyParts) {
        const end = this.scanKey(chunk, i);
        if (end < 0) {
          this.keyParts.push(chunk.subarray(i, n));
          break;
        }
        this.keyParts.push(chunk.subarray(i, end));
        this.finishKey();
        i = end + 1;
        continue;
      }
      const b = chunk[i]!;
      if (isSpace(b)) {
        i++;
        continue;
      }
      if (this.done) this.fail(i, 'unexpected data after the JSON value');
      if (this.stack.length === 0) {
        if (this.started) this.fail(i, 'unexpected data after the JSON value');
        this.started = true;
        if (b === OPEN_OBJECT) this.open(false);
        else {
          this.startPiece(b);
          pieceFrom = i;
          continue;
        }
        i++;
        continue;
      }
      const frame = this.stack[this.stack.length - 1]!;
      switch (frame.expect) {
        case 'key-or-end':
        case 'key':
          if (b === CLOSE_OBJECT && frame.expect === 'key-or-end') this.close();
          else if (b === QUOTE) {
            this.keyParts = [];
            this.keyEscaped = false;
          } else this.fail(i, 'expected a property name in double quotes');
          i++;
          break;
        case 'colon':
          if (b !== COLON) this.fail(i, 'expected ":" after a property name');
          frame.expect = 'value';
          i++;
          break;
        case 'comma-or-end':
          if (b === COMMA) frame.expect = frame.array ? 'value' : 'key';
          else if (b === (frame.array ? CLOSE_ARRAY : CLOSE_OBJECT)) this.close();
          else this.fail(i, `expected "," or "${frame.array ? ']' : '}'}"`);
          i++;
          break;
        case 'value-or-end':
        case 'value': {
          if (b === CLOSE_ARRAY && frame.expect === 'value-or-end') {
            this.close();
            i++;
            break;
          }
          const depth = this.stack.length;
          if (b === OPEN_OBJECT && depth <= 1) {
            this.open(false);
            i++;
          } else if (b === OPEN_ARRAY && depth === 1) {
            this.open(true);
            i++;
          } else {
            this.startPiece(b);
            pieceFrom = i;
          }
          break;
        }
      }
    }
    this.offset += n;
  }

  /** The parsed value; throws a SyntaxError when the text ended early or was not JSON. */
  end(): unknown {
    if (this.piece === 'scalar' && this.stack.length === 0) this.finishPiece();
    if (!this.done) throw new SyntaxError(this.started ? 'Unexpected end of JSON input' : 'Empty input: expected JSON');
    return this.result;
  }

  private open(array: boolean): void {
    this.stack.push({ value: array ? [] : {}, array, key: null, expect: array ? 'value-or-end' : 'key-or-end' });
  }

  private close(): void {
    const frame = this.stack.pop()!;
    this.deliver(frame.value);
  }

  /** A finished value goes into the container it belongs to, or is the result. */
  private deliver(value: unknown): void {
    const parent = this.stack[this.stack.length - 1];
    if (!parent) {
      this.result = value;
      this.done = true;
      return;
    }
    if (parent.array) (parent.value as unknown[]).push(value);
    // As JSON.parse does: an own property even for "__proto__".
    else Object.defineProperty(parent.value, parent.key!, { value, writable: true, enumerable: true, configurable: true });
    parent.expect = 'comma-or-end';
  }

  private startPiece(b: number): void {
    this.piece = b === OPEN_OBJECT || b === OPEN_ARRAY || b === QUOTE ? 'delimited' : 'scalar';
    this.pieceDepth = 0;
    this.inString = false;
    this.escaped = false;
    this.parts = [];
    this.partsLength = 0;
  }

  /** Index just past the piece's last byte in `chunk`, or −1 when it goes on in the next chunk. */
  private scanPiece(chunk: Uint8Array, from: number): number {
    const n = chunk.length;
    let i = from;
    if (this.piece === 'scalar') {
      while (i < n) {
        const b = chunk[i]!;
        if (b === COMMA || b === CLOSE_OBJECT || b === CLOSE_ARRAY || isSpace(b)) return i;
        i++;
      }
      return -1;
    }
    // A string is a container of depth 0: it ends at its closing quote.
    let depth = this.pieceDepth;
    let inString = this.inString;
    let escaped = this.escaped;
    for (; i < n; i++) {
      const b = chunk[i]!;
      if (inString) {
        if (escaped) escaped = false;
        else if (b === BACKSLASH) escaped = true;
        else if (b === QUOTE) {
          inString = false;
          if (depth === 0) return i + 1;
        }
      } else if (b === QUOTE) inString = true;
      else if (b === OPEN_OBJECT || b === OPEN_ARRAY) depth++;
      else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
        depth--;
        if (depth === 0) return i + 1;
      }
    }
    this.pieceDepth = depth;
    this.inString = inString;
    this.escaped = escaped;
    return -1;
  }

  private keep(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.parts.push(bytes);
    this.partsLength += bytes.length;
  }

  private finishPiece(): void {
    const bytes = join(this.parts, this.partsLength);
    this.piece = null;
    this.parts = [];
    this.partsLength = 0;
    const text = decoder.decode(bytes);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new SyntaxError(`${(error as Error).message} (in the value that starts ${JSON.stringify(text.slice(0, 40))})`);
    }
    this.deliver(value);
  }

  /** Index of the closing quote of a key in `chunk`, or −1. */
  private scanKey(chunk: Uint8Array, from: number): number {
    let escaped = this.keyEscaped;
    for (let i = from; i < chunk.length; i++) {
      const b = chunk[i]!;
      if (escaped) escaped = false;
      else if (b === BACKSLASH) escaped = true;
      else if (b === QUOTE) {
        this.keyEscaped = false;
        return i;
      }
    }
    this.keyEscaped = escaped;
    return -1;
  }

  private finishKey(): void {
    const parts = this.keyParts!;
    this.keyParts = null;
    const raw = decoder.decode(join(parts, parts.reduce((sum, p) => sum + p.length, 0)));
    const frame = this.stack[this.stack.length - 1]!;
    frame.key = JSON.parse(`"${raw}"`) as string;
    frame.expect = 'colon';
  }

  private fail(at: number, message: string): never {
    throw new SyntaxError(`${message} at byte ${this.offset + at}`);
  }
}

function join(parts: Uint8Array[], length: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return bytes;
}
