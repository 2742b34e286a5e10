/**
 * A page content stream, read into operations (operands, then the operator), as the PDF
 * specification's lexical rules (ISO 32000-1, 7.2 and 7.8.2) say: literal strings with escapes
 * and balanced parentheses, hex strings, names with #xx escapes, arrays and dictionaries as
 * operands, comments, and inline images (`BI … ID <bytes> EI`) whose bytes are skipped.
 * Independent of the code that writes the PDFs: nothing here is shared with the renderer.
 */

export type Operand = number | boolean | null | { name: string } | { string: string } | Operand[] | Map<string, Operand>;

export interface Operation {
  operator: string;
  operands: Operand[];
  /** Byte offsets of the operation in the stream: first operand to the operator's end. */
  start: number;
  end: number;
}

export type Token =
  | { kind: 'number'; value: number; start: number; end: number }
  | { kind: 'name'; value: string; start: number; end: number }
  | { kind: 'string'; value: string; start: number; end: number }
  | { kind: 'keyword'; value: string; start: number; end: number }
  | { kind: 'punct'; value: '[' | ']' | '<<' | '>>' | '{' | '}'; start: number; end: number }
  /** `BI <dict> ID <bytes> EI`, the whole inline image; value is its dictionary. */
  | { kind: 'inline-image'; value: Map<string, Operand>; start: number; end: number };

export class ContentStreamError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const isWhite = (b: number | undefined) => b === 0x00 || b === 0x09 || b === 0x0a || b === 0x0c || b === 0x0d || b === 0x20;
// ( ) < > [ ] { } / %
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);
const isRegular = (b: number | undefined) => b !== undefined && !isWhite(b) && !DELIMITERS.has(b);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;
const ESCAPES: Readonly<Record<number, number>> = { 0x6e: 0x0a, 0x72: 0x0d, 0x74: 0x09, 0x62: 0x08, 0x66: 0x0c };

/** Splits a content stream into tokens. Throws ContentStreamError on input that cannot be a content stream. */
export function* tokenize(bytes: Uint8Array): Generator<Token> {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (isWhite(b)) {
      i++;
    } else if (b === 0x25) {
      // % comment, to the end of the line
      while (i < n && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
    } else if (b === 0x28) {
      const start = i;
      const [value, end] = literalString(bytes, i);
      i = end;
      yield { kind: 'string', value, start, end };
    } else if (b === 0x3c && bytes[i + 1] === 0x3c) {
      yield { kind: 'punct', value: '<<', start: i, end: i + 2 };
      i += 2;
    } else if (b === 0x3e && bytes[i + 1] === 0x3e) {
      yield { kind: 'punct', value: '>>', start: i, end: i + 2 };
      i += 2;
    } else if (b === 0x3c) {
      const start = i;
      const close = bytes.indexOf(0x3e, i);
      if (close < 0) throw new ContentStreamError('hexstreng uden afslutning', start);
      const hex = Buffer.from(bytes.subarray(i + 1, close))
        .toString('latin1')
        .replace(/\s+/g, '');
      if (!/^[0-9a-fA-F]*$/.test(hex)) throw new ContentStreamError('ugyldigt tegn i hexstreng', start);
      i = close + 1;
      yield { kind: 'string', value: Buffer.from(hex.length % 2 === 0 ? hex : `${hex}0`, 'hex').toString('latin1'), start, end: i };
    } else if (b === 0x5b || b === 0x5d || b === 0x7b || b === 0x7d) {
      yield { kind: 'punct', value: String.fromCharCode(b) as '[' | ']' | '{' | '}', start: i, end: i + 1 };
      i++;
    } else if (b === 0x3e || b === 0x29) {
      throw new ContentStreamError(`uventet »${String.fromCharCode(b)}«`, i);
    } else if (b === 0x2f) {
      const start = i++;
      while (isRegular(bytes[i])) i++;
      const raw = Buffer.from(bytes.subarray(start + 1, i)).toString('latin1');
      const value = raw.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
      yield { kind: 'name', value, start, end: i };
    } else {
      const start = i;
      while (isRegular(bytes[i])) i++;
      const word = Buffer.from(bytes.subarray(start, i)).toString('latin1');
      if (NUMBER.test(word)) {
        yield { kind: 'number', value: Number(word), start, end: i };
      } else if (word === 'BI') {
        const image = inlineImage(bytes, i);
        i = image.end;
        yield { kind: 'inline-image', value: image.dict, start, end: i };
      } else {
        yield { kind: 'keyword', value: word, start, end: i };
      }
    }
  }
}

