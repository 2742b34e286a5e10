/**
 * Decodes each font file's tables, and shapes each word, once per process instead of once per
 * document.
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
 * Shaping (OpenType GSUB/GPOS, the next largest cost) is shared the same way: a word's shaping
 * result is kept as plain data and replayed into each document's own font (shapeThroughCache).
 *
 * This reaches into pdfmake's `provideFont` and fontkit 2's `_tables`, `layout` and `getGlyph`
 * (fontkit and pdfmake pinned exactly in package.json). font-sharing-guard.ts checks their shape
 * on first use and turns sharing off for the process, with one warning, if it has changed;
 * `AFTALER_FONT_SHARING=0` turns it off too.
 */
import { createRequire } from 'node:module';
import { embeddedFontProblem, pdfmakeDocumentProblem, pdfmakeProblem, sharingWanted, warnSharingOff, type FontSharing } from './font-sharing-guard.ts';

/** A glyph position as fontkit makes it (a class: pdfkit enumerates its fields). */
interface GlyphPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;
}

/** A shaped run as fontkit returns it; pdfkit reads glyphs, positions and advanceWidth. */
interface GlyphRun {
  glyphs: Array<{ id: number; codePoints: number[] }>;
  positions: GlyphPosition[];
  script: unknown;
  language: unknown;
  direction: unknown;
  features: Record<string, boolean>;
}

