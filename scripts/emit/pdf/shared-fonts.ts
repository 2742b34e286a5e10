/**
 * Decodes each font file's tables once per process instead of once per document.
 *
 * pdfkit makes a new fontkit font for every document, and decoding its TrueType tables (cmap,
 * GSUB, GPOS, …) was the largest single cost of a PDF in a CPU profile. Decoded tables are a
 * pure function of the file's bytes; a fontkit font object, however, also keeps per-use state —
 * the glyph objects it has handed out, each carrying the code points it was *first* seen with,
 * which pdfkit writes into the PDF's text mapping — so sharing whole font objects made a PDF's
 * bytes depend on what the thread had rendered before (tried and withdrawn earlier).
 *
 * So only the table store is shared: every document still gets its own fontkit font (own glyphs,
 * layout engine, subset, widths and shaping cache, all made by pdfkit as usual), whose lazily
 * filled `_tables` object is swapped for the one store of that file. A test renders a document
 * cold and again after one that reaches the same glyph through another code point, and asserts
 * identical bytes.
 *
 * This reaches into pdfmake's `provideFont` and fontkit 2's `_tables` (versions pinned through
 * package-lock and the pdfkit override).
 */
// @ts-expect-error pdfmake ships no types for its internal modules; the shape used is declared below.
import PdfmakeDocumentModule from 'pdfmake/js/PDFDocument.js';

/** The slice of a fontkit font we touch: its cache of decoded tables by tag. */
interface FontkitFont {
  _tables: Record<string, unknown>;
}

/** The slice of pdfkit's EmbeddedFont we touch. */
interface EmbeddedFont {
  font: FontkitFont;
}

/** The slice of pdfmake's PDFDocument (a pdfkit document) we rely on. */
interface PdfmakeDocument {
  fontCache: Record<string, Record<string, EmbeddedFont> | undefined>;
  virtualfs: { existsSync(name: string): boolean; readFileSync(name: string): unknown } | null;
  getFontType(bold: boolean, italics: boolean): string;
  getFontFile(family: string, bold: boolean, italics: boolean): unknown;
  provideFont(family: string, bold: boolean, italics: boolean): EmbeddedFont;
}

// Keyed by the bytes object: pdfmake's virtual file system hands out the same Buffer for a file
// every time, and a WeakMap lets a dropped font file take its tables with it.
let tableStores = new WeakMap<Uint8Array, Record<string, unknown>>();
let installed = false;

/** The font file's bytes as pdfmake will read them, when they come from its virtual file system. */
function fontBytes(doc: PdfmakeDocument, family: string, bold: boolean, italics: boolean): Uint8Array | undefined {
  const file = doc.getFontFile(family, bold, italics);
  const name = Array.isArray(file) ? (file[0] as unknown) : file;
  if (typeof name !== 'string' || !doc.virtualfs?.existsSync(name)) return undefined;
  const bytes = doc.virtualfs.readFileSync(name);
  return bytes instanceof Uint8Array ? bytes : undefined;
}

/** Installs the sharing once per process (idempotent). */
export function shareFontTables(): void {
  if (installed) return;
  installed = true;
  // CommonJS module with __esModule: the class is on `default` (under Node's ESM interop too).
  const mod = PdfmakeDocumentModule as { default?: { prototype: PdfmakeDocument }; prototype?: PdfmakeDocument };
  const proto = (mod.default ?? mod).prototype as PdfmakeDocument;
  const provideFont = proto.provideFont;
  proto.provideFont = function (this: PdfmakeDocument, family: string, bold: boolean, italics: boolean): EmbeddedFont {
    const known = this.fontCache[family]?.[this.getFontType(bold, italics)] !== undefined;
    const embedded = provideFont.call(this, family, bold, italics);
    const bytes = known ? undefined : fontBytes(this, family, bold, italics);
    if (bytes !== undefined) {
      const store = tableStores.get(bytes);
      if (store === undefined) tableStores.set(bytes, embedded.font._tables);
      else embedded.font._tables = store;
    }
    return embedded;
  };
}

/** Drops the shared tables, so the next document decodes afresh (tests compare cold and warm). */
export function forgetFontTables(): void {
  tableStores = new WeakMap();
}
