/**
 * Non-breaking spaces inside units a reader takes in at once: dates (»1. april 2026«), amounts
 * (»1.234.567 kr.«, »4,2 mia. kr.«), »§ 12« and »stk. 2«. Applied to every text the PDF shows,
 * whether it came from a formatter or was typed into a Markdown field, so none of them can wrap
 * at a line end. The Markdown keeps ordinary spaces: it is reflowed by whoever reads it.
 */
const NBSP = '\u00A0';

const MONTHS = 'januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december';

/** Each match has all its spaces made non-breaking. */
const UNITS: readonly RegExp[] = [
  // »1. april 2026«, »1. april«
  new RegExp(`\\b\\d{1,2}\\. (?:${MONTHS})(?: \\d{4}\\b)?`, 'g'),
  // »1.234.567 kr.«, »4,2 mia. kr.«, »12 mio. kr.«
  /\d (?:(?:mia|mio)\. )?(?:kr\.|kroner)/gi,
  // »§ 12«, »§§ 3-5«, »stk. 2«, »nr. 3«
  /(?:§§?|\bstk\.|\bnr\.) (?=\d)/gi,
];

const bind = (match: string): string => match.replace(/ /g, NBSP);

/** `text` with the spaces inside dates, amounts and legal references made non-breaking. */
export function bindUnits(text: string): string {
  if (!/[0-9§]/.test(text)) return text;
  let out = text;
  for (const pattern of UNITS) out = out.replace(pattern, bind);
  return out;
}
