/**
 * A small, strict reader for the PDF objects of a signed file's incremental updates: the
 * syntax of ISO 32000-1 § 7.3 (values), § 7.5.4 (cross-reference tables) and § 7.5.6
 * (updates). It reads what signing tools write after our seal, to tell an added signature
 * from a changed document; anything it does not understand is an error, never a guess.
 * Offsets are file offsets throughout.
 */

export type PdfValue =
  | { type: 'name'; value: string }
  | { type: 'number'; value: number }
  | { type: 'string'; bytes: Buffer; hex: boolean; start: number; end: number }
  | { type: 'boolean'; value: boolean }
  | { type: 'null' }
  | { type: 'ref'; num: number; gen: number }
  | { type: 'array'; items: PdfValue[] }
  | { type: 'dict'; entries: Map<string, PdfValue> };

export type PdfDict = Extract<PdfValue, { type: 'dict' }>;

export interface IndirectObject {
  num: number;
  gen: number;
  value: PdfValue;
  /** The raw (still encoded) stream data, for a stream object. */
  stream?: Buffer;
  start: number;
  end: number;
}

interface XrefEntry {
  offset: number;
  gen: number;
  inUse: boolean;
}

export interface XrefSection {
  entries: Map<number, XrefEntry>;
  trailer: PdfDict;
  start: number;
}

/** Malformed input, with the offset it was found at. */
export class PdfSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const MAX_DEPTH = 64;
const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

const isRegular = (byte: number | undefined): byte is number => byte !== undefined && !WHITESPACE.has(byte) && !DELIMITERS.has(byte);

export class PdfReader {
  constructor(
    readonly bytes: Buffer,
    public pos = 0,
  ) {}

  /** Skips whitespace and comments. */
  skip(): void {
    const b = this.bytes;
    while (this.pos < b.length) {
      const byte = b[this.pos]!;
      if (WHITESPACE.has(byte)) this.pos++;
      else if (byte === 0x25) {
        while (this.pos < b.length && b[this.pos] !== 0x0a && b[this.pos] !== 0x0d) this.pos++;
      } else break;
    }
  }

  /** The next regular token (keyword or number) without consuming it; '' at a delimiter or the end. */
  peekWord(): string {
    this.skip();
    let end = this.pos;
    while (isRegular(this.bytes[end])) end++;
    return this.bytes.toString('latin1', this.pos, end);
  }

  word(): string {
    const word = this.peekWord();
    this.pos += word.length;
    return word;
  }

  expectWord(expected: string): void {
    const at = this.pos;
    const word = this.word();
    if (word !== expected) throw new PdfSyntaxError(`forventede »${expected}«`, at);
  }

  integer(): number {
    const at = this.pos;
    const word = this.word();
    if (!/^\d{1,10}$/.test(word)) throw new PdfSyntaxError('forventede et heltal', at);
    return Number(word);
  }

