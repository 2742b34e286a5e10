/**
 * Characters that change how a text reads without being seen: direction overrides and
 * isolates, zero-width characters, invisible operators and tags, private-use code points and
 * lone surrogates. The PDF (pdfkit lays text out left to right and draws nothing for most of
 * them), the .md file and a pull-request comment each show such a text differently, so a
 * reviewer cannot see what gets sealed. Also found when written as a character reference
 * (`&#x202E;`, `&#8238;`, `&rlm;`), which Markdown decodes and a reviewer sees as harmless text.
 */

/** Why a code point is refused, as a short Danish description for the message; undefined: allowed. */
export function invisibleKind(cp: number): string | undefined {
  // Line breaks other than LF (a YAML escape or a reference can carry them): remark and the PDF's
  // line breaker end a line there, GitHub shows a space or nothing, and line counts miss them.
  if (cp === 0x0b || cp === 0x0c || cp === 0x0d || cp === 0x85) return 'et linjeskift af en anden slags end \\n';
  // Drawn as a hyphen by the PDF's font (pdfmake does not hyphenate), hidden on GitHub.
  if (cp === 0xad) return 'en blød bindestreg';
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f || cp === 0x061c) return 'et skjult retningstegn';
  if ((cp >= 0x200b && cp <= 0x200d) || cp === 0x2060 || cp === 0xfeff || cp === 0x180e) return 'et usynligt tegn uden bredde';
  // Invisible operators, deprecated format characters, line/paragraph separators (a line break
  // in some viewers, none in others), interlinear annotations, Hangul fillers (blank letters).
  if ((cp >= 0x2061 && cp <= 0x2064) || (cp >= 0x206a && cp <= 0x206f) || cp === 0x2028 || cp === 0x2029 || (cp >= 0xfff9 && cp <= 0xfffb))
    return 'et usynligt formateringstegn';
  if (cp === 0x115f || cp === 0x1160 || cp === 0x3164 || cp === 0xffa0) return 'et usynligt tegn';
  // The combining grapheme joiner and variation selectors change nothing a reader sees on
  // GitHub, and the PDF's font has no glyph for them (a box).
  if (cp === 0x034f || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0xe0100 && cp <= 0xe01ef)) return 'et usynligt tegn';
  if (cp >= 0xe0000 && cp <= 0xe007f) return 'et usynligt mærketegn';
  if ((cp >= 0xe000 && cp <= 0xf8ff) || (cp >= 0xf0000 && cp <= 0xffffd) || (cp >= 0x100000 && cp <= 0x10fffd)) return 'et tegn fra Unicodes private område';
  if (cp >= 0xd800 && cp <= 0xdfff) return 'en halv tegnkode (et enligt surrogat)';
  return undefined;
}

/**
 * Named character references that decode to a refused character (HTML's list, as Markdown
 * decodes it). A test compares this list with the complete one micromark uses.
 */
export const INVISIBLE_ENTITIES: Readonly<Record<string, number>> = {
  lrm: 0x200e,
  rlm: 0x200f,
  zwj: 0x200d,
  zwnj: 0x200c,
  ZeroWidthSpace: 0x200b,
  NegativeVeryThinSpace: 0x200b,
  NegativeThinSpace: 0x200b,
  NegativeMediumSpace: 0x200b,
  NegativeThickSpace: 0x200b,
  NoBreak: 0x2060,
  af: 0x2061,
  ApplyFunction: 0x2061,
  it: 0x2062,
  InvisibleTimes: 0x2062,
  ic: 0x2063,
  InvisibleComma: 0x2063,
  shy: 0xad,
  // Mathematical symbols written with a variation selector (U+FE00) after the symbol.
  caps: 0xfe00,
  cups: 0xfe00,
  gesl: 0xfe00,
  gvertneqq: 0xfe00,
  gvnE: 0xfe00,
  lates: 0xfe00,
  lesg: 0xfe00,
  lvertneqq: 0xfe00,
  lvnE: 0xfe00,
  smtes: 0xfe00,
  sqcaps: 0xfe00,
  sqcups: 0xfe00,
  varsubsetneq: 0xfe00,
  varsubsetneqq: 0xfe00,
  varsupsetneq: 0xfe00,
  varsupsetneqq: 0xfe00,
  vsubnE: 0xfe00,
  vsubne: 0xfe00,
  vsupnE: 0xfe00,
  vsupne: 0xfe00,
};

export interface Invisible {
  /** Index in the text (UTF-16) and length of the character or of its reference. */
  index: number;
  length: number;
  codePoint: number;
  /** The reference as written, when the character came as one (`&rlm;`). */
  reference?: string;
  kind: string;
}

// Cheap pre-test: only texts with a candidate go through the exact scan below.
const CANDIDATE =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class -- control characters and lone surrogates (no u flag) are what it looks for.
  /[\u000B-\u000D\u0085\u00AD\u034F\uFE00-\uFE0F\u061C\u115F\u1160\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\u3164\uD800-\uDFFF\uE000-\uF8FF\uFEFF\uFFA0\uFFF9-\uFFFB]|&(?:#|[A-Za-z])/;
const REFERENCE = /&(?:#[xX]([0-9A-Fa-f]{1,6});|#([0-9]{1,7});|([A-Za-z][A-Za-z0-9]{1,31});)/y;

/** Every refused character in `text`, directly or as a character reference, in text order. */
export function findInvisible(text: string): Invisible[] {
  if (!CANDIDATE.test(text)) return [];
  const out: Invisible[] = [];
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const length = cp > 0xffff ? 2 : 1;
    const kind = invisibleKind(cp);
    if (kind) {
      out.push({ index: i, length, codePoint: cp, kind });
    } else if (cp === 0x26 /* & */) {
      REFERENCE.lastIndex = i;
      const m = REFERENCE.exec(text);
      if (m) {
        const referenced = m[1] !== undefined ? parseInt(m[1], 16) : m[2] !== undefined ? parseInt(m[2], 10) : INVISIBLE_ENTITIES[m[3]!];
        const refKind = referenced === undefined ? undefined : invisibleKind(referenced);
        if (refKind) {
          out.push({ index: i, length: m[0].length, codePoint: referenced!, reference: m[0], kind: refKind });
          i += m[0].length;
          continue;
        }
      }
    }
    i += length;
  }
  return out;
}

/** »U+202E«. */
export function codePointName(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}