/** The slice of a fontkit font we touch: its cache of decoded tables by tag, and shaping. */
interface FontkitFont {
  _tables: Record<string, unknown>;
  layout(text: unknown, ...rest: unknown[]): GlyphRun;
  glyphsForString(text: string): unknown[];
  getGlyph(id: number, codePoints?: number[]): GlyphRun['glyphs'][number];
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
/** Decided on first use, in each thread alike (the check depends only on the installed code). */
let sharing: FontSharing | undefined;

/** A shaped word as plain data: the glyph lookups shaping made, the glyphs, where they go. */
interface ShapedRun {
  lookups: Array<[number, number[]]>;
  ids: number[];
  positions: Array<[number, number, number, number]>;
  script: unknown;
  language: unknown;
  direction: unknown;
  features: Record<string, boolean>;
}

/** Shaped runs of one font file, and fontkit's run and position classes to rebuild them with. */
interface RunCache {
  runs: Map<string, ShapedRun>;
  runPrototype?: object;
  Position?: new (xAdvance: number, yAdvance: number, xOffset: number, yOffset: number) => GlyphPosition;
}

const runCaches = new WeakMap<Record<string, unknown>, RunCache>();

/** Enough for the vocabulary of many documents; past it, words are shaped as usual. */
const MAX_RUNS_PER_FONT = 50_000;

/**
 * Text the cache may take: scripts fontkit shapes with its default shaper only (Latin, Greek,
 * Cyrillic, Armenian, general punctuation, symbols). Hangul and Indic shapers look glyphs up
 * while planning, which a replay would not repeat, so such text is always shaped afresh.
 */
// eslint-disable-next-line no-control-regex -- the range starts at U+0000 on purpose: control characters shape by default too.
const DEFAULT_SHAPER_TEXT = /^[\u0000-\u058f\u2000-\u2bff]+$/;

/** The font file's bytes as pdfmake will read them, when they come from its virtual file system. */
function fontBytes(doc: PdfmakeDocument, family: string, bold: boolean, italics: boolean): Uint8Array | undefined {
  const file = doc.getFontFile(family, bold, italics);
  const name = Array.isArray(file) ? (file[0] as unknown) : file;
  if (typeof name !== 'string' || !doc.virtualfs?.existsSync(name)) return undefined;
  const bytes = doc.virtualfs.readFileSync(name);
  return bytes instanceof Uint8Array ? bytes : undefined;
}

/** Whether the string's glyphs carry exactly the string's code points (no earlier text's). */
function ownCodePoints(text: string, glyphs: unknown[]): boolean {
  // Allocation-free: this runs for every distinct word of every document.
  let at = 0;
  for (const glyph of glyphs as GlyphRun['glyphs']) {
    for (const codePoint of glyph.codePoints) {
      if (at >= text.length || text.codePointAt(at) !== codePoint) return false;
      at += codePoint > 0xffff ? 2 : 1;
    }
  }
  return at === text.length;
}

/**
 * Shapes a word once per process and replays it for later documents. fontkit hands out glyph
 * objects that keep the code points they were first asked for, and pdfkit writes those into the
 * text layer; so a replay repeats, on the document's own font and in the same order, every glyph
 * lookup the shaping made (recorded the first time), and only then takes the shaped glyphs. A
 * word is recorded or replayed only while its glyphs carry the word's own code points: otherwise
 * the lookups themselves would depend on earlier text, and the word is shaped afresh. Positions
 * are new objects each time: pdfkit scales them in place.
 */
function shapeThroughCache(font: FontkitFont, cache: RunCache): void {
  const layout = font.layout.bind(font);
  font.layout = (text: unknown, ...rest: unknown[]): GlyphRun => {
    const [features, ...more] = rest;
    if (typeof text !== 'string' || more.length > 0 || !DEFAULT_SHAPER_TEXT.test(text)) return layout(text, ...rest);
    // The first lookups of any layout; made here so their glyphs can be checked.
    if (!ownCodePoints(text, font.glyphsForString(text))) return layout(text, ...rest);
    const key = features === undefined ? text : `${text}\u0000${JSON.stringify(features)}`;
    const hit = cache.runs.get(key);
    if (hit === undefined || cache.runPrototype === undefined || cache.Position === undefined) return record(font, layout, cache, key, text, rest);
    for (const [id, codePoints] of hit.lookups) font.getGlyph(id, [...codePoints]);
    const run = Object.create(cache.runPrototype) as GlyphRun;
    run.glyphs = hit.ids.map((id) => font.getGlyph(id));
    run.positions = hit.positions.map(([xAdvance, yAdvance, xOffset, yOffset]) => new cache.Position!(xAdvance, yAdvance, xOffset, yOffset));
    run.script = hit.script;
    run.language = hit.language;
    run.direction = hit.direction;
    run.features = { ...hit.features };
    return run;
  };
}

/** Shapes with fontkit, recording its glyph lookups, and keeps the result for replays. */
function record(font: FontkitFont, layout: FontkitFont['layout'], cache: RunCache, key: string, text: string, rest: unknown[]): GlyphRun {
  const lookups: ShapedRun['lookups'] = [];
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .call(font).
  const getGlyph = font.getGlyph;
  font.getGlyph = (id: number, codePoints: number[] = []) => {
    lookups.push([id, [...codePoints]]);
    return getGlyph.call(font, id, codePoints);
  };
  let run: GlyphRun;
  try {
    run = layout(text, ...rest);
  } finally {
    // The own property shadowed the prototype's method; removing it restores fontkit's own.
    delete (font as Partial<FontkitFont>).getGlyph;
  }
  if (cache.runs.size < MAX_RUNS_PER_FONT && isGlyphRun(run) && run.positions.length > 0) {
    cache.runs.set(key, {
      lookups,
      ids: run.glyphs.map((g) => g.id),
      positions: run.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
      script: run.script,
      language: run.language,
      direction: run.direction,
      features: { ...run.features },
    });
    cache.runPrototype ??= Object.getPrototypeOf(run) as object;
    cache.Position ??= run.positions[0]!.constructor as RunCache['Position'];
  }
  return run;
}

/**
 * Whether a shaped run has the fields a replay rebuilds. Checked per recorded word rather than
 * at start-up, since shaping a probe word would itself change a font's glyph state.
 */
function isGlyphRun(run: unknown): run is GlyphRun {
  const { glyphs, positions } = run as Partial<GlyphRun>;
  if (!Array.isArray(glyphs) || !Array.isArray(positions)) return false;
  const position = positions[0] as Partial<GlyphPosition> | undefined;
  return position === undefined || (typeof position.xAdvance === 'number' && typeof position.yOffset === 'number');
}

/** pdfmake's PDFDocument class (untyped: pdfmake ships no types for it), or undefined if it cannot be loaded. */
function pdfmakeDocumentClass(): unknown {
  try {
    // CommonJS module with __esModule: the class is on `default`. Loaded through require, the
    // same module instance pdfmake itself uses.
    const mod = createRequire(import.meta.url)('pdfmake/js/PDFDocument.js') as { default?: unknown } | undefined;
    return mod?.default ?? mod;
  } catch {
    return undefined;
  }
}

function turnOff(reason: string): void {
  sharing = { on: false, reason };
  warnSharingOff(reason);
}

/** Whether fonts are shared in this thread: undefined until the first document. */
export function fontSharing(): FontSharing | undefined {
  return sharing;
}

/** Installs the sharing once per thread (idempotent), unless turned off or pdfmake/fontkit changed. */
export function shareFontTables(): void {
  if (installed) return;
  installed = true;
  if (!sharingWanted()) {
    sharing = { on: false };
    return;
  }
  const documentClass = pdfmakeDocumentClass();
  const classProblem = pdfmakeProblem(documentClass);
  if (classProblem !== undefined) {
    turnOff(classProblem);
    return;
  }
  const proto = (documentClass as { prototype: PdfmakeDocument }).prototype;
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with .call(this) on each document.
  const provideFont = proto.provideFont;
  proto.provideFont = function (this: PdfmakeDocument, family: string, bold: boolean, italics: boolean): EmbeddedFont {
    if (sharing === undefined) {
      // First font of the thread: nothing is shared yet, so turning off here is clean.
      const documentProblem = pdfmakeDocumentProblem(this);
      const embedded = provideFont.call(this, family, bold, italics);
      const problem = documentProblem ?? embeddedFontProblem(embedded);
      if (problem !== undefined) {
        proto.provideFont = provideFont;
        turnOff(problem);
        return embedded;
      }
      sharing = { on: true };
      return shareInto(this, family, bold, italics, embedded, false);
    }
    const known = this.fontCache[family]?.[this.getFontType(bold, italics)] !== undefined;
    return shareInto(this, family, bold, italics, provideFont.call(this, family, bold, italics), known);
  };
}

/** Gives a newly embedded font the file's shared table store and shaping cache. */
function shareInto(doc: PdfmakeDocument, family: string, bold: boolean, italics: boolean, embedded: EmbeddedFont, known: boolean): EmbeddedFont {
  const bytes = known ? undefined : fontBytes(doc, family, bold, italics);
  if (bytes !== undefined) {
    let store = tableStores.get(bytes);
    if (store === undefined) tableStores.set(bytes, (store = embedded.font._tables));
    else embedded.font._tables = store;
    let cache = runCaches.get(store);
    if (cache === undefined) runCaches.set(store, (cache = { runs: new Map() }));
    shapeThroughCache(embedded.font, cache);
  }
  return embedded;
}

/** Drops the shared tables, so the next document decodes afresh (tests compare cold and warm). */
export function forgetFontTables(): void {
  tableStores = new WeakMap();
}
