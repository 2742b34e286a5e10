/**
 * A kommune's combined PDF: a contents page listing each document with its pages in this file,
 * then every document's pages exactly as they were sealed (copied, not laid out again; see
 * pdf-assembly.ts), with a bookmark per document; the whole file is sealed once more.
 */
import type { Root, TableRow } from 'mdast';
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { PDFDocument, PDFName, PDFRawStream, PDFStream, decodePDFRawStream } from 'pdf-lib';
import { addSignaturePlaceholderToPdfLib } from '../sign/placeholder.ts';
import { signPdf } from '../sign/sign.ts';
import { appendPdf, setOutline, type OutlineItem } from './pdf-assembly.ts';
import { tagSignatureFields } from './pdf-assembly-structure.ts';
import { withSealLine, writePdfDefinition, type PdfFile, type Seal } from './pdf-file.ts';
import { PDF_PRODUCER } from './pdf/document.ts';
import { buildDocDefinition, PDF_CREATOR, PDF_LANGUAGE, type PdfMeta } from './pdf/index.ts';
import { combinedNotSealed, NOT_SEALED_LABEL, notSealedClosingLine, notSealedCombinedNotice, notSealedMemberLine, type NotSealed } from './unsealed.ts';

/** What a combined PDF needs of one document: plain data, so it can cross to a worker thread. */
interface CombinedMember {
  name: string;
  version: string | null;
  /** What the document awaits from the kommune's signatories (»2 af 2 underskrifter mangler«), or null. */
  awaits: string | null;
  pdf: Uint8Array;
  pages: number;
  /** Set when the member was left unsealed (drafting notes, see unsealed.ts); then so is the combined PDF. */
  notSealed?: NotSealed | null;
}

/** A kommune's bundle before rendering: plain data, so it can cross to a worker thread. */
export interface CombinedJob {
  kommune: { kode: string; navn: string };
  members: CombinedMember[];
  draft: boolean;
  author: string;
  /** The latest of the members' own dates, ISO. */
  date: string;
}

const CONTENTS_TITLE = 'Indhold';
const PRODUCER = `${PDF_CREATOR} (pdfmake/pdfkit, pdf-lib)`;
/** The seal field's description for assistive technology (it is invisible; the seal line shows). */
const SEAL_FIELD_ALT = 'Elektronisk segl for hele filen';

function cell(value: string): TableRow['children'][number] {
  return { type: 'tableCell', children: [{ type: 'text', value }] };
}

function pageRange(first: number, count: number): string {
  return count > 1 ? `${first}–${first + count - 1}` : String(first);
}

/** The contents page: documents in order, with where each starts in this file. */
function contentsBody(job: CombinedJob, contentsPages: number): Root {
  let next = contentsPages + 1;
  const rows: TableRow[] = job.members.map((m, i) => {
    const row: TableRow = { type: 'tableRow', children: [cell(String(i + 1)), cell(m.name), cell(m.version ?? '–'), cell(pageRange(next, m.pages))] };
    next += m.pages;
    return row;
  });
  const awaiting = job.members.flatMap((m, i) => (m.awaits === null ? [] : [`${i + 1}. ${m.name}: ${m.awaits}`]));
  const unsealed = job.members.flatMap((m, i) => (m.notSealed ? [`${i + 1}. ${m.name}: ${notSealedMemberLine(m.notSealed)}`] : []));
  return {
    type: 'root',
    children: [
      { type: 'heading', depth: 2, children: [{ type: 'text', value: CONTENTS_TITLE }] },
      ...listSection(`Afventer kommunens underskrift (${awaiting.length})`, awaiting),
      ...listSection(`Ikke forseglet (${unsealed.length})`, unsealed),
      {
        type: 'paragraph',
        children: [
          {
            type: 'text',
            value:
              `Filen samler ${job.members.length} dokumenter for ${job.kommune.navn}. Hvert dokument følger efter denne side, ` +
              // Unsealed members are shown as they were made: »as sealed« would not be true of them.
              (unsealed.length === 0 ? 'som det blev forseglet, med sine egne sidetal.' : 'som det blev dannet, med sine egne sidetal.'),
          },
        ],
      },
      {
        type: 'table',
        align: ['right', 'left', 'left', 'right'],
        children: [{ type: 'tableRow', children: [cell('Nr.'), cell('Dokument'), cell('Version'), cell('Sider i filen')] }, ...rows],
      },
    ],
  };
}

/** A heading and a list under it (»Afventer kommunens underskrift (2)«), or nothing for no lines. */
function listSection(heading: string, lines: readonly string[]): Root['children'] {
  if (lines.length === 0) return [];
  return [
    { type: 'heading', depth: 3, children: [{ type: 'text', value: heading }] },
    {
      type: 'list',
      ordered: false,
      spread: false,
      children: lines.map((line) => ({ type: 'listItem', spread: false, children: [{ type: 'paragraph', children: [{ type: 'text', value: line }] }] })),
    },
  ];
}

