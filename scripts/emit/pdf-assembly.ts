/**
 * Puts finished PDFs one after another into a new PDF, page for page (pdf-lib), instead of laying
 * their content out again: a kommune's combined PDF then shows each document exactly as it was
 * sealed, and costs a copy rather than a second layout.
 *
 * What a page copy would otherwise get wrong is mended here:
 * - a member's own signature field is left out (its seal covers the member file, not this one;
 *   the combined file gets its own);
 * - links inside a member (its table of contents) point at named destinations of the member's
 *   catalogue, which is not copied: they are re-pointed at the copied pages;
 * - bookmarks: one per member, at its first page, with the member's own top-level bookmarks below;
 * - the structure tree (tagged PDF): each member's goes under a Part of its own (see
 *   pdf-assembly-structure.ts); the first output intent found (the contents pages') is kept.
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFObjectCopier,
  PDFPage,
  PDFPageLeaf,
  PDFRef,
  PDFString,
  ParseSpeeds,
  type PDFObject,
} from 'pdf-lib';
import { appendStructure } from './pdf-assembly-structure.ts';

/** A destination kept as page index + view, so it can be re-pointed at a copied page. */
interface Destination {
  page: number;
  view: PDFObject[];
}

export interface OutlineItem {
  title: string;
  page: PDFRef;
  children?: OutlineItem[];
}

export interface AssemblyPart {
  pdf: Uint8Array;
  /** The part's bookmark title. */
  title: string;
}

const name = (key: string) => PDFName.of(key);

