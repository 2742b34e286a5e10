/**
 * A redline line's pieces with the spaces inside dates, amounts and »§ n« made non-breaking, as
 * the documents' PDF and Word files have them (emit/pdf/no-break.ts). A unit is often split over
 * pieces (»1. « equal, »januar« deleted, »februar« inserted, » 2027« equal), so each piece is not
 * bound on its own: each version of the whole line is, and the pieces take their characters from
 * it. The new version decides for the text both share; deleted text follows the old version.
 * Only the redline files use this: the Markdown report keeps ordinary spaces.
 */
import { bindUnits } from '../emit/pdf/no-break.ts';
import type { Piece } from './types.ts';

/** `pieces` of one line with their units bound: shared and inserted text as the new line binds it, deleted text as the old line does. */
export function bindPieces(pieces: readonly Piece[]): Piece[] {
  if (!pieces.some((p) => /[0-9§]/.test(p.text))) return [...pieces];
  const newer = boundVersion(pieces, 'delete');
  const older = boundVersion(pieces, 'insert');
  return pieces.map((p, i) => ({ op: p.op, text: (p.op === 'delete' ? older[i] : newer[i]) ?? p.text }));
}

/**
 * Each piece's text as bound within the line without the `leftOut` pieces; the left-out ones
 * keep theirs. bindUnits only turns spaces into non-breaking ones, so lengths are kept and the
 * bound line can be cut at the pieces' old offsets.
 */
function boundVersion(pieces: readonly Piece[], leftOut: Piece['op']): string[] {
  const kept = pieces.filter((p) => p.op !== leftOut);
  const bound = bindUnits(kept.map((p) => p.text).join(''));
  let at = 0;
  return pieces.map((p) => {
    if (p.op === leftOut) return p.text;
    const text = bound.slice(at, at + p.text.length);
    at += p.text.length;
    return text;
  });
}
