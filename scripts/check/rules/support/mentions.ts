/**
 * Finds »bilag 4«, »bilag 1a–1h«, »bilag 2 og 3« in free text, and maps each number from the
 * parsed value back to the YAML source, so a finding can point at the word itself even inside
 * a folded or literal block scalar.
 */

/** »bilag« or »bilagene«, then a list of numbers like 4, 1a, 1a–1h, 2, 3 og 5. */
const listPattern = /\bbilag(?:ene)?\s+(\d{1,3}[a-z]?(?![\p{L}\p{N}])(?:\s*(?:,|og|samt|eller|til|[–-])\s*\d{1,3}[a-z]?(?![\p{L}\p{N}]))*)/giu;
const numberPattern = /\d{1,3}[a-z]?(?![\p{L}\p{N}])/giu;

export interface Mention {
  /** Lower case, as numbers are derived: »1a«, »4«. */
  number: string;
  /** Offset of the number in the text searched. */
  offset: number;
  length: number;
}

export function findMentions(text: string): Mention[] {
  const out: Mention[] = [];
  for (const list of text.matchAll(listPattern)) {
    const numbers = list[1]!;
    const base = list.index + list[0].length - numbers.length;
    for (const n of numbers.matchAll(numberPattern)) out.push({ number: n[0].toLowerCase(), offset: base + n.index, length: n[0].length });
  }
  return out;
}

/**
 * The source offsets of the value's mentions, found by searching the node's raw source for the
 * same pattern (line breaks and indentation are whitespace to it). Used only when both searches
 * find the same numbers in the same order; otherwise undefined, and the caller points at the
 * start of the field. Escapes in quoted strings could shift matches; the check catches that.
 */
export function sourceOffsets(value: string, raw: string, rawStart: number): number[] | undefined {
  const inValue = findMentions(value);
  const inRaw = findMentions(raw);
  if (inValue.length !== inRaw.length || inValue.some((m, i) => m.number !== inRaw[i]!.number)) return undefined;
  return inRaw.map((m) => rawStart + m.offset);
}
