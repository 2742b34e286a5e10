/**
 * Soft hyphens (U+00AD) in pdfmake 0.3 (issue 16). pdfmake splits text where Unicode line
 * breaking allows, and a soft hyphen allows a break after it, so it does break words there; but
 * it has no notion of a hyphen: fontkit draws the soft hyphen as a zero-width space, the line
 * ends in »sund« and the next begins »hedsråd«, and the width check never counts a hyphen.
 *
 * So three of pdfmake's internals are wrapped here, once per thread:
 *  - TextBreaker#getBreaks: a piece of text that ends at a soft hyphen loses it and is marked
 *    (`softHyphenAfter`); no soft hyphen is measured, shaped or written to the PDF, so a word that
 *    is not broken extracts exactly as before (its pieces are drawn edge to edge, as pdfmake
 *    already draws the pieces of »EMN-2025-10366«).
 *  - Line#hasEnoughSpaceForInline: a marked piece fits only if it fits with a hyphen after it,
 *    and a word is broken at all only where the line would otherwise gape: when the word does
 *    not fit whole and the line without it is filled to less than GAPING_FILL.
 *  - LayoutBuilder#buildNextLine: a line that ends with a marked piece gets the hyphen
 *    (»sund-«), which the check above left room for; pdftotext reads »sund-\nhedsråd«.
 * Which texts get soft hyphens at all is hyphenate.ts's business (body paragraphs and list items).
 *
 * The members are checked before they are wrapped; if pdfmake (pinned exactly in package.json)
 * has changed them, nothing is wrapped, one warning is printed and render.ts inserts no soft
 * hyphens: the documents come out unhyphenated, as before. tests/emit-pdf/hyphenate.test.ts
 * fails in that case, so an upgrade cannot switch hyphenation off unnoticed.
 */
import { pdfmakePrototypes } from './pdfmake-internals.ts';

const SOFT_HYPHEN = '\u00AD';
/** What a broken word shows at the end of its line: the ordinary hyphen, as typed. */
const HYPHEN = '-';

/**
 * A word that does not fit at the end of a line is broken only if the line without it would be
 * filled to less than this share of its width. Breaking every such word puts a hyphen at the end
 * of every third line; most of those lines would end at 85–95 % anyway, which reads well.
 */
const GAPING_FILL = 0.85;

/** A measured piece of text as pdfmake's layout handles it (the members read or set here). */
interface Inline {
  text: string;
  width: number;
  trailingCut?: number;
  noNewLine?: boolean;
  lineEnd?: boolean;
  /** Set on a piece that ended at a soft hyphen: its text as measured, soft hyphen removed. */
  softHyphenAfter?: string;
  /** The piece before its hyphen was shown; restored if pdfmake lays the piece out again. */
  hyphenShownOver?: { text: string; width: number };
}

interface Line {
  inlines: Inline[];
  inlineWidths: number;
  leadingCut: number;
  maxWidth: number;
  getWidth(): number;
}

interface TextNode {
  _inlines?: Inline[];
}

type GetBreaks = (this: unknown, texts: unknown, styleContextStack: unknown) => Inline[];
type HasEnoughSpace = (this: Line, inline: Inline, nextInlines?: Inline[]) => boolean;
type BuildNextLine = (this: unknown, textNode: TextNode) => Line | null;
type WidthOfText = (this: unknown, text: string, inline: Inline) => number;

interface Prototypes {
  breaker: { getBreaks: GetBreaks };
  line: { hasEnoughSpaceForInline: HasEnoughSpace; getWidth: unknown };
  layout: { buildNextLine: BuildNextLine };
  inlines: { widthOfText: WidthOfText };
}

/** pdfmake's members as this module expects them, or what is wrong with them. */
function findPrototypes(): Prototypes | string {
  const found = pdfmakePrototypes({
    breaker: ['TextBreaker', ['getBreaks']],
    line: ['Line', ['hasEnoughSpaceForInline', 'getWidth']],
    layout: ['LayoutBuilder', ['buildNextLine']],
    inlines: ['TextInlines', ['widthOfText']],
  });
  return found as unknown as Prototypes | string;
}

let installed: boolean | undefined;

