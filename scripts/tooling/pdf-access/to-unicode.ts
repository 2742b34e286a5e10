/**
 * A font's /ToUnicode CMap (ISO 32000-1, 9.10.3), read into a decoder from the bytes a text
 * operator shows to Unicode text: `begincodespacerange` gives the code lengths, `beginbfchar`
 * single codes, `beginbfrange` runs of codes (an incrementing destination, or an array of
 * destinations, one per code). Read with the content-stream tokenizer: a CMap uses the same
 * lexical rules. Independent of the code that writes the PDFs.
 */
import { ContentStreamError, type Token, tokenize } from './content-stream.ts';

/** A code-space range, byte by byte: a code of `low.length` bytes is in it when every byte lies between its bounds. */
interface Codespace {
  low: number[];
  high: number[];
}

/** A bfrange with one destination: code `low + k` maps to the destination with its last UTF-16 unit plus k. */
interface Run {
  width: number;
  low: number;
  high: number;
  first: number[];
}

export interface ToUnicode {
  codespaces: Codespace[];
  /** Single codes (bfchar, and bfrange's array form), keyed by the code's bytes as latin1 text. */
  codes: Map<string, string>;
  runs: Run[];
}

const bytesOf = (text: string): number[] => Array.from(text, (c) => c.charCodeAt(0));
const codeValue = (text: string): number => bytesOf(text).reduce((value, b) => value * 256 + b, 0);

/** UTF-16BE bytes (a destination) as UTF-16 code units. */
function units(text: string): number[] {
  const out: number[] = [];
  for (let i = 0; i + 1 < text.length; i += 2) out.push(text.charCodeAt(i) * 256 + text.charCodeAt(i + 1));
  return out;
}

/** The code of `width` bytes with value `value`, as latin1 text. */
function codeText(value: number, width: number): string {
  let text = '';
  for (let i = width - 1; i >= 0; i--) text += String.fromCharCode(Math.floor(value / 256 ** i) % 256);
  return text;
}

/** Reads a ToUnicode CMap. What cannot be read (a lexical error, an unknown operand) is left out; what came before it is kept. */
export function parseToUnicode(bytes: Uint8Array): ToUnicode {
  const cmap: ToUnicode = { codespaces: [], codes: new Map(), runs: [] };
  const tokens: Token[] = [];
  try {
    for (const token of tokenize(bytes)) tokens.push(token);
  } catch (error) {
    if (!(error instanceof ContentStreamError)) throw error;
  }
  let section: 'codespace' | 'bfchar' | 'bfrange' | undefined;
  let args: (string | string[] | undefined)[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'keyword') {
      section =
        token.value === 'begincodespacerange' ? 'codespace' : token.value === 'beginbfchar' ? 'bfchar' : token.value === 'beginbfrange' ? 'bfrange' : undefined;
      args = [];
      continue;
    }
    if (section === undefined) continue;
    if (token.kind === 'string') {
      args.push(token.value);
    } else if (token.kind === 'punct' && token.value === '[') {
      const list: string[] = [];
      for (i++; i < tokens.length && !(tokens[i]!.kind === 'punct' && tokens[i]!.value === ']'); i++) {
        const item = tokens[i]!;
        list.push(item.kind === 'string' ? item.value : '');
      }
      args.push(list);
    } else {
      // A destination given as a glyph name (/space) or anything else: not mapped.
      args.push(undefined);
    }
    const [a, b, c] = args;
    if (section === 'codespace' && args.length === 2) {
      if (typeof a === 'string' && typeof b === 'string' && a.length === b.length && a.length > 0) {
        cmap.codespaces.push({ low: bytesOf(a), high: bytesOf(b) });
      }
      args = [];
    } else if (section === 'bfchar' && args.length === 2) {
      if (typeof a === 'string' && typeof b === 'string') cmap.codes.set(a, String.fromCharCode(...units(b)));
      args = [];
    } else if (section === 'bfrange' && args.length === 3) {
      if (typeof a === 'string' && typeof b === 'string' && a.length === b.length) {
        const low = codeValue(a);
        const high = codeValue(b);
        if (Array.isArray(c)) {
          for (let k = 0; k < c.length && low + k <= high; k++) cmap.codes.set(codeText(low + k, a.length), String.fromCharCode(...units(c[k]!)));
        } else if (typeof c === 'string' && high >= low) {
          cmap.runs.push({ width: a.length, low, high, first: units(c) });
        }
      }
      args = [];
    }
  }
  cmap.codespaces.sort((x, y) => x.low.length - y.low.length);
  return cmap;
}

/** How many bytes the code at `at` takes: the shortest code-space range it lies in, else the shortest range's length, else `fallback`. */
function codeWidth(cmap: ToUnicode, text: string, at: number, fallback: number): number {
  for (const { low, high } of cmap.codespaces) {
    if (at + low.length > text.length) continue;
    if (low.every((l, j) => text.charCodeAt(at + j) >= l && text.charCodeAt(at + j) <= high[j]!)) return low.length;
  }
  return cmap.codespaces[0]?.low.length ?? fallback;
}

/** The Unicode text of one code, or undefined when the CMap does not map it. */
function lookup(cmap: ToUnicode, code: string): string | undefined {
  const single = cmap.codes.get(code);
  if (single !== undefined) return single;
  const value = codeValue(code);
  for (const run of cmap.runs) {
    if (run.width !== code.length || value < run.low || value > run.high) continue;
    const out = [...run.first];
    if (out.length > 0) out[out.length - 1]! += value - run.low;
    return String.fromCharCode(...out);
  }
  return undefined;
}

/**
 * The shown bytes (latin1 text, as the tokenizer gives strings) as Unicode. Where the CMap has
 * no code-space range, a code is 2 bytes in a composite (Type0) font and 1 byte in a simple font;
 * a code the CMap does not map gives its byte as latin1 in a simple font and nothing in a Type0 font.
 */
export function decodeText(cmap: ToUnicode, text: string, composite: boolean): string {
  let out = '';
  for (let at = 0; at < text.length;) {
    const length = Math.min(codeWidth(cmap, text, at, composite ? 2 : 1), text.length - at);
    const code = text.slice(at, at + length);
    out += lookup(cmap, code) ?? (composite ? '' : code);
    at += length;
  }
  return out;
}