/** A literal string from its `(` to the matching `)`: balanced inner parentheses, backslash escapes. */
function literalString(bytes: Uint8Array, open: number): [string, number] {
  const out: number[] = [];
  let depth = 1;
  let i = open + 1;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b === 0x5c) {
      const next = bytes[i + 1];
      if (next === undefined) break;
      if (next >= 0x30 && next <= 0x37) {
        // \ddd: one to three octal digits
        let j = i + 1;
        let code = 0;
        while (j < i + 4 && bytes[j] !== undefined && bytes[j]! >= 0x30 && bytes[j]! <= 0x37) code = code * 8 + bytes[j++]! - 0x30;
        out.push(code & 0xff);
        i = j;
        continue;
      }
      if (next === 0x0d || next === 0x0a) {
        // a line continuation: backslash and end of line are left out
        i += next === 0x0d && bytes[i + 2] === 0x0a ? 3 : 2;
        continue;
      }
      out.push(ESCAPES[next] ?? next);
      i += 2;
      continue;
    }
    if (b === 0x28) depth++;
    if (b === 0x29 && --depth === 0) return [Buffer.from(out).toString('latin1'), i + 1];
    out.push(b);
    i++;
  }
  throw new ContentStreamError('streng uden afsluttende parentes', open);
}

/**
 * The rest of an inline image after `BI`: its dictionary up to `ID`, then its data, up to `EI`.
 * The data is binary and may contain anything, »EI« included. Its end is taken from /L (/Length)
 * when the dictionary gives it and `EI` follows there; otherwise it is the first `EI` between
 * white-space that is followed by text-like bytes (operators, not more binary data).
 */
function inlineImage(bytes: Uint8Array, afterBI: number): { dict: Map<string, Operand>; end: number } {
  const tokens: Token[] = [];
  let dataStart = -1;
  for (const token of tokenize(bytes.subarray(afterBI))) {
    if (token.kind === 'keyword' && token.value === 'ID') {
      // exactly one white-space byte separates ID from the data
      dataStart = afterBI + token.end + 1;
      break;
    }
    tokens.push(token);
  }
  if (dataStart < 0) throw new ContentStreamError('inline-billede uden ID', afterBI);
  const dict = new Map<string, Operand>();
  const parsed = readOperands(tokens.values(), afterBI);
  for (let k = 0; k + 1 < parsed.length; k += 2) {
    const key = parsed[k];
    if (key !== null && typeof key === 'object' && 'name' in key) dict.set(key.name, parsed[k + 1]!);
  }
  const length = dict.get('L') ?? dict.get('Length');
  if (typeof length === 'number' && length >= 0) {
    let j = dataStart + length;
    while (isWhite(bytes[j])) j++;
    if (bytes[j] === 0x45 && bytes[j + 1] === 0x49 && (j + 2 >= bytes.length || !isRegular(bytes[j + 2]))) return { dict, end: j + 2 };
  }
  for (let j = dataStart; j + 1 < bytes.length; j++) {
    if (bytes[j] !== 0x45 || bytes[j + 1] !== 0x49 || !isWhite(bytes[j - 1])) continue;
    if (j + 2 < bytes.length && !isWhite(bytes[j + 2])) continue;
    if (textLike(bytes.subarray(j + 2, j + 34))) return { dict, end: j + 2 };
  }
  throw new ContentStreamError('inline-billede uden EI', afterBI);
}

const textLike = (bytes: Uint8Array) => bytes.every((b) => isWhite(b) || (b >= 0x20 && b < 0x7f));

/** Reads operands (numbers, names, strings, arrays, dictionaries, true/false/null) until the tokens end. */
function readOperands(tokens: Iterator<Token>, offset: number): Operand[] {
  const out: Operand[] = [];
  for (let next = tokens.next(); !next.done; next = tokens.next()) {
    const value = operand(next.value, tokens, offset);
    if (value === CLOSE) throw new ContentStreamError(`uventet »${closer(next.value)}«`, offset + next.value.start);
    out.push(value);
  }
  return out;
}

