/**
 * Danish word segmentation. ICU's rules for »da« keep »1.234.567«, »V20260224« and
 * »1a_Udkast« together as one word and split »kr.« into word and full stop, which is what a
 * reader of a redline expects to see marked.
 */
export const danishWords = new Intl.Segmenter('da', { granularity: 'word' });

export interface Segment {
  text: string;
  isWord: boolean;
}

export function segments(text: string): Segment[] {
  return [...danishWords.segment(text)].map((s) => ({ text: s.segment, isWord: s.isWordLike === true }));
}

/** The words of a text, lower-cased: what similarity between two lines is measured on. */
function words(text: string): string[] {
  return segments(text)
    .filter((s) => s.isWord)
    .map((s) => s.text.toLocaleLowerCase('da'));
}

/** True when the text has at least one word (not only spaces and punctuation). */
export function hasWord(text: string): boolean {
  return segments(text).some((s) => s.isWord);
}

/**
 * Dice coefficient of two texts' word multisets: 1 for the same words, 0 for none in common.
 * Used to decide whether a changed line is an edit of another line or a different line.
 */
export function similarity(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  if (wa.length + wb.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wb) {
    const n = counts.get(w) ?? 0;
    if (n > 0) {
      common += 1;
      counts.set(w, n - 1);
    }
  }
  return (2 * common) / (wa.length + wb.length);
}

/**
 * The text without segments that contain a digit: »Bilag 1d_Udkast … Næstved« and »Bilag
 * 1c_Udkast … Næstved« get the same key, so a renumbered line is matched to itself.
 */
export function withoutNumbers(text: string): string {
  return segments(text)
    .filter((s) => !/\d/u.test(s.text))
    .map((s) => s.text)
    .join('');
}
