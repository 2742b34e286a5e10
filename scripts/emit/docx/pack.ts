/**
 * A Word document → .docx bytes, the same bytes for the same document.
 *
 * docx's Packer stamps the zip entries and the core properties (created, modified) with the
 * clock, and names hyperlink relationships and the watermark shape with random ids. The archive
 * is therefore unpacked and packed again: core properties dated from the document's own date
 * (and given its language), random ids replaced by numbered ones in the order they occur, every
 * entry stamped with the same date, in the order Packer wrote them ([Content_Types].xml first).
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

/** Packs a document deterministically; `date` (YYYY-MM-DD) is the document's own date. */
export async function packDocx(doc: Document, date: string): Promise<Uint8Array> {
  const entries = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
  const names = Object.keys(entries);
  const texts = new Map<string, string>();
  for (const name of names) if (/\.(xml|rels)$/.test(name)) texts.set(name, strFromU8(entries[name] ?? new Uint8Array(0)));

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
  const ordered = [CONTENT_TYPES, ...names.filter((n) => n !== CONTENT_TYPES)].filter((n) => entries[n] !== undefined);
  const zippable: Zippable = {};
  for (const name of ordered) {
    const text = texts.get(name);
    zippable[name] = [text === undefined ? (entries[name] ?? new Uint8Array(0)) : strToU8(text), { mtime, level: 6 }];
  }
  return zipSync(zippable);
}
