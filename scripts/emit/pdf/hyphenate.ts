/**
 * Danish hyphenation of body text (issue 16): at 11 pt a body line holds 70–80 characters, and
 * Danish compounds (»finansieringsansvaret«, »kommunalbestyrelsen«) are long enough that a line
 * ending before one of them gapes. Break points come from the Liang patterns of the TeX Danish
 * set (package `hyphen`, `hyphen/da`), marked with soft hyphens (U+00AD); pdfmake breaks there
 * and soft-hyphens.ts makes it show a hyphen at a break and nothing elsewhere, and break a word
 * only where the line would otherwise gape. On the shipped documents that is one body line in
 * twenty; lines filled to less than 85 % went from 6.1 % of the body lines to 1.8 %.
 *
 * Only ordinary words are marked: letters alone, at least MIN_WORD_LETTERS of them, lower case or
 * capitalised, with at most quotes, brackets and punctuation around them. Anything else is left
 * whole: dates and amounts (bound by no-break.ts, so their words sit between no-break spaces),
 * DokIDs and case numbers (»EMN-2025-10366«), URLs and e-mail addresses, numbers, abbreviations
 * (»bl.a.«, all capitals, »DokID«) and words that already have a hyphen (they break there).
 */
import hyphenDa from 'hyphen/da/index.js';
import { isPlainObject } from './clone-definition.ts';

export const SOFT_HYPHEN = '\u00AD';

/** Shorter words are never broken: the gain is small and short pieces read badly. */
const MIN_WORD_LETTERS = 7;
/** Letters before the first break: »op-«, »af-«, »ud-« are ordinary Danish breaks. */
const LEFT_MIN = 2;
/**
 * Letters after the last break. The patterns allow two, which puts endings alone on the next
 * line (»afta-le«, »plej-en«); three keeps them with their word.
 */
const RIGHT_MIN = 3;

/**
 * Words the patterns break wrongly, with the breaks to use instead. Found by hyphenating the
 * vocabulary of the shipped agreements, templates and reference data (about 760 words) and reading
 * every result (tests/emit-pdf/hyphenate.test.ts keeps the reviewed sample). The 1994 TeX patterns
 * go wrong at compound boundaries: a lone consonant (»aku-t-sy…«, »patien-t-ret…«, »in-d-ar…«),
 * which breakPoints() mends for every word, and a joint moved by a letter, mostly around an »s«
 * (»Rings-ted«, »Nords-jælland«, »Guldborgs-und«) or before a vowel (»ge-nindlæggelse«,
 * »døg-nenheder«), which needs an entry here. A new word of that kind gets a wrong break until
 * it is listed; the inflected forms are listed with it.
 */
const EXCEPTIONS: readonly string[] = [
  // Place names: Ring|sted, Nord|sjælland, Vest|sjælland, Guldborg|sund, Grib|skov, Vest|egnen.
  'Ring-sted',
  'Ring-steds',
  'Nord-sjæl-land',
  'Nord-sjæl-lands',
  'Vest-sjæl-land',
  'Vest-sjæl-lands',
  'Guld-borg-sund',
  'Guld-borg-sunds',
  'Grib-skov',
  'Grib-skovs',
  'Hel-sin-gør',
  'Hel-sin-gørs',
  'Vest-eg-nen',
  'Vest-eg-nens',
  // nær|sundhed…, not »nærs-und…«
  'nær-sund-hed',
  'nær-sund-heds-plan',
  'nær-sund-heds-pla-ner',
  'nær-sund-heds-pla-nen',
  'nær-sund-heds-pla-ner-ne',
  // regions|råds|formanden, not »rå-dsfor…«
  're-gions-råds-for-mand',
  're-gions-råds-for-man-den',
  // helheds|orienteret, not »hedso-ri…«
  'hel-heds-ori-en-te-ret',
  'hel-heds-ori-en-te-re-de',
  // med|underskrift, not »me-dun…«
  'med-un-der-skrift',
  'med-un-der-skrif-ten',
  'med-un-der-skrif-ter',
  // gen|indlæggelse, not »ge-nind…«
  'gen-ind-læg-gel-se',
  'gen-ind-læg-gel-ser',
  'gen-ind-læg-gel-sen',
  // hospitals|enhed, døgn|enhed, not »hospital-sen…«, »døg-nen…«
  'ho-spi-tals-en-hed',
  'ho-spi-tals-en-he-der',
  'ho-spi-tals-en-he-den',
  'døgn-en-hed',
  'døgn-en-he-den',
  'døgn-en-he-der',
  'døgn-en-he-der-ne',
  // nikotin|afvænning, not »nikoti-naf…«
  'ni-ko-tin-af-væn-ning',
  'ni-ko-tin-af-væn-nin-gen',
  // English loans: over|head, dead|line, not »over-he-ad«, »de-ad-line«
  'over-head',
  'dead-line',
  'dead-lines',
];

