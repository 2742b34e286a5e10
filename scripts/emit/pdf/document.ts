/**
 * Assembles the complete pdfmake document definition for one agreement:
 * title block, optional table of contents, body (from mdast), optional closing
 * lines, page frame (running header, "Side X af Y"), draft watermark and PDF
 * metadata. Pure: same input, same definition.
 */
import type { Root } from 'mdast';
import type { Column, Content, ContentStack, DynamicContent, TDocumentDefinitions, Watermark } from 'pdfmake/interfaces.js';
import { CLOSING_ID, keepHeadingWithNext } from './keep-with-heading.ts';
import { mdastToPdfmake } from './mdast-to-pdfmake.ts';
import { bindUnits } from './no-break.ts';
import { COLORS, CONTENT_WIDTH, DEFAULT_STYLE, PAGE_MARGINS, STYLES, TITLE_BLOCK_LAYOUT } from './styles.ts';

export interface PdfMeta {
  /** Document title, e.g. "Horisontal samarbejdsaftale om akutsygepleje". */
  title: string;
  /** The title viewers show (Info Title, XMP dc:title) when it must say more than the heading: kommune, opgave, version. */
  infoTitle?: string;
  /** Shown at the top of every page but the first, e.g. "Horisontal samarbejdsaftale · Holbæk Kommune". */
  runningHeader: string;
  /** A second header line under it, left and right: »DokID … · V…« and »Bilag 3a til punkt 3, EMN-…«. */
  runningSubheader?: { left: string; right: string | null };
  /** Parties, version, status, DokID, Sags ID … shown as a two-column table under the title. */
  titleBlock: Array<{ label: string; value: string }>;
  /** Diagonal "UDKAST" watermark on every page. */
  draft: boolean;
  /** Table of contents ("Indhold") after the title block. */
  toc: boolean;
  subject: string;
  keywords: string[];
  /** e.g. "Region Østdanmark". */
  author: string;
  /** CreationDate/ModDate; never the wall clock, so output is reproducible. */
  date: Date;
  /** Optional lines at the very end (e.g. a visible seal line); strings become paragraphs. */
  closing?: Content[] | string[];
  /** Deepest heading level in TOC and bookmarks: 2 (default) or 3. */
  tocDepth?: 2 | 3;
}

// Fixed strings without version numbers: upgrading a library must not change every PDF.
export const PDF_CREATOR = 'aftaler';
export const PDF_PRODUCER = 'aftaler (pdfmake/pdfkit)';
export const PDF_LANGUAGE = 'da-DK';

const DRAFT_LABEL = 'UDKAST';

const DRAFT_WATERMARK: Watermark = {
  text: DRAFT_LABEL,
  color: COLORS.watermark,
  opacity: 0.07,
  bold: true,
  fontSize: 110,
};

function titleBlock(meta: PdfMeta): Content[] {
  const out: Content[] = [{ text: meta.title, style: 'docTitle' }];
  if (meta.titleBlock.length > 0) {
    out.push({
      table: {
        widths: ['28%', '*'],
        body: meta.titleBlock.map(({ label, value }) => [
          { text: label, style: 'titleLabel' },
          { text: bindUnits(value), style: 'titleValue' },
        ]),
      },
      layout: TITLE_BLOCK_LAYOUT,
      margin: [0, 0, 0, 14],
    });
  }
  return out;
}

function tableOfContents(): Content {
  return {
    toc: {
      title: { text: 'Indhold', style: 'tocTitle' },
      textStyle: 'tocEntry',
      numberStyle: 'tocNumber',
      textMargin: [0, 0.5, 0, 0.5],
      hideEmpty: true,
    },
    margin: [0, 0, 0, 14],
  };
}

function closing(lines: PdfMeta['closing']): Content[] {
  if (lines === undefined || lines.length === 0) return [];
  const stack = lines.map((line: Content) => {
    if (typeof line === 'string') return { text: bindUnits(line), style: 'closing' };
    return typeof line === 'object' && 'text' in line && typeof line.text === 'string' ? { ...line, text: bindUnits(line.text) } : line;
  });
  // The id lets the page-break hook tell the closing lines from the body (keep-with-heading.ts).
  const block: ContentStack & { id: string } = { id: CLOSING_ID, stack, margin: [0, 18, 0, 0], unbreakable: true };
  return [block];
}

