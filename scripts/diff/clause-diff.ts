import { align, type Match } from './align.ts';
import { similarity, withoutNumbers } from './segment.ts';
import type { Clause, ClauseDiff, Line, LineDiff, Piece } from './types.ts';
import { wordDiff } from './word-diff.ts';

/** Two texts are »the same line, edited« from this share of common words (Dice) upwards. */
const SIMILAR = 0.5;

const lineText = (l: Line) => l.cells.join(' | ');
const sameCells = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((c, i) => c === b[i]);

const lineStages: ReadonlyArray<Match<Line>> = [
  // 1. identical text (list numbers aside: they are derived and shift with every insertion)
  (a, b) => a.kind === b.kind && a.depth === b.depth && a.header === b.header && sameCells(a.cells, b.cells),
  // 2. identical but for numbers: a renumbered bilag line or a clause reference that moved
  (a, b) => a.kind === b.kind && withoutNumbers(lineText(a)) === withoutNumbers(lineText(b)),
  // 3. an edit of the same line: a table row keeps its first cell, a paragraph most of its words
  (a, b) =>
    a.kind === b.kind &&
    ((a.kind === 'row' && a.cells.length === b.cells.length && a.cells[0] !== '' && a.cells[0] === b.cells[0]) ||
      similarity(lineText(a), lineText(b)) >= SIMILAR),
];
const sameKind: Match<Line> = (a, b) => a.kind === b.kind;

const whole = (text: string, op: Piece['op']): Piece[] => (text === '' ? [] : [{ op, text }]);

function lineDiff(before: Line | undefined, after: Line | undefined): LineDiff {
  const shape = after ?? before!;
  const base = { kind: shape.kind, depth: shape.depth, ...(shape.marker ? { marker: shape.marker } : {}), ...(shape.header ? { header: true } : {}) };
  if (!before) return { ...base, status: 'inserted', cells: after!.cells.map((c) => whole(c, 'insert')) };
  if (!after) return { ...base, status: 'deleted', cells: before.cells.map((c) => whole(c, 'delete')) };
  // Cell by cell when the table shape is unchanged; otherwise the row as one text.
  const cells =
    before.cells.length === after.cells.length ? before.cells.map((c, i) => wordDiff(c, after.cells[i]!)) : [wordDiff(lineText(before), lineText(after))];
  const changed = cells.some((pieces) => pieces.some((p) => p.op !== 'equal'));
  return { ...base, status: changed ? 'changed' : 'equal', cells };
}

function runs(lines: readonly LineDiff[], op: 'insert' | 'delete'): string[] {
  return lines.flatMap((l) => l.cells.flatMap((pieces) => pieces.filter((p) => p.op === op).map((p) => p.text.trim()))).filter((t) => t !== '');
}

function clauseDiff(before: Clause | undefined, after: Clause | undefined): ClauseDiff {
  const oldLines = before?.lines ?? [];
  const newLines = after?.lines ?? [];
  const lines = align(oldLines, newLines, lineStages, sameKind).map((p) =>
    lineDiff(p.a === undefined ? undefined : oldLines[p.a], p.b === undefined ? undefined : newLines[p.b]),
  );
  const heading = before && after ? wordDiff(before.heading ?? '', after.heading ?? '') : whole((after ?? before)!.heading ?? '', after ? 'insert' : 'delete');
  const textChanged = heading.some((p) => p.op !== 'equal') || lines.some((l) => l.status !== 'equal');
  const formatOnly = !textChanged && before !== undefined && after !== undefined && before.markdown !== after.markdown;
  const status = !before ? 'inserted' : !after ? 'deleted' : textChanged || formatOnly ? 'changed' : 'equal';
  return {
    status,
    depth: (after ?? before)!.depth,
    before: before?.heading ?? null,
    after: after?.heading ?? null,
    heading,
    lines,
    formatOnly,
    inserted: runs(lines, 'insert'),
    deleted: runs(lines, 'delete'),
  };
}

const bodyText = (c: Clause) => c.lines.map(lineText).join('\n');

const clauseStages: ReadonlyArray<Match<Clause>> = [
  // Same heading without its number: an inserted clause renumbers the later ones, which still match.
  (a, b) => a.key === b.key,
];
/** A renamed clause: same level and in the same place, and its heading or its text mostly the same. */
const renamed: Match<Clause> = (a, b) =>
  a.depth === b.depth && (similarity(a.heading ?? '', b.heading ?? '') >= SIMILAR || similarity(bodyText(a), bodyText(b)) >= SIMILAR);

/**
 * Clause-aligned diff of two renderings of a document: clauses matched by heading, lines within
 * a clause matched by text, words within a line diffed with Danish segmentation.
 */
export function diffClauses(before: readonly Clause[], after: readonly Clause[]): ClauseDiff[] {
  return align(before, after, clauseStages, renamed).map((p) =>
    clauseDiff(p.a === undefined ? undefined : before[p.a], p.b === undefined ? undefined : after[p.b]),
  );
}