/** The listed words without marks (lower case) → their breaks, within the same margins as all others. */
const EXCEPTION_POINTS: ReadonlyMap<string, readonly number[]> = new Map(
  EXCEPTIONS.map((entry) => {
    const word = entry.replaceAll('-', '').toLowerCase();
    return [word, pointsOf(entry, '-').filter((at) => at >= LEFT_MIN && at <= word.length - RIGHT_MIN)];
  }),
);

/** Indices (into the word without marks) before which `mark` stands in `marked`. */
function pointsOf(marked: string, mark: string): number[] {
  const points: number[] = [];
  let letters = 0;
  for (const ch of marked) {
    if (ch === mark) points.push(letters);
    else letters += ch.length;
  }
  return points;
}

/** Every word is hyphenated once per process; the vocabulary of the agreements is small. */
const cache = new Map<string, readonly number[]>();
const MAX_CACHED_WORDS = 50_000;

/**
 * Where `word` (letters only) may be broken: indices of the letters a break goes before, in
 * increasing order. Empty for words shorter than MIN_WORD_LETTERS.
 */
export function breakPoints(word: string): readonly number[] {
  if (word.length < MIN_WORD_LETTERS) return [];
  const lower = word.toLowerCase();
  const known = EXCEPTION_POINTS.get(lower) ?? cache.get(lower);
  if (known !== undefined) return known;
  const found = pointsOf(hyphenDa.hyphenateSync(lower, { minWordLength: 1 }), SOFT_HYPHEN);
  // From the right: keep a break only if it leaves at least two letters before the one kept
  // after it. A lone letter between two breaks is always a pattern error at a compound
  // boundary, and the later break is the right one: »aku-t-sygepleje« → »akut-sygepleje«,
  // »her-u-d-over« → »her-ud-over«.
  const points: number[] = [];
  let next = Number.POSITIVE_INFINITY;
  for (let i = found.length - 1; i >= 0; i--) {
    const at = found[i]!;
    if (at >= LEFT_MIN && next - at >= 2 && at <= word.length - RIGHT_MIN) {
      points.unshift(at);
      next = at;
    }
  }
  if (cache.size < MAX_CACHED_WORDS) cache.set(lower, points);
  return points;
}

/** `word` with a soft hyphen at each of its break points. */
export function hyphenateWord(word: string): string {
  const points = breakPoints(word);
  if (points.length === 0) return word;
  let out = '';
  let from = 0;
  for (const at of points) {
    out += word.slice(from, at) + SOFT_HYPHEN;
    from = at;
  }
  return out + word.slice(from);
}

