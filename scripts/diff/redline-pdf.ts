/**
 * The redline PDF of one changed document: the whole document as its new version reads, with
 * insertions underlined in blue, deletions struck through in red, and a bar in the left margin
 * beside every changed block. The page frame, fonts and styles are the ordinary PDF's
 * (buildDocDefinition); only the body and the running header are the redline's own.
 */
import type { Content, ContentText, CustomTableLayout, DynamicContent, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { buildDocDefinition, renderPdf, type PdfMeta } from '../emit/pdf/index.ts';
import { COLORS, CONTENT_WIDTH, DATA_TABLE_LAYOUT, PAGE_MARGINS } from '../emit/pdf/styles.ts';
import { columnWidths } from '../emit/pdf/table-widths.ts';
import { wordDiff } from './word-diff.ts';
import { type ChangedDocument, type ClauseDiff, type FieldChange, type LineDiff, type Piece, type RevisionInfo } from './types.ts';
import { bindPieces } from './no-break.ts';
import { groupLines, redlineFrame } from './redline-frame.ts';
import { LONG_TEXT, readableValue } from './values.ts';

export const REDLINE_COLORS = {
  insert: '#1a5fb4',
  delete: '#c01c28',
  bar: '#c01c28',
} as const;

/** Width of the change bar and how far into the left margin it sits. */
const BAR_WIDTH = 2.5;
const BAR_GAP = 10;

const BAR_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: (i) => (i === 0 ? BAR_WIDTH : 0),
  vLineColor: () => REDLINE_COLORS.bar,
  paddingLeft: () => BAR_GAP,
  paddingRight: () => 0,
  paddingTop: () => 0,
  paddingBottom: () => 0,
};

/** Wraps a block in a one-cell table whose left border, pulled into the margin, is the bar. */
function changeBar(content: Content): Content {
  return { table: { widths: ['*'], body: [[content]] }, layout: BAR_LAYOUT, margin: [-(BAR_GAP + BAR_WIDTH), 0, 0, 0] };
}

function inline(p: Piece): ContentText {
  if (p.op === 'insert') return { text: p.text, color: REDLINE_COLORS.insert, decoration: 'underline', decorationColor: REDLINE_COLORS.insert };
  if (p.op === 'delete') return { text: p.text, color: REDLINE_COLORS.delete, decoration: 'lineThrough', decorationColor: REDLINE_COLORS.delete };
  return { text: p.text };
}
/**
 * Pieces as pdfmake texts; a plain space parts a deletion from the insertion that replaces it.
 * Dates, amounts and »§ n« do not wrap, as in the document's own PDF; code is left as written.
 */
function inlines(pieces: readonly Piece[], code = false): ContentText[] {
  if (pieces.length === 0) return [{ text: '' }];
  const bound = code ? pieces : bindPieces(pieces);
  return bound.flatMap((p, i) => (p.op === 'insert' && bound[i - 1]?.op === 'delete' ? [{ text: ' ' }, inline(p)] : [inline(p)]));
}

const INDENT = 14;

/** `last`: the line ends its list, so it gets a paragraph's space below instead of an item's. */
function lineBlock(l: LineDiff, last: boolean): Content {
  const pieces = l.cells[0] ?? [];
  switch (l.kind) {
    case 'item': {
      const marker = l.marker === '-' || l.marker === undefined ? '•' : l.marker;
      return {
        columns: [
          // Wide enough for »26.« on one line; a bullet gets the ordinary indent.
          { width: Math.max(INDENT, 6 + 6 * marker.length), text: marker },
          { width: '*', text: inlines(pieces) },
        ],
        columnGap: 2,
        margin: [l.depth * INDENT, 0, 0, last ? 7 : 3],
      };
    }
    case 'code':
      return { text: inlines(pieces, true), style: 'codeBlock', margin: [l.depth * INDENT, 0, 0, 7] };
    case 'rule':
      return {
        canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH - l.depth * INDENT, y2: 0, lineWidth: 0.6, lineColor: COLORS.rule }],
        margin: [l.depth * INDENT, 6, 0, 10],
      };
    default:
      return { text: inlines(pieces), style: 'paragraph', margin: [l.depth * INDENT, 0, 0, 7] };
  }
}

function tableBlock(rows: readonly LineDiff[]): Content {
  const count = Math.max(...rows.map((r) => r.cells.length));
  // Widths from what the cell shows: deleted and inserted text side by side.
  const cellText = (r: LineDiff, c: number) => (r.cells[c] ?? []).map((p) => p.text).join(' ');
  // As in the document itself: a column empty in every body row, before and after, is left out.
  const columns = [...Array(count).keys()].filter((c) => rows.every((r) => r.header) || rows.some((r) => !r.header && cellText(r, c).trim() !== ''));
  const body: TableCell[][] = rows.map((r) => columns.map((c) => ({ text: inlines(r.cells[c] ?? []), style: r.header ? 'tableHeader' : 'tableCell' })));
  const texts = rows.map((r) => columns.map((c) => cellText(r, c)));
  const headerRows = rows[0]?.header && rows.length > 1 ? 1 : 0;
  return { table: { headerRows, widths: columnWidths(texts, columns.length), body }, layout: DATA_TABLE_LAYOUT, style: 'table' };
}