function text(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

/** Every entry of a name tree (PDF 32000 7.9.6), leaves and kids alike. */
function nameTree(node: PDFDict | undefined, into = new Map<string, PDFObject>()): Map<string, PDFObject> {
  if (!node) return into;
  const names = node.lookupMaybe(name('Names'), PDFArray);
  for (let i = 0; names && i + 1 < names.size(); i += 2) {
    const key = text(names.lookup(i));
    const value = names.lookup(i + 1);
    if (key !== undefined && value !== undefined) into.set(key, value);
  }
  const kids = node.lookupMaybe(name('Kids'), PDFArray);
  for (let i = 0; kids && i < kids.size(); i++) nameTree(kids.lookup(i, PDFDict), into);
  return into;
}

/** A member's named destinations, by name, as page index + view. */
function namedDestinations(doc: PDFDocument): Map<string, Destination> {
  const pages = doc.getPages().map((p) => p.ref);
  const dests = new Map<string, Destination>();
  const tree = doc.catalog.lookupMaybe(name('Names'), PDFDict)?.lookupMaybe(name('Dests'), PDFDict);
  for (const [key, value] of nameTree(tree)) {
    const array = value instanceof PDFArray ? value : value instanceof PDFDict ? value.lookupMaybe(name('D'), PDFArray) : undefined;
    const target = array?.get(0);
    const page = target instanceof PDFRef ? pages.findIndex((ref) => ref === target) : -1;
    if (array && page >= 0) dests.set(key, { page, view: array.asArray().slice(1) });
  }
  return dests;
}

/** A destination given as a name, or as a GoTo action's /D name, on a link or bookmark. */
function destinationName(dict: PDFDict): string | undefined {
  return text(dict.get(name('Dest'))) ?? text(dict.lookupMaybe(name('A'), PDFDict)?.get(name('D')));
}

/** Drops signature widgets from a page (before copying, so their dictionaries are not copied). */
function dropSignatureFields(page: PDFPage): void {
  const annots = page.node.Annots();
  if (!annots) return;
  const kept = annots.asArray().filter((ref) => {
    const annot = page.doc.context.lookup(ref, PDFDict);
    return !(annot.get(name('Subtype')) === name('Widget') && annot.get(name('FT')) === name('Sig'));
  });
  if (kept.length === 0) page.node.delete(name('Annots'));
  else page.node.set(name('Annots'), page.doc.context.obj(kept));
}

/** Re-points a copied page's links from the member's named destinations at the copied pages. */
function relink(page: PDFPage, dests: Map<string, Destination>, copied: PDFPage[]): void {
  const annots = page.node.Annots();
  for (let i = 0; annots && i < annots.size(); i++) {
    const annot = annots.lookup(i, PDFDict);
    const key = destinationName(annot);
    const dest = key === undefined ? undefined : dests.get(key);
    const target = dest && copied[dest.page];
    if (!dest || !target) continue;
    annot.delete(name('A'));
    annot.set(name('Dest'), page.doc.context.obj([target.ref, ...dest.view]));
  }
}

/** A member's top-level bookmarks, re-pointed at the copied pages. */
function topLevelBookmarks(doc: PDFDocument, dests: Map<string, Destination>, copied: PDFPage[]): OutlineItem[] {
  const items: OutlineItem[] = [];
  let item = doc.catalog.lookupMaybe(name('Outlines'), PDFDict)?.lookupMaybe(name('First'), PDFDict);
  while (item) {
    const title = text(item.lookup(name('Title')));
    const key = destinationName(item);
    const target = key === undefined ? undefined : copied[dests.get(key)?.page ?? -1];
    if (title !== undefined && target) items.push({ title, page: target.ref });
    item = item.lookupMaybe(name('Next'), PDFDict);
  }
  return items;
}

/**
 * Appends every page of `part` to `target`; returns the part's bookmark (its first page, its own
 * top-level bookmarks below it).
 */
export async function appendPdf(target: PDFDocument, part: AssemblyPart): Promise<OutlineItem> {
  // Fastest: pdf-lib otherwise waits for a timer tick every 100 objects, which left a build idle.
  const source = await PDFDocument.load(part.pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const pages = source.getPages();
  pages.forEach(dropSignatureFields);
  // target.copyPages copies each page's dictionary; copying its reference instead makes the
  // copier map the page itself, so whatever else points at a page (an annotation's /P, an explicit
  // destination) gets the copied page rather than a second, orphaned copy of it. The copier is
  // kept for the structure tree: what it shares with the pages is then copied once.
  const copier = PDFObjectCopier.for(source.context, target.context);
  const copied = pages.map((page) => {
    const ref = copier.copy(page.ref);
    const node = target.context.lookup(ref);
    if (!(node instanceof PDFPageLeaf)) throw new Error(`${part.title}: side ${String(page.ref)} blev ikke kopieret som en side`);
    return PDFPage.of(node, ref, target);
  });
  copied.forEach((page) => target.addPage(page));
  const dests = namedDestinations(source);
  copied.forEach((page) => relink(page, dests, copied));
  appendStructure(target, source, copier, { from: pages.map((p) => p.ref), to: copied.map((p) => p.ref), nodes: copied.map((p) => p.node) }, part.title);
  const intents = source.catalog.get(name('OutputIntents'));
  if (intents && !target.catalog.has(name('OutputIntents'))) target.catalog.set(name('OutputIntents'), copier.copy(intents));
  return { title: part.title, page: copied[0]!.ref, children: topLevelBookmarks(source, dests, copied) };
}

/** Writes the bookmark tree (shown open at the top level) and opens the file with it. */
export function setOutline(doc: PDFDocument, items: readonly OutlineItem[]): void {
  const context = doc.context;
  const level = (parent: PDFRef, list: readonly OutlineItem[]): { first: PDFRef; last: PDFRef; count: number } | undefined => {
    const refs = list.map(() => context.nextRef());
    let count = 0;
    list.forEach((item, i) => {
      const dict = context.obj({});
      dict.set(name('Title'), PDFHexString.fromText(item.title));
      dict.set(name('Parent'), parent);
      dict.set(name('Dest'), context.obj([item.page, name('XYZ'), PDFNull, PDFNull, PDFNull]));
      if (i > 0) dict.set(name('Prev'), refs[i - 1]!);
      if (i < list.length - 1) dict.set(name('Next'), refs[i + 1]!);
      const kids = item.children && item.children.length > 0 ? level(refs[i]!, item.children) : undefined;
      if (kids) {
        dict.set(name('First'), kids.first);
        dict.set(name('Last'), kids.last);
        // Negative: the document's bookmarks show closed below it.
        dict.set(name('Count'), PDFNumber.of(-kids.count));
      }
      context.assign(refs[i]!, dict);
      count++;
    });
    return refs.length > 0 ? { first: refs[0]!, last: refs.at(-1)!, count } : undefined;
  };
  const root = context.nextRef();
  const top = level(root, items);
  if (!top) return;
  context.assign(root, context.obj({ Type: 'Outlines', First: top.first, Last: top.last, Count: PDFNumber.of(top.count) }));
  doc.catalog.set(name('Outlines'), root);
  doc.catalog.set(name('PageMode'), name('UseOutlines'));
}