const CLOSE = Symbol('close');

/** The punctuation that closed an array or dictionary (CLOSE is only returned for `]`, `>>` and `}`). */
const closer = (token: Token): string => (token.kind === 'punct' ? token.value : token.kind);

/** One operand starting with `token`; arrays and dictionaries read on from `rest`. CLOSE for `]` and `>>`. */
function operand(token: Token, rest: Iterator<Token>, offset: number): Operand | typeof CLOSE {
  switch (token.kind) {
    case 'number':
      return token.value;
    case 'name':
      return { name: token.value };
    case 'string':
      return { string: token.value };
    case 'inline-image':
      throw new ContentStreamError('inline-billede som operand', offset + token.start);
    case 'keyword':
      if (token.value === 'true' || token.value === 'false') return token.value === 'true';
      if (token.value === 'null') return null;
      throw new ContentStreamError(`operator »${token.value}« inde i et array eller en ordbog`, offset + token.start);
    case 'punct': {
      if (token.value === ']' || token.value === '>>' || token.value === '}') return CLOSE;
      const items: Operand[] = [];
      const expected = token.value === '[' ? ']' : token.value === '<<' ? '>>' : '}';
      for (let next = rest.next(); ; next = rest.next()) {
        if (next.done) throw new ContentStreamError(`»${token.value}« uden »${expected}«`, offset + token.start);
        const item = operand(next.value, rest, offset);
        if (item === CLOSE) {
          if (closer(next.value) !== expected) {
            throw new ContentStreamError(`»${token.value}« lukket med »${closer(next.value)}«`, offset + next.value.start);
          }
          break;
        }
        items.push(item);
      }
      if (token.value !== '<<') return items;
      if (items.length % 2 !== 0) throw new ContentStreamError('ordbog med et ulige antal elementer', offset + token.start);
      const dict = new Map<string, Operand>();
      for (let k = 0; k < items.length; k += 2) {
        const key = items[k];
        if (key === null || typeof key !== 'object' || !('name' in key)) throw new ContentStreamError('ordbogsnøgle er ikke et navn', offset + token.start);
        dict.set(key.name, items[k + 1]!);
      }
      return dict;
    }
  }
}

/** The operations of a content stream, in order. An inline image is one operation, `BI`, with its dictionary as operand. */
export function* operations(bytes: Uint8Array): Generator<Operation> {
  const tokens = tokenize(bytes);
  let operands: Operand[] = [];
  let start = -1;
  for (let next = tokens.next(); !next.done; next = tokens.next()) {
    const token = next.value;
    if (start < 0) start = token.start;
    if (token.kind === 'keyword' && token.value !== 'true' && token.value !== 'false' && token.value !== 'null') {
      yield { operator: token.value, operands, start, end: token.end };
      operands = [];
      start = -1;
    } else if (token.kind === 'inline-image') {
      yield { operator: 'BI', operands: [...operands, token.value], start, end: token.end };
      operands = [];
      start = -1;
    } else {
      const value = operand(token, tokens, 0);
      if (value === CLOSE) throw new ContentStreamError(`uventet »${token.value}«`, token.start);
      operands.push(value);
    }
  }
  if (operands.length > 0) throw new ContentStreamError('operander uden operator til sidst i strømmen', start);
}

/** A stream's operations up to the first syntax error, and that error if there was one. */
export interface ParsedStream {
  operations: readonly Operation[];
  error: ContentStreamError | undefined;
}

const parsed = new WeakMap<Uint8Array, ParsedStream>();

/**
 * The operations of a content stream, parsed once however many checks read it (the marking
 * check and the structure text read every page: tokenizing is most of their time).
 */
export function parsedOperations(bytes: Uint8Array): ParsedStream {
  let result = parsed.get(bytes);
  if (result === undefined) {
    const list: Operation[] = [];
    let error: ContentStreamError | undefined;
    try {
      for (const op of operations(bytes)) list.push(op);
    } catch (caught) {
      if (!(caught instanceof ContentStreamError)) throw caught;
      error = caught;
    }
    result = { operations: list, error };
    parsed.set(bytes, result);
  }
  return result;
}
