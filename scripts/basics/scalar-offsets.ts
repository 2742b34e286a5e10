import { Scalar } from 'yaml';

/**
 * Maps positions in a text value back to the YAML source, so a finding can point at the very
 * character (a direction mark, a long word) even inside a folded block or a quoted string with
 * escapes. YAML changes only whitespace when it folds lines and strips indentation, and writes
 * every other character of the value either literally or as one escape (`\u202E`, `''`), in
 * order. So the value's non-whitespace characters are matched, in order, against the source's
 * units; whitespace in the value maps to the source position it sits at.
 */

interface Unit {
  /** What the unit contributes to the value ('' for an escaped line break). */
  text: string;
  offset: number;
  length: number;
  /** Literal source whitespace (indentation, line breaks): folded freely by YAML. */
  space: boolean;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  t: '\t',
  '\t': '\t',
  n: '\n',
  v: '\v',
  f: '\f',
  r: '\r',
  e: '\x1b',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/** The source of a scalar as units, in order; undefined for a type this does not know. */
function units(source: string, node: Scalar): Unit[] | undefined {
  const [start, end] = node.range ?? [0, 0];
  const out: Unit[] = [];
  const literal = (i: number) => out.push({ text: source[i]!, offset: i, length: 1, space: isSpace(source[i]!) });
  switch (node.type) {
    case Scalar.PLAIN:
      for (let i = start; i < end; i++) literal(i);
      return out;
    case Scalar.QUOTE_SINGLE:
      for (let i = start + 1; i < end - 1; i++) {
        if (source[i] === "'" && source[i + 1] === "'") {
          out.push({ text: "'", offset: i, length: 2, space: false });
          i++;
        } else literal(i);
      }
      return out;
    case Scalar.QUOTE_DOUBLE:
      for (let i = start + 1; i < end - 1; i++) {
        if (source[i] !== '\\') {
          literal(i);
          continue;
        }
        const c = source[i + 1] ?? '';
        if (c === '\n' || c === '\r') {
          // An escaped line break joins the lines; it contributes nothing.
          out.push({ text: '', offset: i, length: 1, space: false });
        } else if (c in HEX_ESCAPES) {
          const digits = HEX_ESCAPES[c]!;
          const code = parseInt(source.slice(i + 2, i + 2 + digits), 16);
          // What yaml makes of the code, lone surrogates included.
          const text = Number.isNaN(code) ? '' : code > 0xffff ? String.fromCodePoint(code) : String.fromCharCode(code);
          out.push({ text, offset: i, length: 2 + digits, space: false });
          i += 1 + digits;
        } else {
          out.push({ text: SIMPLE_ESCAPES[c] ?? c, offset: i, length: 2, space: false });
          i += 1;
        }
      }
      return out;
    case Scalar.BLOCK_LITERAL:
    case Scalar.BLOCK_FOLDED: {
      // The header line (`>-`, `|2`, a comment) is not part of the value.
      const body = source.indexOf('\n', start);
      if (body < 0) return out;
      for (let i = body + 1; i < end; i++) literal(i);
      return out;
    }
    default:
      return undefined;
  }
}

/** Where each UTF-16 index of a value was written: the source range of its character or escape. */
export interface ValueOffsets {
  start: Int32Array;
  end: Int32Array;
}

/** The source span of the value's characters [from, to). */
export function sourceSpan(offsets: ValueOffsets, from: number, to: number): { start: number; end: number } {
  return { start: offsets.start[from]!, end: Math.max(offsets.end[Math.max(from, to - 1)]!, offsets.start[from]! + 1) };
}

/**
 * Source range of each UTF-16 index of `value` (the scalar's string value); undefined when the
 * value cannot be matched to the source (the caller then points at the whole value, as before).
 */
export function scalarOffsets(source: string, node: Scalar, value: string): ValueOffsets | undefined {
  const list = units(source, node);
  if (!list) return undefined;
  const offsets = new Int32Array(value.length + 1);
  const ends = new Int32Array(value.length + 1);
  let u = 0;
  let last = node.range?.[0] ?? 0;
  for (let i = 0; i < value.length;) {
    const c = value[i]!;
    if (isSpace(c)) {
      // Escaped whitespace must be consumed where it stands; literal whitespace is folded.
      const unit = list[u];
      if (unit && !unit.space && unit.text !== '' && value.startsWith(unit.text, i)) {
        for (let k = 0; k < unit.text.length; k++) [offsets[i + k], ends[i + k]] = [unit.offset, unit.offset + unit.length];
        last = unit.offset + unit.length;
        i += unit.text.length;
        u++;
        continue;
      }
      while (list[u]?.space && list[u]!.text !== c) u++;
      const at = list[u];
      offsets[i] = at ? at.offset : last;
      ends[i] = offsets[i]! + 1;
      if (at?.space) {
        last = at.offset + at.length;
        u++;
      }
      i++;
      continue;
    }
    while (u < list.length && (list[u]!.space || list[u]!.text === '')) u++;
    const unit = list[u];
    if (!unit || !value.startsWith(unit.text, i)) return undefined;
    for (let k = 0; k < unit.text.length; k++) [offsets[i + k], ends[i + k]] = [unit.offset, unit.offset + unit.length];
    last = unit.offset + unit.length;
    i += unit.text.length;
    u++;
  }
  // Anything left must be whitespace YAML dropped (trailing line breaks, indentation).
  for (; u < list.length; u++) if (!list[u]!.space && list[u]!.text !== '') return undefined;
  offsets[value.length] = last;
  ends[value.length] = last;
  return { start: offsets, end: ends };
}
