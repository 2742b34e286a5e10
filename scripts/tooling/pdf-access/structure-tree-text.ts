/**
 * The text of the structure tree, in tree order, read from the PDF's objects: one piece per
 * marked-content reference, as `pdfinfo -struct-text` prints it, without poppler's per-element
 * re-reading of the page.
 *
 * Each page's content streams are read once: the marked-content stack (BDC with /MCID, BMC and
 * BDC without, EMC), the current font (Tf, from the page's /Resources /Font, inherited through
 * /Parent; saved and restored with q and Q) and every text-showing operator (Tj, TJ, ', ") whose
 * bytes the font's /ToUnicode CMap turns into text, appended to the innermost enclosing MCID.
 * Then the tree is walked from /StructTreeRoot /K: an integer MCID (on the element's /Pg, or an
 * ancestor's), a marked-content reference (/Pg, /MCID), an object reference (skipped), a child
 * element, or an array of these. Content in form XObjects (/Stm) is not read.
 */
import { parsedOperations } from './content-stream.ts';
import { inherited, openSequence, propertyLookup } from './marked-content.ts';
import type { PdfDict, PdfObjects, PdfPage, PdfValue } from './pdf-objects.ts';
import { decodeText, parseToUnicode } from './to-unicode.ts';

export interface StructureTreeText {
  /** The text of every marked-content reference, in the tree's order ('' when the page has none for it). */
  texts: string[];
  /** Parts of the tree that could not be followed (a missing object, a loop, an MCID without a page). */
  problems: string[];
}

type Decode = (bytes: string) => string;

/** A TJ adjustment this far to the left (thousandths of an em) is a word space. */
const SPACE_ADJUSTMENT = -200;

/** The decoder of a font dictionary: its ToUnicode CMap, or latin1 for a simple font without one. */
function fontDecoder(objects: PdfObjects, font: PdfDict): Decode {
  const composite = objects.resolve(font['/Subtype']) === '/Type0';
  const stream = objects.stream(font['/ToUnicode']);
  if (stream === undefined || stream.dict['/Filter'] !== undefined) return composite ? () => '' : (bytes) => bytes;
  const cmap = parseToUnicode(stream.data);
  return (bytes) => decodeText(cmap, bytes, composite);
}

/** The text of each MCID on one page, in content order. */
function pageTexts(objects: PdfObjects, page: PdfPage, decoders: Map<PdfDict, Decode>): Map<number, string> {
  const texts = new Map<number, string>();
  const fonts = objects.dict(objects.dict(inherited(objects, page.dict, '/Resources'))?.['/Font']);
  const properties = propertyLookup(objects, page);
  const stack: (number | undefined)[] = [];
  const saved: (Decode | undefined)[] = [];
  let decode: Decode | undefined;
  const show = (bytes: string, prefix = '') => {
    const mcid = stack.findLast((m) => m !== undefined);
    if (mcid === undefined || decode === undefined) return;
    texts.set(mcid, (texts.get(mcid) ?? '') + prefix + decode(bytes));
  };
  for (const ref of page.contents) {
    const stream = objects.stream(ref);
    if (stream === undefined || stream.dict['/Filter'] !== undefined) continue;
    const { operations: ops, error } = parsedOperations(stream.data);
    for (const op of ops) {
      const { operator, operands } = op;
      switch (operator) {
        case 'BMC':
        case 'BDC':
          stack.push(openSequence(op, properties).mcid);
          break;
        case 'EMC':
          stack.pop();
          break;
        case 'q':
          saved.push(decode);
          break;
        case 'Q':
          if (saved.length > 0) decode = saved.pop();
          break;
        case 'Tf': {
          const name = operands[0];
          const font = name !== null && typeof name === 'object' && 'name' in name ? objects.dict(fonts?.[`/${name.name}`]) : undefined;
          if (font === undefined) {
            decode = undefined;
            break;
          }
          decode = decoders.get(font);
          if (decode === undefined) decoders.set(font, (decode = fontDecoder(objects, font)));
          break;
        }
        case 'Tj':
        case "'":
        case '"': {
          const text = operands[operands.length - 1];
          if (text !== null && typeof text === 'object' && 'string' in text) show(text.string);
          break;
        }
        case 'TJ': {
          const items = operands[0];
          if (!Array.isArray(items)) break;
          let space = '';
          for (const item of items) {
            if (typeof item === 'number' && item <= SPACE_ADJUSTMENT) space = ' ';
            if (item === null || typeof item !== 'object' || !('string' in item)) continue;
            show(item.string, space);
            space = '';
          }
          break;
        }
      }
    }
    // The marked-content check reports the unreadable stream; the page's text ends there.
    if (error) break;
  }
  return texts;
}

const REFERENCE = /^\d+ \d+ R$/;

/** The structure tree's text, in tree order, and what in the tree could not be followed. */
export function structureTreeText(objects: PdfObjects): StructureTreeText {
  const result: StructureTreeText = { texts: [], problems: [] };
  const root = objects.dict(objects.catalog?.['/StructTreeRoot']);
  if (root === undefined) return result;
  const pageIndex = new Map<PdfDict, number>(objects.pages.map((page, index) => [page.dict, index]));
  const perPage = new Map<number, Map<number, string>>();
  const decoders = new Map<PdfDict, Decode>();
  const seen = new Set<PdfDict>();

  const content = (pg: PdfValue | undefined, mcid: number, where: string) => {
    const pageDict = objects.dict(pg);
    const index = pageDict === undefined ? undefined : pageIndex.get(pageDict);
    if (index === undefined) {
      result.problems.push(`MCID ${mcid} i ${where} har ingen side (/Pg)`);
      return;
    }
    let texts = perPage.get(index);
    if (texts === undefined) perPage.set(index, (texts = pageTexts(objects, objects.pages[index]!, decoders)));
    result.texts.push(texts.get(mcid) ?? '');
  };

  const walk = (kid: PdfValue | undefined, pg: PdfValue | undefined, where: string): void => {
    const value = objects.resolve(kid);
    if (value === undefined) return;
    if (value === null) {
      if (typeof kid === 'string' && REFERENCE.test(kid)) result.problems.push(`${where} henviser til objekt ${kid}, som ikke findes`);
      return;
    }
    if (typeof value === 'number') {
      if (Number.isInteger(value) && value >= 0) content(pg, value, where);
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) walk(item, pg, where);
      return;
    }
    const dict = objects.dict(value);
    if (dict === undefined) return;
    const type = objects.resolve(dict['/Type']);
    // An object reference (a link annotation, a form field): no text of its own.
    if (type === '/OBJR' || dict['/Obj'] !== undefined) return;
    const name = typeof kid === 'string' && REFERENCE.test(kid) ? `element ${kid}` : 'et element';
    if (seen.has(dict)) {
      result.problems.push(`${name} forekommer mere end én gang i strukturtræet (en løkke)`);
      return;
    }
    seen.add(dict);
    const mcid = objects.resolve(dict['/MCID']);
    if (type === '/MCR' || typeof mcid === 'number') {
      // Content of a form XObject: not read.
      if (dict['/Stm'] !== undefined || typeof mcid !== 'number') return;
      content(dict['/Pg'] ?? pg, mcid, where);
      return;
    }
    walk(dict['/K'], dict['/Pg'] ?? pg, name);
  };

  seen.add(root);
  walk(root['/K'], undefined, 'strukturtræets rod');
  return result;
}
