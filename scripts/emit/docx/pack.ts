/**
 * A Word document → .docx bytes, the same bytes for the same document.
 *
 * docx's Packer stamps the zip entries and the core properties (created, modified) with the
 * clock, and names hyperlink relationships and the watermark shape with random ids. The archive
 * is therefore unpacked and packed again: core properties dated from the document's own date
 * (and given its language), random ids replaced by numbered ones in the order they occur, every
 * entry stamped with the same date, in the order Packer wrote them ([Content_Types].xml first).
 *
 * The parts are taken from docx's compiler before its Packer zips them, when its shape is the
 * expected one: zipping to unzip at once was a quarter of the .docx's CPU. The compiler is not
 * exported, so this reaches into Packer (docx is pinned exactly in package.json); if its shape
 * changes, the parts come from Packer's zip instead, which gives the same bytes, only slower
 * (tests/emit-docx/pack.test.ts compares the two).
 */
import { Packer, type Document } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { DOCX_LANGUAGE } from './styles.ts';

const CORE = 'docProps/core.xml';
const CONTENT_TYPES = '[Content_Types].xml';
/** Word names its own watermark shapes so; the suffix is free. */
const WATERMARK_ID = /PowerPlusWaterMarkObject[A-Za-z0-9_-]+/g;
/** Relationship ids Packer numbers itself; any other id is a random one. */
const NUMBERED_ID = /^rId\d+$/;

/** »2026-02-24« → the instant core properties are dated with. */
function isoDate(date: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new Error(`expected a date YYYY-MM-DD, got »${date}«`);
  return `${date}T00:00:00Z`;
}

/** created and modified from the document's date, and its language, which Packer does not write. */
function coreProperties(xml: string, date: string): string {
  const when = isoDate(date);
  const dated = xml.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${when}$2`);
  return dated.replace('</cp:coreProperties>', `<dc:language>${DOCX_LANGUAGE}</dc:language></cp:coreProperties>`);
}

/** The relationships of `part`, e.g. word/_rels/document.xml.rels for word/document.xml. */
function relsOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Random relationship ids of each part → rIdLink1, rIdLink2, … in the order its .rels lists them. */
function numberRelationships(texts: Map<string, string>): void {
  for (const [path, rels] of texts) {
    if (!path.endsWith('.rels')) continue;
    const part = [...texts.keys()].find((p) => relsOf(p) === path);
    let n = 0;
    const renames = new Map<string, string>();
    for (const [, id] of rels.matchAll(/\bId="([^"]+)"/g)) if (id !== undefined && !NUMBERED_ID.test(id) && !renames.has(id)) renames.set(id, `rIdLink${++n}`);
    if (renames.size === 0) continue;
    const rename = (xml: string) =>
      xml.replace(/"([^"]+)"/g, (quoted, id: string) => {
        const renamed = renames.get(id);
        return renamed === undefined ? quoted : `"${renamed}"`;
      });
    texts.set(path, rename(rels));
    if (part !== undefined) texts.set(part, rename(texts.get(part) ?? ''));
  }
}

/**
 * The zip's DOS timestamps are local time: a Date made from local fields gives the same fields
 * back in any time zone, so the bytes do not depend on the machine's zone.
 */
function zipTime(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Math.max(1980, y ?? 1980), (m ?? 1) - 1, d ?? 1, 12, 0, 0);
}

/**
 * Characters XML 1.0 cannot hold (C0 controls but tab and line breaks, U+FFFE/U+FFFF, lone
 * surrogates) would make Word refuse the file as corrupt; docx writes them as they come. The
 * check already refuses them in the data (yaml/tegnkodning), so this only keeps a file openable
 * if one ever gets this far.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const xmlChars = (xml: string) => xml.replace(NOT_XML, '');

/** The parts that are XML (and so text): everything but media and fonts. */
const XML_PART = /\.(xml|rels)$/;

/** The package's parts by path, in Packer's order: XML parts as text, anything else as bytes. */
export type DocxParts = Map<string, string | Uint8Array>;

interface CompilerShape {
  compile: (file: Document) => unknown;
}

/** The parts as docx's compiler makes them, or undefined when the compiler is not of the expected shape. */
export function partsFromCompiler(doc: Document): DocxParts | undefined {
  const compiler = (Packer as unknown as { compiler?: Partial<CompilerShape> }).compiler;
  if (typeof compiler?.compile !== 'function') return undefined;
  const parts = compiler.compile(doc);
  if (!(parts instanceof Map)) return undefined;
  for (const [name, data] of parts as Map<unknown, unknown>)
    if (typeof name !== 'string' || !(typeof data === 'string' || data instanceof Uint8Array)) return undefined;
  return parts as DocxParts;
}

/** The parts as Packer's zip holds them: the public way, and the fallback. */
export async function partsFromZip(doc: Document): Promise<DocxParts> {
  const entries = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
  return new Map(Object.entries(entries).map(([name, data]) => [name, XML_PART.test(name) ? strFromU8(data) : data]));
}

/** Packs a document deterministically; `date` (YYYY-MM-DD) is the document's own date. */
export async function packDocx(doc: Document, date: string): Promise<Uint8Array> {
  return packParts(partsFromCompiler(doc) ?? (await partsFromZip(doc)), date);
}

/** The parts packed as packDocx packs them: the same parts give the same bytes. */
export function packParts(parts: DocxParts, date: string): Uint8Array {
  const names = [...parts.keys()];
  const texts = new Map<string, string>();
  for (const [name, data] of parts) if (XML_PART.test(name)) texts.set(name, xmlChars(typeof data === 'string' ? data : strFromU8(data)));

  const core = texts.get(CORE);
  if (core !== undefined) texts.set(CORE, coreProperties(core, date));
  numberRelationships(texts);
  // Numbered across the document, so the first page's and the other pages' watermarks differ.
  let shapes = 0;
  for (const [name, xml] of texts)
    texts.set(
      name,
      xml.replace(WATERMARK_ID, () => `PowerPlusWaterMarkObject${++shapes}`),
    );

  const mtime = zipTime(date);
  const ordered = [CONTENT_TYPES, ...names.filter((n) => n !== CONTENT_TYPES)].filter((n) => parts.has(n));
  const zippable: Zippable = {};
  for (const name of ordered) {
    const data = texts.get(name) ?? parts.get(name) ?? new Uint8Array(0);
    zippable[name] = [typeof data === 'string' ? strToU8(data) : data, { mtime, level: 6 }];
  }
  return zipSync(zippable);
}