/**
 * The closing lines (the seal line) go after the body; when the body ends with an unbreakable
 * unit (the signature block), they join it, so a seal line never stands alone on a last page.
 */
function withClosing(body: Content[], end: Content[]): Content[] {
  const last = body.at(-1);
  const isUnbreakableStack = (c: Content | undefined): c is ContentStack =>
    typeof c === 'object' && !Array.isArray(c) && 'stack' in c && (c as ContentStack).unbreakable === true;
  if (end.length === 0 || !isUnbreakableStack(last)) return [...body, ...end];
  // Joined, the closing moves with the block and needs no page-break hook: without its id the
  // hook leaves the block's last paragraph alone. A break inside an unbreakable block is worse
  // than none: pdfmake keeps only the block's first page, and the seal text was lost.
  const joined = end.map((c) => (typeof c === 'object' && !Array.isArray(c) && 'id' in c && c.id === CLOSING_ID ? { ...c, id: undefined } : c));
  return [...body.slice(0, -1), { ...last, stack: [...last.stack, ...joined] }];
}

/**
 * Running header on every page but the first, plus (for drafts) a plain "UDKAST"
 * mark on every page: the diagonal watermark is hard for text extraction and
 * screen readers, this one is not.
 */
function pageHeader(text: string, draft: boolean, sub: PdfMeta['runningSubheader']): DynamicContent {
  return (currentPage) => {
    const columns: Column[] = [{ width: '*', text: currentPage === 1 ? '' : text, style: 'runningHeader' }];
    if (draft) columns.push({ width: 'auto', text: DRAFT_LABEL, style: 'draftMark' });
    if (currentPage === 1 && !draft) return null;
    const stack: Content[] = [{ columns, style: 'runningHeader' }];
    if (currentPage > 1 && sub) {
      const second: Column[] = [{ width: '*', text: sub.left, style: 'runningHeader' }];
      if (sub.right) second.push({ width: 'auto', text: sub.right, style: 'runningHeader', alignment: 'right' });
      stack.push({ columns: second, columnGap: 12, style: 'runningHeader' });
    }
    if (currentPage > 1) {
      stack.push({
        canvas: [{ type: 'line', x1: 0, y1: 3, x2: CONTENT_WIDTH, y2: 3, lineWidth: 0.5, lineColor: COLORS.rule }],
        style: 'runningHeader',
      });
    }
    return { margin: [PAGE_MARGINS[0], 34, PAGE_MARGINS[2], 0], stack, style: 'runningHeader' };
  };
}

const pageFooter: DynamicContent = (currentPage, pageCount) => ({
  text: `Side ${currentPage} af ${pageCount}`,
  style: 'footer',
  alignment: 'center',
  margin: [0, 28, 0, 0],
});

/** »Title · DokID … · Version …« from the title block, for the line above the signature block. */
function signatureCaption(meta: PdfMeta): string {
  const parts = [meta.title];
  for (const { label, value } of meta.titleBlock) if (label === 'DokID' || label === 'Version') parts.push(`${label} ${value}`);
  return parts.join(' · ');
}

export function buildDocDefinition(root: Root, meta: PdfMeta): TDocumentDefinitions {
  const body = mdastToPdfmake(root, {
    navDepth: meta.tocDepth ?? 2,
    tocItems: meta.toc,
    contentWidth: CONTENT_WIDTH,
    signatureCaption: signatureCaption(meta),
  });
  const content: Content[] = [...titleBlock(meta), ...(meta.toc ? [tableOfContents()] : []), ...withClosing(body, closing(meta.closing))];
  const def: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: PAGE_MARGINS,
    version: '1.7', // ≥ 1.4 for /Lang; also makes pdfkit write XMP metadata
    language: PDF_LANGUAGE,
    displayTitle: true,
    info: {
      title: meta.infoTitle ?? meta.title,
      author: meta.author,
      subject: meta.subject,
      keywords: meta.keywords.join(', '),
      creator: PDF_CREATOR,
      producer: PDF_PRODUCER,
      creationDate: meta.date,
      modDate: meta.date,
    },
    header: pageHeader(meta.runningHeader, meta.draft, meta.runningSubheader),
    footer: pageFooter,
    defaultStyle: DEFAULT_STYLE,
    styles: STYLES,
    pageBreakBefore: keepHeadingWithNext,
    content,
  };
  // Drawn as outlines, not text (watermark.ts).
  if (meta.draft) def.watermark = DRAFT_WATERMARK;
  return def;
}
