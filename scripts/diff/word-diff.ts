import { diffWords } from 'diff';
import { danishWords, hasWord, segments } from './segment.ts';
import type { Piece } from './types.ts';

/** Merges neighbours with the same op and drops empty pieces. */
function normalisePieces(pieces: readonly Piece[]): Piece[] {
  const out: Piece[] = [];
  for (const p of pieces) {
    if (p.text === '') continue;
    const last = out.at(-1);
    if (last && last.op === p.op) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

/**
 * One changed region (old text → new text) as pieces, with the segments both sides share at
 * the start and end moved out as unchanged text: »(ikke fastsat).« → »1.234.567 kr..« becomes
 * »(ikke fastsat)« → »1.234.567 kr.« followed by an unchanged ».«.
 */
function region(before: string, after: string): Piece[] {
  const a = segments(before).map((s) => s.text);
  const b = segments(after).map((s) => s.text);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const join = (xs: string[], from: number, to: number) => xs.slice(from, to).join('');
  return [
    { op: 'equal', text: join(b, 0, start) },
    { op: 'delete', text: join(a, start, a.length - end) },
    { op: 'insert', text: join(b, start, b.length - end) },
    { op: 'equal', text: join(b, b.length - end, b.length) },
  ];
}

/**
 * Word diff of two texts with Danish segmentation: the diff library's diffWords with an
 * Intl.Segmenter for »da«, so words are what ICU calls words and whitespace changes alone are
 * not changes. Then a cleanup for readers: unchanged runs of only punctuation or spaces between
 * two changes (a lone ».« or »-«) are folded into the change, so a replaced phrase reads as
 * one deletion and one insertion instead of a comb of fragments.
 */
export function wordDiff(before: string, after: string): Piece[] {
  if (before === after) return before === '' ? [] : [{ op: 'equal', text: after }];
  const changes = diffWords(before, after, { intlSegmenter: danishWords });
  const out: Piece[] = [];
  let open: { before: string; after: string } | undefined;
  const flush = () => {
    if (open) out.push(...region(open.before, open.after));
    open = undefined;
  };
  changes.forEach((change, i) => {
    if (change.added || change.removed) {
      open ??= { before: '', after: '' };
      if (change.added) open.after += change.value;
      else open.before += change.value;
      return;
    }
    const next = changes[i + 1];
    if (open && next && (next.added || next.removed) && !hasWord(change.value)) {
      open.before += change.value;
      open.after += change.value;
      return;
    }
    flush();
    out.push({ op: 'equal', text: change.value });
  });
  flush();
  return normalisePieces(out);
}

/** The text of one side of a diff: the old text without insertions, or the new without deletions. */
export function sideText(pieces: readonly Piece[], side: 'before' | 'after'): string {
  const skip = side === 'before' ? 'insert' : 'delete';
  return pieces
    .filter((p) => p.op !== skip)
    .map((p) => p.text)
    .join('');
}