/** A clause's lines as blocks (groupLines), a bar beside each changed one. */
function bodyBlocks(lines: readonly LineDiff[]): Content[] {
  return groupLines(lines).map((g) => {
    if ('rows' in g) {
      const table = tableBlock(g.rows);
      return g.rows.some((r) => r.status !== 'equal') ? changeBar(table) : table;
    }
    const block = lineBlock(g.line, g.next?.kind !== 'item');
    return g.line.status === 'equal' ? block : changeBar(block);
  });
}

function clauseBlocks(c: ClauseDiff): Content[] {
  const style = `h${Math.min(Math.max(c.depth, 1), 4)}`;
  const heading: Content[] = c.before === null && c.after === null ? [] : [{ text: inlines(c.heading), style, headlineLevel: c.depth }];
  const headingChanged = c.heading.some((p) => p.op !== 'equal');
  return [...heading.map((h) => (headingChanged ? changeBar(h) : h)), ...bodyBlocks(c.lines)];
}

function fieldsTable(fields: readonly FieldChange[]): Content[] {
  if (fields.length === 0) return [];
  const cell = (text: string, style: 'tableHeader' | 'tableCell', piece?: Piece['op']): TableCell => ({
    text: piece ? [inline({ op: piece, text })] : text,
    style,
  });
  const body: TableCell[][] = [
    [cell('Felt', 'tableHeader'), cell('Før', 'tableHeader'), cell('Efter', 'tableHeader')],
    ...fields.map((f): TableCell[] => {
      // A long text reads better as one word diff across both columns than as two paragraphs.
      if (typeof f.before === 'string' && typeof f.after === 'string' && Math.max(f.before.length, f.after.length) > LONG_TEXT) {
        return [cell(f.path, 'tableCell'), { text: inlines(wordDiff(f.before, f.after)), style: 'tableCell', colSpan: 2 }, {}];
      }
      return [
        cell(f.path, 'tableCell'),
        f.change === 'added' ? cell('(nyt felt)', 'tableCell') : cell(readableValue(f.before, f.path), 'tableCell', 'delete'),
        f.change === 'removed' ? cell('(fjernet)', 'tableCell') : cell(readableValue(f.after, f.path), 'tableCell', 'insert'),
      ];
    }),
  ];
  return [
    { text: 'Ændrede felter', style: 'h3' },
    { table: { headerRows: 1, widths: ['34%', '33%', '33%'], body }, layout: DATA_TABLE_LAYOUT, style: 'table' },
  ];
}

function pageHeader(text: string): DynamicContent {
  return () => ({
    margin: [PAGE_MARGINS[0], 34, PAGE_MARGINS[2], 0],
    stack: [{ text, style: 'runningHeader' }, { canvas: [{ type: 'line', x1: 0, y1: 3, x2: CONTENT_WIDTH, y2: 3, lineWidth: 0.5, lineColor: COLORS.rule }] }],
  });
}

function redlineDefinition(doc: ChangedDocument, base: RevisionInfo, head: RevisionInfo): TDocumentDefinitions {
  const frame = redlineFrame(doc, base, head);
  const heading = frame.runningHeader;
  const meta: PdfMeta = { ...frame, toc: false, date: new Date(`${doc.meta.date}T00:00:00Z`) };
  const def = buildDocDefinition({ type: 'root', children: [] }, meta);
  const legend: Content = {
    text: [
      inline({ op: 'insert', text: 'Indsat tekst' }),
      { text: ' er understreget, ' },
      inline({ op: 'delete', text: 'slettet tekst' }),
      { text: ' er gennemstreget, og en streg i margenen markerer et ændret afsnit.' },
    ],
    style: 'paragraph',
    margin: [0, 0, 0, 10],
  };
  def.header = pageHeader(heading);
  def.content = [
    ...(Array.isArray(def.content) ? def.content : [def.content]),
    legend,
    ...fieldsTable(doc.fields),
    { canvas: [{ type: 'line', x1: 0, y1: 0, x2: CONTENT_WIDTH, y2: 0, lineWidth: 0.8, lineColor: COLORS.heading }], margin: [0, 8, 0, 12] },
    ...doc.clauses.flatMap(clauseBlocks),
  ];
  return def;
}

export function redlinePdf(doc: ChangedDocument, base: RevisionInfo, head: RevisionInfo): Promise<Buffer> {
  return renderPdf(redlineDefinition(doc, base, head));
}
