/**
 * The redline of one changed document as a Word file: the whole document as its new version
 * reads, every change a Word revision (w:ins around inserted text, w:del around deleted text),
 * attributed to the author of the new revision and dated with its commit time. A reviewer can
 * accept or reject each change in Word (»Spor ændringer«); accepting them all gives the new text.
 *
 * The same blocks as the redline PDF (redline-pdf.ts), from the same clause-aligned word diff:
 * changed fields as a table first, then headings, paragraphs, list items, table rows, code and
 * rules. A line that exists only in one version is a revision as a whole: its paragraph mark (or
 * table row) is inserted or deleted too, so accepting leaves no empty paragraph behind. Lists
 * show their markers as text, as the PDF does; tables keep every column, as the documents' .docx does.
 * Revision ids are counted in reading order: the same comparison gives the same bytes.
 */
import {
  DeletedTextRun,
  HeadingLevel,
  InsertedTextRun,
  Paragraph,
  Table,
  TextRun,
  WidthType,
  type FileChild,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import {
  cellStyle,
  CODE_SHADING,
  CONTENT_WIDTH_TWIPS,
  headingLevel,
  RULE_LINE,
  STYLE,
  TABLE_BORDERS,
  tableCell,
  tableFrame,
  tableRow,
  twip,
  writeDocxBody,
  type DocxMeta,
} from '../emit/docx/index.ts';
import { describeRevision, type ChangedDocument, type ClauseDiff, type FieldChange, type LineDiff, type Piece, type RevisionInfo } from './types.ts';
import { bindUnits } from '../emit/pdf/no-break.ts';
import { bindPieces } from './no-break.ts';
import { groupLines, redlineFrame } from './redline-frame.ts';
import { readableValue } from './values.ts';

/** Who made the new version and when: what every revision in the file is attributed to. */
export interface RevisionStamp {
  author: string;
  /** ISO 8601 instant in UTC, e.g. »2026-02-24T12:00:00Z«. */
  date: string;
}

const INDENT = twip(14);

type Status = LineDiff['status'];
/** A revision's attributes (docx does not export the name of their type). */
type IChangedAttributesProperties = { id: number; author: string; date: string };

class RedlineWriter {
  /** Word wants every revision's id unique in the document; counted, never from the clock. */
  private next = 0;

  constructor(private readonly stamp: RevisionStamp) {}

  private change(): IChangedAttributesProperties {
    return { id: ++this.next, author: this.stamp.author, date: this.stamp.date };
  }

  /** A line that exists only in one version: its paragraph mark or row is a revision too. */
  private whole(status: Status): { insertion?: IChangedAttributesProperties; deletion?: IChangedAttributesProperties } {
    if (status === 'inserted') return { insertion: this.change() };
    if (status === 'deleted') return { deletion: this.change() };
    return {};
  }

  /** Text with its line breaks as Word breaks. */
  private static textOptions(text: string): IRunOptions[] {
    return text.split('\n').map((part, i) => ({ text: part, ...(i > 0 ? { break: 1 } : {}) }));
  }

  /** Dates, amounts and »§ n« do not wrap, as in the document's own .docx; code is left as written. */
  runs(pieces: readonly Piece[], code = false): ParagraphChild[] {
    return (code ? pieces : bindPieces(pieces)).flatMap((p): ParagraphChild[] => {
      if (p.text === '') return [];
      // A piece across lines (code) is one revision per line, each after its line break.
      const options = RedlineWriter.textOptions(p.text);
      if (p.op === 'insert') return options.map((o) => new InsertedTextRun({ ...o, ...this.change() }));
      if (p.op === 'delete') return options.map((o) => new DeletedTextRun({ ...o, ...this.change() }));
      return options.map((o) => new TextRun(o));
    });
  }

  heading(c: ClauseDiff): Paragraph[] {
    if (c.before === null && c.after === null) return [];
    const mark = this.whole(c.status === 'inserted' || c.status === 'deleted' ? c.status : 'equal');
    return [
      new Paragraph({
        heading: headingLevel(c.depth),
        ...(mark.insertion || mark.deletion ? { run: mark } : {}),
        children: this.runs(c.heading),
      }),
    ];
  }

  line(l: LineDiff): Paragraph {
    const pieces = l.cells[0] ?? [];
    const mark = this.whole(l.status);
    const run = mark.insertion || mark.deletion ? { run: mark } : {};
    const indent = { left: INDENT * (l.depth + (l.kind === 'item' ? 1 : 0)), ...(l.kind === 'item' ? { hanging: INDENT } : {}) };
    switch (l.kind) {
      case 'item': {
        // The marker as displayed (»1.«, »•«), as in the redline PDF. It is not compared, so it is
        // a revision only with a whole item: accepting a deleted item leaves no stray bullet.
        const marker = l.marker === '-' || l.marker === undefined ? '•' : l.marker;
        const op = l.status === 'inserted' ? 'insert' : l.status === 'deleted' ? 'delete' : 'equal';
        return new Paragraph({ indent, ...run, children: this.runs([{ op, text: `${marker}\t` }, ...pieces]) });
      }
      case 'code':
        return new Paragraph({
          style: STYLE.code,
          indent,
          ...run,
          shading: CODE_SHADING,
          children: this.runs(pieces, true),
        });
      case 'rule':
        return new Paragraph({ indent, ...run, border: RULE_LINE, children: [] });
      default:
        return new Paragraph({ indent, ...run, children: this.runs(pieces) });
    }
  }

  table(rows: readonly LineDiff[]): Table {
    const count = Math.max(1, ...rows.map((r) => r.cells.length));
    // Widths for the text either version shows: each row as it reads before and after.
    const version = (r: LineDiff, leave: Piece['op']) =>
      [...Array(count).keys()].map((c) =>
        (r.cells[c] ?? [])
          .filter((p) => p.op !== leave)
          .map((p) => p.text)
          .join(''),
      );
    const texts = rows.flatMap((r) => [version(r, 'delete'), version(r, 'insert')]);
    const frame = tableFrame(texts, count);
    return new Table({
      ...frame,
      rows: rows.map((r) => {
        // The row's own revision first: ids are counted in reading order, the row before its text.
        const mark = this.whole(r.status);
        const header = r.header === true;
        const cells = [...Array(count).keys()].map((c) =>
          tableCell(frame.columnWidths[c] ?? 0, header, new Paragraph({ style: cellStyle(header), children: this.runs(r.cells[c] ?? []) })),
        );
        return tableRow(header, cells, mark);
      }),
    });
  }

  /** A clause's lines as blocks (groupLines). */
  body(lines: readonly LineDiff[]): FileChild[] {
    return groupLines(lines).map((g) => ('rows' in g ? this.table(g.rows) : this.line(g.line)));
  }

  clause(c: ClauseDiff): FileChild[] {
    return [...this.heading(c), ...this.body(c.lines)];
  }
}

/** The changed fields of the data, plain before and after values: not revisions of the text. */
function fieldsTable(fields: readonly FieldChange[]): FileChild[] {
  if (fields.length === 0) return [];
  const widths = [0.34, 0.33, 0.33].map((f) => Math.round(f * CONTENT_WIDTH_TWIPS));
  const row = (cells: string[], header: boolean) =>
    tableRow(
      header,
      cells.map((text, c) => tableCell(widths[c] ?? 0, header, new Paragraph({ style: cellStyle(header), children: [new TextRun(bindUnits(text))] }))),
    );
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun('Ændrede felter')] }),
    new Table({
      width: { size: CONTENT_WIDTH_TWIPS, type: WidthType.DXA },
      columnWidths: widths,
      borders: TABLE_BORDERS,
      rows: [
        row(['Felt', 'Før', 'Efter'], true),
        ...fields.map((f) =>
          row(
            [
              f.path,
              f.change === 'added' ? '(nyt felt)' : readableValue(f.before, f.path),
              f.change === 'removed' ? '(fjernet)' : readableValue(f.after, f.path),
            ],
            false,
          ),
        ),
      ],
    }),
  ];
}

/** What the first page says about the file: how to use it, and that it changes nothing. */
function redlineNotice(base: RevisionInfo, head: RevisionInfo, stamp: RevisionStamp): string {
  return (
    `Dokumentet, som det lyder i ${describeRevision(head)}, med ændringerne siden ${describeRevision(base)} som registrerede ændringer ` +
    `(»Spor ændringer«, af ${stamp.author}): hver ændring kan godkendes eller afvises i Word. ` +
    'Filen er et hjælpemiddel til gennemgang; ændringer foreslås stadig som en pull request.'
  );
}

export function redlineDocx(doc: ChangedDocument, base: RevisionInfo, head: RevisionInfo, stamp: RevisionStamp): Promise<Uint8Array> {
  const meta: DocxMeta = { ...redlineFrame(doc, base, head), commit: head.sha === null ? null : head.label, date: doc.meta.date };
  const writer = new RedlineWriter(stamp);
  const children: FileChild[] = [...fieldsTable(doc.fields), ...doc.clauses.flatMap((c) => writer.clause(c))];
  return writeDocxBody(children, meta, redlineNotice(base, head, stamp));
}