/** Wraps pdfmake's line breaking once per thread; whether soft hyphens may be used. */
export function installSoftHyphens(): boolean {
  if (installed !== undefined) return installed;
  const found = findPrototypes();
  if (typeof found === 'string') {
    process.emitWarning(`orddeling er slået fra, fordi pdfmake ikke har den forventede form (${found})`);
    installed = false;
    return false;
  }
  const { breaker, line, layout, inlines } = found;
  const getBreaks = breaker.getBreaks;
  const hasEnoughSpace = line.hasEnoughSpaceForInline;
  const buildNextLine = layout.buildNextLine;
  const widthOfText = inlines.widthOfText;
  // widthOfText reads only its arguments; pdfmake itself calls it on a TextInlines made with null.
  const widthOf = (text: string, inline: Inline): number => widthOfText.call(inlines, text, inline);

  breaker.getBreaks = function (this: unknown, texts: unknown, styleContextStack: unknown): Inline[] {
    const pieces = getBreaks.call(this, texts, styleContextStack);
    for (const piece of pieces) {
      if (typeof piece.text !== 'string' || !piece.text.includes(SOFT_HYPHEN)) continue;
      const text = piece.text.replaceAll(SOFT_HYPHEN, '');
      if (piece.text.endsWith(SOFT_HYPHEN) && piece.lineEnd !== true && text !== '') piece.softHyphenAfter = text;
      piece.text = text;
    }
    return pieces;
  };

  const hyphenExtra = new WeakMap<Inline, number>();
  const extraFor = (piece: Inline): number => {
    let extra = hyphenExtra.get(piece);
    if (extra === undefined) {
      // Measured with the word, so kerning before the hyphen counts as it will be drawn.
      extra = widthOf(piece.text + HYPHEN, piece) - piece.width;
      hyphenExtra.set(piece, extra);
    }
    return extra;
  };

  line.hasEnoughSpaceForInline = function (this: Line, inline: Inline, nextInlines: Inline[] = []): boolean {
    if (this.inlines.length === 0) return hasEnoughSpace.call(this, inline, nextInlines);
    // The piece that ends the line if `inline` is taken: it, or the last piece glued to it.
    let lastIndex = -1;
    if (inline.noNewLine === true) {
      for (let i = 0; i < nextInlines.length; i++) {
        lastIndex = i;
        if (nextInlines[i]!.noNewLine !== true) break;
      }
    }
    const last = lastIndex < 0 ? inline : nextInlines[lastIndex]!;
    if (last.softHyphenAfter === undefined) return hasEnoughSpace.call(this, inline, nextInlines);

    const startsWord = this.inlines[this.inlines.length - 1]!.softHyphenAfter === undefined;
    if (startsWord && this.getWidth() >= GAPING_FILL * this.maxWidth && !wholeWordFits(this, inline, nextInlines)) return false;

    const widened = { ...last, width: last.width + extraFor(last) };
    if (lastIndex < 0) return hasEnoughSpace.call(this, widened, nextInlines);
    const next = nextInlines.slice();
    next[lastIndex] = widened;
    return hasEnoughSpace.call(this, inline, next);
  };

  layout.buildNextLine = function (this: unknown, textNode: TextNode): Line | null {
    // A line pdfmake takes back to lay out again (a column break) must not keep its hyphen.
    for (const piece of textNode._inlines ?? []) {
      if (piece.hyphenShownOver === undefined) continue;
      piece.text = piece.hyphenShownOver.text;
      piece.width = piece.hyphenShownOver.width;
      delete piece.hyphenShownOver;
    }
    const built = buildNextLine.call(this, textNode);
    const last = built?.inlines[built.inlines.length - 1];
    // A piece cut because it was wider than the whole line has other text: no hyphen, no room made.
    if (built && last?.softHyphenAfter !== undefined && last.text === last.softHyphenAfter && (textNode._inlines?.length ?? 0) > 0) {
      const shown = last.text + HYPHEN;
      const width = widthOf(shown, last);
      last.hyphenShownOver = { text: last.text, width: last.width };
      built.inlineWidths += width - last.width;
      last.text = shown;
      last.width = width;
    }
    return built;
  };

  installed = true;
  return true;
}

/** Whether the word starting with `first` (its pieces up to the first unmarked one) fits on `line` whole. */
function wholeWordFits(line: Line, first: Inline, nextInlines: readonly Inline[]): boolean {
  let width = first.width;
  let end = first;
  for (let i = 0; end.softHyphenAfter !== undefined && i < nextInlines.length; i++) {
    end = nextInlines[i]!;
    width += end.width;
  }
  return line.inlineWidths + width - line.leadingCut - (end.trailingCut ?? 0) <= line.maxWidth;
}
