/**
 * Assembles the complete pdfmake document definition for one agreement:
 * title block, optional table of contents, body (from mdast), optional closing
 * lines, page frame (running header, "Side X af Y"), draft watermark and PDF
 * metadata. Pure: same input, same definition.
 */
import type { Root } from 'mdast';
import type { Column, Content, DynamicContent, Node, NodeQueries, TDocumentDefinitions, Watermark } from 'pdfmake/interfaces.js';
import { mdastToPdfmake } from './mdast-to-pdfmake.ts';
import { bindUnits } from './no-break.ts';
import { COLORS, CONTENT_WIDTH, DEFAULT_STYLE, PAGE_MARGINS, STYLES, TITLE_BLOCK_LAYOUT } from './styles.ts';

export interface PdfMeta {
  /** Document title, e.g. "Horisontal samarbejdsaftale om akutsygepleje". */
  title: string;
  /** Shown at the top of every page but the first, e.g. "Horisontal samarbejdsaftale · Holbæk Kommune". */
  runningHeader: string;
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
  return [{ stack, margin: [0, 18, 0, 0], unbreakable: true }];
}

/**
 * Running header on every page but the first, plus (for drafts) a plain "UDKAST"
 * mark on every page: the diagonal watermark is hard for text extraction and
 * screen readers, this one is not.
 */
function pageHeader(text: string, draft: boolean): DynamicContent {
  return (currentPage) => {
    const columns: Column[] = [{ width: '*', text: currentPage === 1 ? '' : text, style: 'runningHeader' }];
    if (draft) columns.push({ width: 'auto', text: DRAFT_LABEL, style: 'draftMark' });
    if (currentPage === 1 && !draft) return null;
    const stack: Content[] = [{ columns, style: 'runningHeader' }];
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

/** Styles of the page frame (running header, footer): every node of it carries one of them. */
const FRAME_STYLES = new Set(['runningHeader', 'draftMark', 'footer']);

/** Room a heading needs below it on its page: two lines of body text (11 pt × 1.25) and a margin. */
const KEEP_WITH_HEADING = 2 * 11 * 1.25 + 8;

/**
 * No heading ends a page: a heading moves to the next page when nothing of its section follows
 * it on its page, or when what follows starts so low that fewer than two of its lines fit there.
 * pdfmake lays the document out again after each break it inserts, so breaks are rare by design.
 */
function keepHeadingWithNext(node: Node, queries: NodeQueries): boolean {
  if (node.headlineLevel === undefined) return false;
  // pdfmake lists the running header and footer among a page's nodes: they are told by their style.
  const inBody = (n: Node): boolean => typeof n.style !== 'string' || !FRAME_STYLES.has(n.style);
  const following = queries.getFollowingNodesOnPage().filter(inBody);
  if (following.length === 0) return queries.getNodesOnNextPage().some(inBody);
  const next = following[0];
  if (next === undefined || next.pageNumbers.length < 2) return false;
  const { pageInnerHeight, verticalRatio } = next.startPosition;
  return (1 - verticalRatio) * pageInnerHeight < KEEP_WITH_HEADING;
}

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
  const content: Content[] = [...titleBlock(meta), ...(meta.toc ? [tableOfContents()] : []), ...body, ...closing(meta.closing)];
  const def: TDocumentDefinitions = {
    pageSize: 'A4',
    pageOrientation: 'portrait',
    pageMargins: PAGE_MARGINS,
    version: '1.7', // ≥ 1.4 for /Lang; also makes pdfkit write XMP metadata
    language: PDF_LANGUAGE,
    displayTitle: true,
    info: {
      title: meta.title,
      author: meta.author,
      subject: meta.subject,
      keywords: meta.keywords.join(', '),
      creator: PDF_CREATOR,
      producer: PDF_PRODUCER,
      creationDate: meta.date,
      modDate: meta.date,
    },
    header: pageHeader(meta.runningHeader, meta.draft),
    footer: pageFooter,
    defaultStyle: DEFAULT_STYLE,
    styles: STYLES,
    pageBreakBefore: keepHeadingWithNext,
    content,
  };
  if (meta.draft) def.watermark = DRAFT_WATERMARK;
  return def;
}
