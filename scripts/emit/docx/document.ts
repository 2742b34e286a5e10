/**
 * The whole Word document for one agreement: title, title block, the note that the file is
 * generated (and where changes go), the body from mdast, the page frame (running header on every
 * page but the first, »Side X af Y« as PAGE and NUMPAGES fields), the UDKAST watermark of a draft
 * and the document properties. The same parts as the PDF (../pdf/document.ts), from the same
 * metadata. Pure: same input, same document.
 */
import type { Root } from 'mdast';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Header,
  HeadingLevel,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TabStopType,
  TextRun,
  WidthType,
  type IRunOptions,
} from 'docx';
import { TextWatermark } from 'docx/watermarks';
import type { DocumentMeta } from '../../kinds/meta.ts';
import { bindUnits } from '../pdf/no-break.ts';
import { mdastToDocx, type BlockOptions, type ConvertedBody } from './blocks.ts';
import { CONTENT_WIDTH_TWIPS, DOCX_COLORS, DOCX_FONTS, DOCX_STYLES, MARGINS, PAGE, STYLE, twip } from './styles.ts';

export interface DocxMeta extends Pick<
  DocumentMeta,
  'title' | 'titleBlock' | 'runningHeader' | 'runningSubheader' | 'subject' | 'keywords' | 'draft' | 'date'
> {
  /** The title document properties show when it must say more than the heading (PdfMeta.infoTitle). */
  infoTitle?: string;
  /** e.g. »Region Østdanmark«: creator and last editor in the document properties. */
  author: string;
  /** The commit the data was read from (short sha), or null when it is not known (no git). */
  commit: string | null;
}

const DRAFT_LABEL = 'UDKAST';

/**
 * What the first page says about the file: a copy to negotiate on (comments and tracked changes
 * welcome), made from the data in the repository, which only a pull request changes; the sealed
 * PDF is the document of record.
 */
export function sourceNotice(commit: string | null): string {
  const from = commit === null ? 'commit ikke kendt: dannet uden for git' : `commit ${commit}`;
  return (
    `Forhandlingskopi dannet fra aftaledata i repository'et (${from}). ` +
    'Skriv gerne kommentarer og forslag med »Spor ændringer« her, men aftalen ændres kun ved en pull request mod aftaledata. ' +
    'Det forseglede PDF-dokument er det gældende.'
  );
}

function titleBlock(meta: DocxMeta): Table | null {
  if (meta.titleBlock.length === 0) return null;
  const label = Math.round(CONTENT_WIDTH_TWIPS * 0.28);
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  const rule = { style: BorderStyle.SINGLE, size: 4, color: DOCX_COLORS.rule };
  return new Table({
    width: { size: CONTENT_WIDTH_TWIPS, type: WidthType.DXA },
    columnWidths: [label, CONTENT_WIDTH_TWIPS - label],
    borders: { top: rule, bottom: rule, left: none, right: none, insideHorizontal: rule, insideVertical: none },
    rows: meta.titleBlock.map(
      ({ label: text, value }) =>
        new TableRow({
          cantSplit: true,
          children: [
            new TableCell({
              width: { size: label, type: WidthType.DXA },
              margins: { top: twip(3), bottom: twip(3), left: 0, right: twip(5) },
              children: [new Paragraph({ style: STYLE.titleLabel, children: [new TextRun(text)] })],
            }),
            new TableCell({
              width: { size: CONTENT_WIDTH_TWIPS - label, type: WidthType.DXA },
              margins: { top: twip(3), bottom: twip(3), left: twip(5), right: 0 },
              children: [new Paragraph({ style: STYLE.tableCell, children: [new TextRun(bindUnits(value))] })],
            }),
          ],
        }),
    ),
  });
}

const RIGHT_TAB = [{ type: TabStopType.RIGHT, position: CONTENT_WIDTH_TWIPS }];

/** The »UDKAST« at the header's right: the draft status as text, which the watermark is not read as. */
const DRAFT_MARK: IRunOptions = { text: DRAFT_LABEL, bold: true, color: DOCX_COLORS.watermark };

/**
 * The watermark's colour: the PDF's mark at its opacity is about this tint on white. Word also
 * applies the opacity, LibreOffice does not; either way the text under it stays easy to read.
 */
const WATERMARK_TINT = 'F0D4D4';

function watermark(): Paragraph {
  return new Paragraph({
    style: STYLE.runningHeader,
    // docx's ParagraphChild does not list its own TextWatermark (a Run), though a paragraph is where it belongs.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment
    children: [new TextWatermark({ text: DRAFT_LABEL, font: DOCX_FONTS.body, bold: true, color: WATERMARK_TINT, opacity: 0.5 })],
  });
}

/** Page 1: no running header (the title is there), only the draft mark. */
function firstHeader(draft: boolean): Header {
  const children = draft
    ? [
        new Paragraph({
          style: STYLE.runningHeader,
          alignment: AlignmentType.RIGHT,
          children: [new TextRun(DRAFT_MARK)],
        }),
        watermark(),
      ]
    : [new Paragraph({ style: STYLE.runningHeader, children: [] })];
  return new Header({ children });
}

/** Every further page: the running header (and »UDKAST« at the right), the subheader, a rule. */
function runningHeader(meta: DocxMeta): Header {
  const lines: Array<Array<TextRun>> = [[new TextRun(meta.runningHeader), ...(meta.draft ? [new TextRun({ ...DRAFT_MARK, text: `\t${DRAFT_LABEL}` })] : [])]];
  const sub = meta.runningSubheader;
  if (sub) lines.push([new TextRun(sub.left), ...(sub.right ? [new TextRun(`\t${sub.right}`)] : [])]);
  const rule = { bottom: { style: BorderStyle.SINGLE, size: 4, color: DOCX_COLORS.rule, space: 3 } };
  const children = lines.map(
    (runs, i) => new Paragraph({ style: STYLE.runningHeader, tabStops: RIGHT_TAB, ...(i === lines.length - 1 ? { border: rule } : {}), children: runs }),
  );
  if (meta.draft) children.push(watermark());
  return new Header({ children });
}

function pageFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        style: STYLE.footer,
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['Side ', PageNumber.CURRENT, ' af ', PageNumber.TOTAL_PAGES] })],
      }),
    ],
  });
}

export function buildDocx(root: Root, meta: DocxMeta, options: BlockOptions = {}): Document {
  return buildDocxFromBody(mdastToDocx(root, options), meta);
}

/**
 * The document around a body made elsewhere (the redline of a comparison builds its own from
 * the compared lines): the same title, title block, notice and page frame as every document.
 */
export function buildDocxFromBody(body: ConvertedBody, meta: DocxMeta, notice: string = sourceNotice(meta.commit)): Document {
  const block = titleBlock(meta);
  return new Document({
    title: meta.infoTitle ?? meta.title,
    subject: meta.subject,
    keywords: meta.keywords.join(', '),
    creator: meta.author,
    lastModifiedBy: meta.author,
    styles: DOCX_STYLES,
    numbering: body.numbering,
    sections: [
      {
        properties: {
          titlePage: true,
          page: { size: PAGE, margin: MARGINS },
        },
        headers: { first: firstHeader(meta.draft), default: runningHeader(meta) },
        footers: { first: pageFooter(), default: pageFooter() },
        children: [
          new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(meta.title)] }),
          ...(block ? [block] : []),
          new Paragraph({ style: STYLE.notice, children: [new TextRun(notice)] }),
          ...body.children,
        ],
      },
    ],
  });
}
