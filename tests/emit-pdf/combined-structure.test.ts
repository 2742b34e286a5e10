/**
 * The structure tree of a PDF assembled from finished ones (scripts/emit/pdf-assembly.ts):
 * tagged sources made with pdfkit directly, put one after another with appendPdf and through
 * combinedPdf, and the result read back with independent tools (qpdf's JSON, poppler's
 * pdfinfo -struct-text), not with pdf-lib.
 */
import { rmSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { PDFDocument as LibDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { combinedPdf, type CombinedJob } from '../../scripts/emit/combined.ts';
import { appendPdf, setOutline } from '../../scripts/emit/pdf-assembly.ts';
import { tagSignatureFields } from '../../scripts/emit/pdf-assembly-structure.ts';
import { addSignaturePlaceholderToPdfLib } from '../../scripts/sign/placeholder.ts';
import { tool } from '../helpers/pdf-tools.ts';

interface Source {
  title: string;
  /** Paragraphs per page, in order; the first page also gets a link after its paragraphs. */
  pages: string[][];
  link: string;
  /** A signature field tagged as a Form element, as a sealed member carries it. */
  sealField?: boolean;
  /** An output intent in the catalogue (as the contents pages carry for PDF/A). */
  outputIntent?: boolean;
}

/** A small tagged PDF: Document > P… (+ Link with its annotation, + Form with a signature field). */
async function tagged(source: Source): Promise<Uint8Array> {
  const doc = new PDFDocument({
    tagged: true,
    pdfVersion: '1.7',
    lang: 'da-DK',
    displayTitle: true,
    info: { Title: source.title },
    // PDF/A: pdfkit adds the sRGB output intent.
    ...(source.outputIntent ? { subset: 'PDF/A-2a' as const } : {}),
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', resolve));
  const root = doc.struct('Document');
  doc.addStructure(root);
  const paragraph = (value: string) => {
    const p = doc.struct('P');
    root.add(p);
    const content = doc.markStructureContent('P');
    p.add(content);
    doc.text(value);
    doc.endMarkedContent();
    p.end();
  };
  source.pages.forEach((page, i) => {
    if (i > 0) doc.addPage();
    page.forEach(paragraph);
    if (i > 0) return;
    const link = doc.struct('Link');
    root.add(link);
    // pdfkit tags a text link's annotation (OBJR) in the current element when that is a Link.
    const current = doc as unknown as { _currentStructureElement?: PDFKit.PDFStructureElement };
    current._currentStructureElement = link;
    const content = doc.markStructureContent('Link');
    link.add(content);
    doc.text(source.link, { link: 'https://example.org/aftale' });
    doc.endMarkedContent();
    current._currentStructureElement = undefined;
    link.end();
    if (source.sealField) {
      const form = doc.struct('Form', { alt: 'Segl' });
      root.add(form);
      const widget = { Subtype: 'Widget', FT: 'Sig', T: new String('Signature1'), F: 4, structParent: form };
      doc.annotate(0, 0, 0, 0, widget as unknown as PDFKit.Mixins.AnnotationOption);
      form.end();
    }
  });
  root.end();
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** A PDF without structure (as the untagged documents of today). */
async function untagged(text: string): Promise<Uint8Array> {
  const doc = new PDFDocument({ pdfVersion: '1.7' });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', resolve));
  doc.text(text);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

const SOURCES: Source[] = [
  { title: 'Alfa', pages: [['Alfa første afsnit.', 'Alfa andet afsnit.'], ['Alfa side to.']], link: 'Alfa link', outputIntent: true },
  { title: 'Beta', pages: [['Beta eneste afsnit.'], ['Beta side to.'], ['Beta side tre.']], link: 'Beta link', sealField: true },
  { title: 'Gamma – sidste (3)', pages: [['Gamma afsnit.']], link: 'Gamma link' },
];

/** The sources assembled, bookmarks and all, as appendPdf puts them together. */
async function assemble(parts: readonly { pdf: Uint8Array; title: string }[]): Promise<Buffer> {
  const doc = await LibDocument.create({ updateMetadata: false });
  const items = [];
  for (const part of parts) items.push(await appendPdf(doc, part));
  setOutline(doc, items);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

// --- reading the file back with qpdf --json (version 2) -------------------------------------

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Dict = Record<string, Json>;

interface QpdfFile {
  objects: Record<string, { value?: Json; stream?: { dict: Dict; data?: string } }>;
  /** The pages' object references, in page order. */
  pages: string[];
}

let work: string;

function write(bytes: Uint8Array, name: string): string {
  const file = path.join(work, name);
  writeFileSync(file, bytes);
  return file;
}

function qpdfJson(file: string): QpdfFile {
  const r = tool('qpdf', ['--json=2', '--json-key=qpdf', '--json-key=pages', '--decode-level=generalized', '--json-stream-data=inline', file]);
  expect(r.code, r.stderr).toBe(0);
  // Dictionary keys come as »/Type«; read as »Type«, the way the code below names them.
  const json = JSON.parse(r.stdout, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/^\//, ''), v])) : value,
  ) as { qpdf: [unknown, QpdfFile['objects']]; pages: { object: string }[] };
  return { objects: json.qpdf[1], pages: json.pages.map((p) => p.object) };
}

function isRef(value: Json | undefined): value is string {
  return typeof value === 'string' && /^\d+ \d+ R$/.test(value);
}

/** A value, with a reference followed to its object (a stream: its dictionary). */
function resolve(file: QpdfFile, value: Json | undefined): Json | undefined {
  if (!isRef(value)) return value;
  const object = file.objects[`obj:${value}`];
  return object?.value ?? object?.stream?.dict;
}

function dict(file: QpdfFile, value: Json | undefined): Dict {
  const resolved = resolve(file, value);
  if (!resolved || typeof resolved !== 'object' || Array.isArray(resolved)) throw new Error(`not a dictionary: ${JSON.stringify(value)}`);
  return resolved;
}

function list(value: Json | undefined): Json[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function catalog(file: QpdfFile): Dict {
  return dict(file, dict(file, file.objects.trailer?.value).Root);
}

/** The parent tree's flat /Nums array as key → value. */
function parentTree(file: QpdfFile): Map<number, Json> {
  const root = dict(file, catalog(file).StructTreeRoot);
  const nums = list(dict(file, root.ParentTree).Nums);
  const tree = new Map<number, Json>();
  for (let i = 0; i + 1 < nums.length; i += 2) tree.set(nums[i] as number, nums[i + 1]!);
  return tree;
}

/** Every marked-content id shown on a page's content streams. */
function pageMcids(file: QpdfFile, page: string): number[] {
  const streams = list(dict(file, page).Contents);
  const text = streams.map((ref) => Buffer.from(file.objects[`obj:${ref as string}`]?.stream?.data ?? '', 'base64').toString('latin1')).join('\n');
  return [...text.matchAll(/\/MCID\s+(\d+)/g)].map((m) => Number(m[1]));
}

/** Every structure element under the root, with the reference of its parent. */
function elements(file: QpdfFile): { ref: string; parent: string; dict: Dict }[] {
  const rootRef = catalog(file).StructTreeRoot as string;
  const found: { ref: string; parent: string; dict: Dict }[] = [];
  const walk = (ref: Json, parent: string) => {
    if (!isRef(ref)) return;
    const element = dict(file, ref);
    if (element.Type === '/MCR' || element.Type === '/OBJR') return;
    found.push({ ref, parent, dict: element });
    for (const kid of list(element.K)) walk(kid, ref);
  };
  for (const top of list(dict(file, rootRef).K)) walk(top, rootRef);
  return found;
}

/** Poppler's reading of the tree: structure types and text, by indentation. */
function structText(file: string): string[] {
  const r = tool('pdfinfo', ['-struct-text', file]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.split('\n').filter((line) => line.trim() !== '');
}

/** The quoted text lines of a pdfinfo -struct-text listing, in order. */
function texts(lines: readonly string[]): string[] {
  return lines.map((line) => line.trim()).filter((line) => line.startsWith('"'));
}

/** Checks every structural invariant a reader relies on; returns the file read back. */
function checkStructure(file: string): QpdfFile {
  const q = qpdfJson(file);
  const check = tool('qpdf', ['--check', file]);
  expect(check.code, check.stdout + check.stderr).toBe(0);
  expect(check.stdout + check.stderr).not.toMatch(/WARNING/i);

  const cat = catalog(q);
  expect(dict(q, cat.MarkInfo).Marked).toBe(true);
  const tree = parentTree(q);
  const root = dict(q, cat.StructTreeRoot);
  expect(root.ParentTreeNextKey).toBe(Math.max(-1, ...tree.keys()) + 1);

  // Every element's /P is the element (or root) it sits under; every /Pg is a page of the file.
  const all = elements(q);
  const pages = new Set(q.pages);
  for (const e of all) {
    expect(e.dict.P, e.ref).toBe(e.parent);
    if (e.dict.Pg !== undefined) expect(pages.has(e.dict.Pg as string), `${e.ref} /Pg ${JSON.stringify(e.dict.Pg)}`).toBe(true);
  }

  // Each page's key resolves to an array naming, for each MCID shown on the page, the element
  // that holds that MCID on that page; and no array entry without its marked content.
  const used = new Set<number>();
  for (const page of q.pages) {
    const key = dict(q, page).StructParents;
    const mcids = pageMcids(q, page);
    if (key === undefined) {
      expect(mcids, `${page} has marked content but no /StructParents`).toEqual([]);
      continue;
    }
    expect(used.has(key as number), `key ${JSON.stringify(key)} used twice`).toBe(false);
    used.add(key as number);
    const entry = list(resolve(q, tree.get(key as number)));
    expect(
      entry.flatMap((ref, mcid) => (ref === null ? [] : [mcid])),
      page,
    ).toEqual([...mcids].sort((a, b) => a - b));
    for (const mcid of mcids) {
      const owner = entry[mcid];
      expect(isRef(owner), `${page} MCID ${mcid}`).toBe(true);
      const element = dict(q, owner);
      const holds = list(element.K).some((kid) => {
        if (kid === mcid) return element.Pg === page;
        const mcr = typeof kid === 'object' && kid !== null && !Array.isArray(kid) ? kid : undefined;
        return mcr?.Type === '/MCR' && mcr.MCID === mcid && (mcr.Pg ?? element.Pg) === page;
      });
      expect(holds, `${JSON.stringify(owner)} holds MCID ${mcid} of ${page}`).toBe(true);
    }
  }

  // Each tagged annotation's key resolves to the element whose OBJR names it, on its page; every
  // OBJR names an annotation of a page (none dangles at a left-out signature field).
  const onPage = new Map<string, string>();
  for (const page of q.pages) for (const annot of list(resolve(q, dict(q, page).Annots))) onPage.set(annot as string, page);
  for (const [annot, page] of onPage) {
    const key = dict(q, annot).StructParent;
    if (key === undefined) continue;
    expect(used.has(key as number), `key ${JSON.stringify(key)} used twice`).toBe(false);
    used.add(key as number);
    const owner = tree.get(key as number);
    const objr = list(dict(q, owner).K).find((kid) => typeof kid === 'object' && kid !== null && !Array.isArray(kid) && kid.Obj === annot) as Dict | undefined;
    expect(objr, `${annot} in ${JSON.stringify(owner)}`).toBeDefined();
    expect(objr?.Pg ?? dict(q, owner).Pg).toBe(page);
  }
  for (const e of all)
    for (const kid of list(e.dict.K))
      if (typeof kid === 'object' && kid !== null && !Array.isArray(kid) && kid.Type === '/OBJR')
        expect(onPage.has(kid.Obj as string), `${e.ref} OBJR`).toBe(true);
  expect([...tree.keys()].sort((a, b) => a - b)).toEqual([...used].sort((a, b) => a - b));
  return q;
}

let sources: Uint8Array[];
let sourceFiles: string[];
let combined: Buffer;
let combinedFile: string;

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'combined-structure-'));
  sources = await Promise.all(SOURCES.map(tagged));
  sourceFiles = sources.map((bytes, i) => write(bytes, `source-${i}.pdf`));
  combined = await assemble(sources.map((pdf, i) => ({ pdf, title: SOURCES[i]!.title })));
  combinedFile = write(combined, 'combined.pdf');
});

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the structure tree of an assembled PDF', () => {
  it('starts from sources that are themselves valid (the checks below hold for each)', () => {
    for (const file of sourceFiles) checkStructure(file);
  });

  it('is one Document with a Part per source, titled, holding that source’s text in order', () => {
    const lines = structText(combinedFile);
    expect(lines[0]).toBe('Document');
    const partLines = lines.map((line, i) => [line, i] as const).filter(([line]) => /^ {2}\S/.test(line));
    // Poppler prints a title as its bytes: readable for the PDFDocEncoded ones (UTF-16 is not).
    expect(partLines.map(([line]) => line.trim().split(' ')[0])).toEqual(['Part', 'Part', 'Part']);
    expect(partLines.slice(0, 2).map(([line]) => line.trim())).toEqual(['Part "Alfa"', 'Part "Beta"']);
    partLines.forEach(([, start], n) => {
      const end = partLines[n + 1]?.[1] ?? lines.length;
      // The member's own signature field is not in the combined file; its Form element is not either.
      expect(texts(lines.slice(start + 1, end)), SOURCES[n]!.title).toEqual(texts(structText(sourceFiles[n]!)));
      expect(lines.slice(start + 1, end).some((line) => line.trim().startsWith('Form'))).toBe(false);
    });
    const q = qpdfJson(combinedFile);
    const document = dict(q, dict(q, catalog(q).StructTreeRoot).K);
    expect(document.S).toBe('/Document');
    expect(list(document.K).map((part) => dict(q, part).T)).toEqual(SOURCES.map((s) => `u:${s.title}`));
  });

  it('keeps every page’s marked content and every link annotation reachable through the parent tree', () => {
    const q = checkStructure(combinedFile);
    expect(q.pages).toHaveLength(SOURCES.reduce((n, s) => n + s.pages.length, 0));
    // Every page of a tagged source has its key; the three links keep theirs.
    expect(q.pages.every((page) => typeof dict(q, page).StructParents === 'number')).toBe(true);
    const links = q.pages.flatMap((page) => list(resolve(q, dict(q, page).Annots)).map((annot) => dict(q, annot)));
    expect(links.map((annot) => [annot.Subtype, typeof annot.StructParent])).toEqual(SOURCES.map(() => ['/Link', 'number']));
    expect(q.pages.every((page) => dict(q, page).Tabs === '/S')).toBe(true);
  });

  it('copies the first output intent, and each page once (no page object besides the page tree’s)', () => {
    const q = qpdfJson(combinedFile);
    const intents = list(resolve(q, catalog(q).OutputIntents));
    expect(intents.map((intent) => dict(q, intent).S)).toEqual(['/GTS_PDFA1']);
    const pageObjects = Object.values(q.objects).filter((o) => o.value && typeof o.value === 'object' && !Array.isArray(o.value) && o.value.Type === '/Page');
    expect(pageObjects).toHaveLength(q.pages.length);
  });

  it('is byte-identical when assembled again', async () => {
    const again = await assemble(sources.map((pdf, i) => ({ pdf, title: SOURCES[i]!.title })));
    expect(again.equals(combined)).toBe(true);
  });

  it('assembles a source without structure too: its pages, an empty Part, no parent-tree keys', async () => {
    const plain = await untagged('Uden struktur.');
    const file = write(
      await assemble([
        { pdf: sources[0]!, title: 'Alfa' },
        { pdf: plain, title: 'Uden' },
      ]),
      'mixed.pdf',
    );
    const q = checkStructure(file);
    const parts = list(dict(q, dict(q, catalog(q).StructTreeRoot).K).K).map((part) => dict(q, part));
    expect(parts.map((part) => [part.T, list(part.K).length > 0])).toEqual([
      ['u:Alfa', true],
      ['u:Uden', false],
    ]);
    expect(dict(q, q.pages.at(-1)).StructParents).toBeUndefined();
    expect(tool('pdftotext', [file, '-']).stdout).toContain('Uden struktur.');
  });

  it('tags the assembled file’s own signature field as a Form in the Part of its page', async () => {
    const doc = await LibDocument.create({ updateMetadata: false });
    for (const [i, pdf] of sources.entries()) await appendPdf(doc, { pdf, title: SOURCES[i]!.title });
    addSignaturePlaceholderToPdfLib(doc, { reason: 'Test', name: 'Test', location: 'Test', signingTime: new Date('2026-02-24T00:00:00Z') });
    tagSignatureFields(doc, 'Elektronisk segl');
    const file = write(await doc.save({ useObjectStreams: false }), 'sealed.pdf');
    const q = checkStructure(file);
    const firstPart = dict(q, list(dict(q, dict(q, catalog(q).StructTreeRoot).K).K)[0]);
    const form = dict(q, list(firstPart.K).at(-1));
    expect([form.S, form.Alt]).toEqual(['/Form', 'u:Elektronisk segl']);
    const widget = list(resolve(q, dict(q, q.pages[0]).Annots)).find((annot) => dict(q, annot).FT === '/Sig');
    expect(list(form.K)).toEqual([{ Type: '/OBJR', Obj: widget, Pg: q.pages[0] }]);
  });
});

describe('a combined PDF’s structure', () => {
  it('has the contents pages’ Part first, then one per member, and the catalogue a tagged file needs', async () => {
    const job: CombinedJob = {
      kommune: { kode: '316', navn: 'Holbæk Kommune' },
      members: sources.map((pdf, i) => ({ name: SOURCES[i]!.title, version: null, awaits: null, pdf, pages: SOURCES[i]!.pages.length })),
      draft: false,
      author: 'Region Østdanmark',
      date: '2026-02-24',
    };
    const made = await combinedPdf(job);
    expect((await combinedPdf(job)).bytes.equals(made.bytes)).toBe(true);
    const file = write(made.bytes, 'kommune.pdf');
    const q = checkStructure(file);
    const cat = catalog(q);
    expect(cat.Lang).toBe('u:da-DK');
    expect(dict(q, cat.ViewerPreferences).DisplayDocTitle).toBe(true);
    const parts = list(dict(q, dict(q, cat.StructTreeRoot).K).K).map((part) => dict(q, part));
    expect(parts.map((part) => [part.S, part.T])).toEqual([['/Part', 'u:Indhold'], ...SOURCES.map((s) => ['/Part', `u:${s.title}`])]);
    const lines = structText(file);
    for (const [i, source] of sourceFiles.entries()) {
      const all = texts(lines);
      const own = texts(structText(source));
      expect(all.join('\n'), SOURCES[i]!.title).toContain(own.join('\n'));
    }
  });
});