  value(depth = 0): PdfValue {
    if (depth > MAX_DEPTH) throw new PdfSyntaxError('for dybt indlejret', this.pos);
    this.skip();
    const b = this.bytes;
    const at = this.pos;
    const byte = b[at];
    if (byte === undefined) throw new PdfSyntaxError('filen slutter midt i et objekt', at);
    if (byte === 0x3c && b[at + 1] === 0x3c) return this.dictionary(depth);
    if (byte === 0x3c) return this.hexString();
    if (byte === 0x28) return this.literalString();
    if (byte === 0x5b) {
      this.pos++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skip();
        if (b[this.pos] === 0x5d) {
          this.pos++;
          return { type: 'array', items };
        }
        items.push(this.value(depth + 1));
      }
    }
    if (byte === 0x2f) return { type: 'name', value: this.name() };
    const word = this.word();
    if (word === 'true' || word === 'false') return { type: 'boolean', value: word === 'true' };
    if (word === 'null') return { type: 'null' };
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
      // An indirect reference is "num gen R".
      if (/^\d+$/.test(word)) {
        const save = this.pos;
        const gen = this.peekWord();
        if (/^\d+$/.test(gen)) {
          this.pos += gen.length;
          if (this.peekWord() === 'R') {
            this.pos++;
            return { type: 'ref', num: Number(word), gen: Number(gen) };
          }
        }
        this.pos = save;
      }
      return { type: 'number', value: Number(word) };
    }
    throw new PdfSyntaxError(word === '' ? 'uventet tegn' : `uventet »${word.slice(0, 20)}«`, at);
  }

  private dictionary(depth: number): PdfDict {
    this.pos += 2;
    const entries = new Map<string, PdfValue>();
    for (;;) {
      this.skip();
      if (this.bytes[this.pos] === 0x3e && this.bytes[this.pos + 1] === 0x3e) {
        this.pos += 2;
        return { type: 'dict', entries };
      }
      if (this.bytes[this.pos] !== 0x2f) throw new PdfSyntaxError('forventede et navn i en ordbog', this.pos);
      const key = this.name();
      if (entries.has(key)) throw new PdfSyntaxError(`nøglen /${key} står to gange i samme ordbog`, this.pos);
      entries.set(key, this.value(depth + 1));
    }
  }

  private name(): string {
    this.pos++; // the slash
    const start = this.pos;
    while (isRegular(this.bytes[this.pos])) this.pos++;
    return this.bytes.toString('latin1', start, this.pos).replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }

  private hexString(): PdfValue {
    const start = this.pos;
    const end = this.bytes.indexOf(0x3e, start);
    if (end < 0) throw new PdfSyntaxError('hexstrengen slutter ikke', start);
    const digits = this.bytes.toString('latin1', start + 1, end).replace(/[\0\t\n\f\r ]/g, '');
    if (!/^[0-9A-Fa-f]*$/.test(digits)) throw new PdfSyntaxError('ugyldigt tegn i en hexstreng', start);
    this.pos = end + 1;
    return { type: 'string', bytes: Buffer.from(digits.length % 2 ? `${digits}0` : digits, 'hex'), hex: true, start, end: this.pos };
  }

  private literalString(): PdfValue {
    const start = this.pos;
    const b = this.bytes;
    const out: number[] = [];
    let depth = 0;
    this.pos++;
    for (;;) {
      const byte = b[this.pos++];
      if (byte === undefined) throw new PdfSyntaxError('strengen slutter ikke', start);
      if (byte === 0x5c) {
        const next = b[this.pos++];
        if (next === undefined) throw new PdfSyntaxError('strengen slutter ikke', start);
        const simple: Record<number, number> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c, 0x28: 0x28, 0x29: 0x29, 0x5c: 0x5c };
        if (simple[next] !== undefined) out.push(simple[next]);
        else if (next >= 0x30 && next <= 0x37) {
          let octal = next - 0x30;
          for (let i = 0; i < 2 && (b[this.pos] ?? 0) >= 0x30 && (b[this.pos] ?? 0) <= 0x37; i++) octal = octal * 8 + (b[this.pos++]! - 0x30);
          out.push(octal & 0xff);
        } else if (next === 0x0d) {
          if (b[this.pos] === 0x0a) this.pos++;
        } else if (next !== 0x0a) out.push(next);
        continue;
      }
      if (byte === 0x28) depth++;
      if (byte === 0x29 && depth-- === 0) return { type: 'string', bytes: Buffer.from(out), hex: false, start, end: this.pos };
      out.push(byte);
    }
  }

  /**
   * The indirect object at the current position. A stream's /Length must be a direct number
   * (or resolvable by `length`), and the data must be followed by "endstream".
   */
  indirectObject(length?: (ref: { num: number; gen: number }) => number | undefined): IndirectObject {
    this.skip();
    const start = this.pos;
    const num = this.integer();
    const gen = this.integer();
    this.expectWord('obj');
    const value = this.value();
    let stream: Buffer | undefined;
    if (this.peekWord() === 'stream') {
      this.pos += 'stream'.length;
      if (this.bytes[this.pos] === 0x0d) this.pos++;
      if (this.bytes[this.pos] !== 0x0a) throw new PdfSyntaxError('»stream« skal efterfølges af et linjeskift', this.pos);
      this.pos++;
      const lengthValue = value.type === 'dict' ? value.entries.get('Length') : undefined;
      const size =
        lengthValue?.type === 'number'
          ? lengthValue.value
          : lengthValue?.type === 'ref' && length
            ? length({ num: lengthValue.num, gen: lengthValue.gen })
            : undefined;
      if (size === undefined || !Number.isInteger(size) || size < 0 || this.pos + size > this.bytes.length) {
        throw new PdfSyntaxError('strømmens længde (/Length) kan ikke bestemmes', this.pos);
      }
      stream = this.bytes.subarray(this.pos, this.pos + size);
      this.pos += size;
      this.expectWord('endstream');
    }
    this.expectWord('endobj');
    return { num, gen, value, ...(stream ? { stream } : {}), start, end: this.pos };
  }

  /** A classic cross-reference table ("xref" … "trailer" <<…>>) at the current position. */
  xrefSection(): XrefSection {
    this.skip();
    const start = this.pos;
    this.expectWord('xref');
    const entries = new Map<number, XrefEntry>();
    while (/^\d+$/.test(this.peekWord())) {
      const first = this.integer();
      const count = this.integer();
      for (let i = 0; i < count; i++) {
        const at = this.pos;
        const offset = this.integer();
        const gen = this.integer();
        const kind = this.word();
        if (kind !== 'n' && kind !== 'f') throw new PdfSyntaxError('ugyldig linje i krydsreferencetabellen', at);
        entries.set(first + i, { offset, gen, inUse: kind === 'n' });
      }
    }
    this.expectWord('trailer');
    const trailer = this.value();
    if (trailer.type !== 'dict') throw new PdfSyntaxError('trailer er ikke en ordbog', this.pos);
    return { entries, trailer, start };
  }
}

/** A value's canonical text, for comparing two definitions of an object regardless of layout. */
export function canonical(value: PdfValue | undefined): string {
  if (value === undefined) return '';
  switch (value.type) {
    case 'name':
      return `/${JSON.stringify(value.value)}`;
    case 'number':
      return String(value.value);
    case 'string':
      return `<${value.bytes.toString('hex')}>`;
    case 'boolean':
      return String(value.value);
    case 'null':
      return 'null';
    case 'ref':
      return `${value.num} ${value.gen} R`;
    case 'array':
      return `[${value.items.map(canonical).join(' ')}]`;
    case 'dict':
      return `<<${[...value.entries.keys()]
        .sort()
        .map((key) => `/${JSON.stringify(key)} ${canonical(value.entries.get(key))}`)
        .join(' ')}>>`;
  }
}

export const dictOf = (value: PdfValue | undefined): PdfDict | undefined => (value?.type === 'dict' ? value : undefined);

export function nameOf(value: PdfValue | undefined): string | undefined {
  return value?.type === 'name' ? value.value : undefined;
}

export function refOf(value: PdfValue | undefined): number | undefined {
  return value?.type === 'ref' ? value.num : undefined;
}

/** A text string (PDFDocEncoding as latin1, or UTF-16BE with a byte order mark) as JS text. */
export function textOf(value: PdfValue | undefined): string | undefined {
  if (value?.type !== 'string') return undefined;
  const { bytes } = value;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const utf16 = Buffer.from(bytes.subarray(2, 2 + ((bytes.length - 2) & ~1)));
    return utf16.swap16().toString('utf16le');
  }
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('latin1');
}