function contentsMeta(job: CombinedJob): PdfMeta {
  const { kode, navn } = job.kommune;
  const unsealed = job.members.filter((m) => m.notSealed).length;
  const notice = unsealed > 0 ? notSealedCombinedNotice(unsealed, job.members.length) : undefined;
  return {
    title: `Aftaler og sager for ${navn}`,
    titleBlock: [
      { label: 'Kommune', value: `${navn} (${kode})` },
      { label: 'Dokumenter', value: String(job.members.length) },
      ...(notice ? [{ label: NOT_SEALED_LABEL, value: notice }] : []),
    ],
    ...(notice ? { closing: [notSealedClosingLine(notice)] } : {}),
    runningHeader: `Samlede dokumenter · ${navn}`,
    draft: job.draft,
    toc: false,
    subject: `Horisontale samarbejdsaftaler, delingsaftaler og sager for ${navn}`,
    keywords: ['opgaveflyt 2027', navn],
    author: job.author,
    date: new Date(`${job.date}T00:00:00Z`),
  };
}

/** The contents table's columns: number, version and pages as wide as their text, the name the rest. */
function contentsColumns(def: TDocumentDefinitions): TDocumentDefinitions {
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const table = (node as { table?: { widths?: unknown[] } }).table;
      if (table?.widths?.length === 4) table.widths = ['auto', '*', 'auto', 'auto'];
      Object.values(node).forEach(visit);
    }
  };
  visit(def.content);
  return def;
}

/**
 * The contents page(s), unsealed. Their page numbers depend on how many pages the contents
 * take; laid out again while that guess was off (once at most in practice, bounded regardless).
 */
async function contentsPdf(job: CombinedJob, meta: PdfMeta): Promise<PdfFile> {
  let pages = 1;
  for (let attempt = 0; attempt < 4; attempt++) {
    const made = await writePdfDefinition(contentsColumns(buildDocDefinition(contentsBody(job, pages), meta)));
    if (made.pages === pages) return made;
    pages = made.pages;
  }
  throw new Error(`indholdsfortegnelsen for ${job.kommune.navn} fik ikke et fast sidetal`);
}

/**
 * The combined file's XMP packet: the contents pages' own (pdfkit writes it from the same
 * metadata: title, author, subject, keywords, creation date), naming this file's producer.
 */
async function xmpOf(contents: Uint8Array): Promise<Uint8Array> {
  const source = await PDFDocument.load(contents, { updateMetadata: false });
  const stream = source.catalog.lookupMaybe(PDFName.of('Metadata'), PDFStream);
  if (!(stream instanceof PDFRawStream)) throw new Error('indholdssiderne har ingen XMP-metadata');
  const xml = Buffer.from(decodePDFRawStream(stream).decode()).toString('utf8');
  const producer = `<pdf:Producer>${PDF_PRODUCER}</pdf:Producer>`;
  if (!xml.includes(producer)) throw new Error('indholdssidernes XMP-metadata nævner ikke deres producent');
  return Buffer.from(xml.replace(producer, `<pdf:Producer>${PRODUCER}</pdf:Producer>`), 'utf8');
}

/**
 * The combined PDF, sealed when a seal is given, unless a member was left unsealed (see
 * combinedNotSealed): then its contents page says so instead.
 */
export async function combinedPdf(job: CombinedJob, given?: Seal): Promise<PdfFile> {
  const seal = combinedNotSealed(job.members) ? undefined : given;
  const meta = withSealLine(contentsMeta(job), seal);
  const contents = await contentsPdf(job, meta);
  const doc = await PDFDocument.create({ updateMetadata: false });
  const first = await appendPdf(doc, { pdf: contents.bytes, title: CONTENTS_TITLE });
  const items: OutlineItem[] = [{ title: CONTENTS_TITLE, page: first.page }];
  for (const m of job.members) items.push(await appendPdf(doc, { pdf: m.pdf, title: m.name }));
  setOutline(doc, items);

  // Fixed metadata, never the wall clock: the same inputs give the same bytes.
  doc.setTitle(meta.title, { showInWindowTitleBar: true });
  doc.setAuthor(meta.author);
  doc.setSubject(meta.subject);
  doc.setKeywords([meta.keywords.join(', ')]); // as pdfkit writes them for single documents
  doc.setCreator(PDF_CREATOR);
  doc.setProducer(PRODUCER);
  doc.setCreationDate(meta.date);
  doc.setModificationDate(meta.date);
  doc.setLanguage(PDF_LANGUAGE);
  // The same metadata as XMP, uncompressed (as pdfkit writes it for single documents).
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(doc.context.stream(await xmpOf(contents.bytes), { Type: 'Metadata', Subtype: 'XML' })));
  // One decimal page numbering from the contents page on: the viewer's page box shows the
  // numbers the contents page lists under »Sider i filen« (each member keeps its own footer).
  doc.catalog.set(PDFName.of('PageLabels'), doc.context.obj({ Nums: [0, { S: 'D' }] }));

  if (seal) {
    addSignaturePlaceholderToPdfLib(doc, {
      reason: seal.reason,
      name: seal.identity.subjectCN,
      location: seal.location,
      signingTime: seal.time,
      timestamped: seal.timestamp !== undefined,
    });
    // Tagged like the members' own fields: a Form element in the structure tree (PDF/UA).
    tagSignatureFields(doc, SEAL_FIELD_ALT);
  }
  // No object streams: the signature dictionary must stay a plain object for the byte range.
  // No pause every 50 objects (pdf-lib's default yields to the event loop with a timer), and no
  // form appearances to regenerate: the only field is the invisible signature.
  const unsigned = Buffer.from(await doc.save({ useObjectStreams: false, objectsPerTick: Infinity, updateFieldAppearances: false }));
  return { bytes: seal ? await signPdf(unsigned, seal.identity, seal.time, seal.timestamp) : unsigned, pages: doc.getPageCount() };
}
