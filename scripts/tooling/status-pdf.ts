import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { writePdfDefinition } from '../emit/pdf-file.ts';
import { buildDocDefinition, type PdfMeta } from '../emit/pdf/index.ts';
import { PAGE_MARGINS } from '../emit/pdf/styles.ts';
import type { Repository } from '../model/repository.ts';
import { formatDate } from '../basics/format.ts';
import { parseMarkdown } from '../render/markdown.ts';
import { STATUS_TITLE } from './status-markdown.ts';

/**
 * Landscape: the matrix has five columns of several words each. Table widths are percentages of
 * the content width, so they follow the page; only the header's rule, drawn with the portrait
 * width, is stretched to match.
 */
function landscape(def: TDocumentDefinitions): TDocumentDefinitions {
  const header = def.header;
  if (typeof header !== 'function') return { ...def, pageOrientation: 'landscape' };
  return {
    ...def,
    pageOrientation: 'landscape',
    header: (page, pages, size) => {
      const content = header(page, pages, size) as { stack?: Array<{ canvas?: Array<{ x2?: number }> }> } | null;
      for (const part of content?.stack ?? [])
        for (const line of part.canvas ?? []) if (line.x2 !== undefined) line.x2 = size.width - PAGE_MARGINS[0] - PAGE_MARGINS[2];
      return content as ReturnType<typeof header>;
    },
  };
}

/** Every table node in a pdfmake content tree. */
function tables(node: unknown, found: Array<{ widths?: unknown[] }> = []): Array<{ widths?: unknown[] }> {
  if (Array.isArray(node)) node.forEach((n) => tables(n, found));
  else if (node && typeof node === 'object') {
    const table = (node as { table?: { widths?: unknown[] } }).table;
    if (table) found.push(table);
    for (const value of Object.values(node)) if (value && typeof value === 'object') tables(value, found);
  }
  return found;
}

interface TableNode {
  widths?: unknown[];
  body?: unknown[];
  headerRows?: number;
  keepWithHeaderRows?: number;
  dontBreakRows?: boolean;
}

/**
 * The emitter sizes columns by their longest text, which starves the short kommune column next
 * to four long cells; the matrix reads best with a fixed first column and equal opgave columns.
 * A kommune's row is read across: it never splits over a page break, and the header row with
 * the opgaver repeats on every page the table continues on.
 */
function matrixTables(def: TDocumentDefinitions): TDocumentDefinitions {
  for (const table of tables(def.content) as TableNode[]) {
    const n = table.widths?.length ?? 0;
    if (n > 2) table.widths = ['13%', ...Array.from({ length: n - 1 }, () => `${Math.floor(870 / (n - 1)) / 10}%`)];
    const header = (table.body?.length ?? 0) > 1 ? 1 : 0;
    Object.assign(table, { headerRows: header, keepWithHeaderRows: header, dontBreakRows: true });
  }
  return def;
}

/** Every page's footer says what the file is and as of which day, before its page number. */
function footerWith(def: TDocumentDefinitions, line: string): TDocumentDefinitions {
  const footer = def.footer;
  if (typeof footer !== 'function') return { ...def, footer: { text: line, style: 'footer', alignment: 'center', margin: [0, 28, 0, 0] } };
  return {
    ...def,
    footer: (page, pages, size) => {
      const content = footer(page, pages, size) as { text?: unknown } | null;
      if (content && typeof content.text === 'string') return { ...content, text: `${line} · ${content.text}` };
      return content as ReturnType<typeof footer>;
    },
  };
}

/**
 * out/status.pdf from the overview's Markdown body, with the documents' emitter (title block,
 * running header, page numbers, embedded fonts). Not sealed: it is a working overview, not an
 * agreement. Dated with `today`, so the same data and day give the same bytes.
 */
export async function statusPdf(repo: Repository, body: string, today: string): Promise<Buffer> {
  const region = repo.ofKind('region')[0]?.data.navn ?? 'Regionen';
  // What the file is and what it shows the state of: the data, as of the given day.
  const asOf = `Statusoversigt pr. ${formatDate(today)} · dannet af data i agreements/`;
  const meta: PdfMeta = {
    title: STATUS_TITLE,
    runningHeader: `${STATUS_TITLE} · pr. ${formatDate(today)}`,
    titleBlock: [
      { label: 'Pr.', value: formatDate(today) },
      { label: 'Grundlag', value: 'Aftaler og sager i agreements/, som de står pr. denne dato' },
    ],
    draft: false,
    toc: false,
    subject: `Driftsmodeller, dokumenter og frister pr. kommune og opgave, ${region}`,
    keywords: ['status', 'opgaveflyt 2027', region],
    author: region,
    date: new Date(`${today}T00:00:00Z`),
  };
  const { bytes } = await writePdfDefinition(footerWith(matrixTables(landscape(buildDocDefinition(parseMarkdown(body), meta))), asOf));
  return bytes;
}