/** Opening marks, the word (lower case or capitalised), closing marks and punctuation. */
const PLAIN_WORD = /^([([«»"“„‘']*)(\p{Lu}?\p{Ll}+)([)\]«»"“”‘’'.,;:!?]*)$/u;

/** A word that ends in a number, or a number and a full stop. */
const AFTER_NUMBER = /\d\.?$/;

export interface Surroundings {
  /** Leave the first word whole: it continues a word of the text before (no space between). */
  keepFirst?: boolean;
  /** Leave the last word whole: it runs on into the text after, or it ends the paragraph. */
  keepLast?: boolean;
}

/**
 * `text` with soft hyphens in its ordinary words. Words are separated by ordinary spaces and
 * line breaks only: a no-break space binds its neighbours into one unit that is left whole.
 */
export function hyphenateText(text: string, around: Surroundings = {}): string {
  // Even indices: the words (or empty, before a leading or after a trailing space); odd: spaces.
  const parts = text.split(/([ \t\n]+)/);
  let last = parts.length - 1;
  if (parts[last] === '' && last >= 2) last -= 2;
  for (let i = 0; i <= last; i += 2) {
    if ((i === 0 && around.keepFirst === true) || (i === last && around.keepLast === true)) continue;
    // A month or unit after a number (»1. september«) belongs to it, bound by no-break.ts or not.
    if (i >= 2 && AFTER_NUMBER.test(parts[i - 2]!)) continue;
    const match = PLAIN_WORD.exec(parts[i]!);
    if (match === null || match[2]!.length < MIN_WORD_LETTERS) continue;
    parts[i] = match[1]! + hyphenateWord(match[2]!) + match[3]!;
  }
  return parts.join('');
}

/**
 * Styles whose text is hyphenated: body paragraphs and list items (and so block quotes and
 * footnotes, made of them). Headings, the title block, the running header, code and the closing
 * lines are never broken inside a word. Nor are table cells, by measurement on the shipped
 * documents: their narrow columns gape far more often than the body (22 % of wrapped cell lines
 * filled below 75 %, against 0.2 %), but breaking words there put a hyphen at the end of every
 * fourth cell line, in titles, references and names (»(opda-teret«, »delingsaf-taler«), to save
 * 3 % of the table lines; the tables read better ragged.
 */
const HYPHENATED_STYLES: ReadonlySet<string> = new Set(['paragraph', 'listParagraph']);

type Leaf = string | { text?: unknown; background?: unknown };

const textOf = (leaf: Leaf): string | undefined => (typeof leaf === 'string' ? leaf : typeof leaf.text === 'string' ? leaf.text : undefined);

/**
 * The inline texts of one paragraph, each with its words hyphenated; code is left as it is. The
 * paragraph's last word is never broken: its end alone on the last line reads worse than the
 * short line before it.
 */
function hyphenateInlines(text: unknown): unknown {
  if (typeof text === 'string') return hyphenateText(text, { keepLast: true });
  if (!Array.isArray(text)) return text;
  const leaves = text as Leaf[];
  let lastWithText = leaves.length - 1;
  while (lastWithText >= 0 && (textOf(leaves[lastWithText]!) ?? '').trim() === '') lastWithText--;
  return leaves.map((leaf, i) => {
    const own = textOf(leaf);
    if (own === undefined || (typeof leaf === 'object' && leaf.background !== undefined)) return leaf;
    const before = i > 0 ? textOf(leaves[i - 1]!) : undefined;
    const after = i + 1 < leaves.length ? textOf(leaves[i + 1]!) : undefined;
    const around: Surroundings = {
      keepFirst: before !== undefined && /\S$/.test(before) && /^\S/.test(own),
      keepLast: i >= lastWithText || (after !== undefined && /\S$/.test(own) && /^\S/.test(after)),
    };
    const hyphenated = hyphenateText(own, around);
    if (hyphenated === own) return leaf;
    return typeof leaf === 'string' ? hyphenated : { ...leaf, text: hyphenated };
  });
}

/**
 * Puts soft hyphens into the body text of a document definition, in place. Called by render.ts
 * on its own copy of the definition, and only when soft-hyphens.ts has taught pdfmake to show a
 * hyphen where it breaks at one.
 */
export function hyphenateBody(node: unknown): void {
  if (Array.isArray(node)) {
    for (const child of node) hyphenateBody(child);
    return;
  }
  if (!isPlainObject(node)) return;
  if (typeof node.style === 'string' && HYPHENATED_STYLES.has(node.style) && 'text' in node) {
    node.text = hyphenateInlines(node.text);
    return;
  }
  for (const value of Object.values(node)) hyphenateBody(value);
}
