/**
 * The diagonal »UDKAST« of a draft, drawn as filled glyph outlines instead of text.
 *
 * pdfmake draws its watermark as text: `pdftotext` mixed »UD«, »K«, »AS«, »T« into the body lines,
 * and a screen reader read the letters out between sentences (issue 17). Outlines are not text,
 * so the mark is seen and not read; the draft status stays text where it belongs, in the title
 * block (»Status: Udkast«) and in the running header's »UDKAST«.
 *
 * pdfmake still lays the watermark out (its angle, colour and opacity come from the document
 * definition); only Renderer#renderWatermark is wrapped, once per thread, to fill the word's
 * outlines through pdfkit's public path API where pdfmake would write text. The outlines come from
 * the bold font the documents already embed (fontkit, as pdfkit uses it), read once per process.
 * An SVG background would do the same without touching pdfmake, but costs about 13 ms of CPU per
 * document in parsing; this costs well under one.
 *
 * If pdfmake (pinned exactly in package.json) no longer has the method, nothing is wrapped, one
 * warning is printed and drafts get pdfmake's text mark as before; tests/emit-pdf/render.test.ts
 * fails in that case, so an upgrade cannot bring the text mark back unnoticed.
 */
import { createRequire } from 'node:module';
import { robotoPaths } from './fonts.ts';
import { pdfmakePrototype } from './pdfmake-internals.ts';
import { drawArtifact, type TaggingDoc } from './tagging/pdfmake-hooks.ts';

/** The slice of a fontkit font this needs (fontkit ships no type declarations). */
interface OutlineFont {
  unitsPerEm: number;
  ascent: number;
  descent: number;
  layout(text: string): { glyphs: Array<{ path: { translate(x: number, y: number): { toSVG(): string } } }>; positions: Array<{ xAdvance: number }> };
}

/** The members of pdfkit's document and pdfmake's laid-out watermark that are used here. */
interface PdfKitDoc {
  page: { width: number; height: number };
  save(): PdfKitDoc;
  restore(): PdfKitDoc;
  rotate(angle: number, options: { origin: [number, number] }): PdfKitDoc;
  translate(x: number, y: number): PdfKitDoc;
  scale(x: number, y: number): PdfKitDoc;
  path(d: string): PdfKitDoc;
  fillColor(color: string, opacity?: number): PdfKitDoc;
  fill(rule?: string): PdfKitDoc;
}
interface LaidOutWatermark {
  text: string;
  color: string;
  opacity: number;
  angle: number;
  fontSize: number;
}
type RenderWatermark = (this: { pdfDocument: PdfKitDoc }, page: { watermark: LaidOutWatermark }) => void;

interface Outline {
  /** SVG path data of the word in font units, y up, baseline at 0. */
  d: string;
  width: number;
  ascent: number;
  descent: number;
  unitsPerEm: number;
}

const outlines = new Map<string, Outline>();

function outlineOf(text: string): Outline {
  let outline = outlines.get(text);
  if (outline === undefined) {
    const fontkit = createRequire(import.meta.url)('fontkit') as { openSync(path: string): OutlineFont };
    const font = fontkit.openSync(robotoPaths().bold);
    const run = font.layout(text);
    let pen = 0;
    const parts: string[] = [];
    run.glyphs.forEach((glyph, i) => {
      parts.push(glyph.path.translate(pen, 0).toSVG());
      pen += run.positions[i]?.xAdvance ?? 0;
    });
    outline = { d: parts.join(''), width: pen, ascent: font.ascent, descent: font.descent, unitsPerEm: font.unitsPerEm };
    outlines.set(text, outline);
  }
  return outline;
}

/** The word's outlines centred on the page and turned as pdfmake turns its watermark. */
function drawOutlines(doc: PdfKitDoc, watermark: LaidOutWatermark): void {
  const outline = outlineOf(watermark.text);
  const scale = watermark.fontSize / outline.unitsPerEm;
  const centre: [number, number] = [doc.page.width / 2, doc.page.height / 2];
  doc.save();
  doc.rotate(watermark.angle, { origin: centre });
  // The baseline sits so that the middle of ascent..descent is on the page's centre.
  doc.translate(centre[0] - (outline.width * scale) / 2, centre[1] + ((outline.ascent + outline.descent) / 2) * scale);
  doc.scale(scale, -scale);
  doc.path(outline.d).fillColor(watermark.color, watermark.opacity).fill('nonzero');
  doc.restore();
}

let installed: boolean | undefined;

/** Wraps pdfmake's watermark drawing once per thread; whether the mark is drawn as outlines. */
export function installOutlineWatermark(): boolean {
  if (installed !== undefined) return installed;
  const proto = pdfmakePrototype('Renderer');
  if (typeof proto?.renderWatermark !== 'function') {
    process.emitWarning('UDKAST-mærket tegnes som tekst, fordi pdfmake ikke har den forventede form (Renderer#renderWatermark)');
    installed = false;
    return false;
  }
  (proto as { renderWatermark: RenderWatermark }).renderWatermark = function (this: { pdfDocument: PdfKitDoc }, page: { watermark: LaidOutWatermark }) {
    // Seen, not read: an artifact in a tagged document (issue 17).
    const doc = this.pdfDocument;
    drawArtifact(doc as unknown as TaggingDoc, () => drawOutlines(doc, page.watermark));
  };
  installed = true;
  return true;
}
