/**
 * Column widths for GFM tables: proportional to how much text a column holds,
 * with floors so short columns (numbers, dates) stay readable and long words fit.
 * Returned as percentages, which pdfmake resolves net of cell padding. A non-breaking space
 * joins its neighbours into one word (»1. april 2026« cannot wrap).
 */

const MIN_WEIGHT = 6; // characters; a column never gets narrower than this share
const MAX_WEIGHT = 60; // one very long cell (or word) must not starve the other columns
const WORD_FACTOR = 1.3; // longest unbreakable word, plus slack for bold headers
/**
 * A word's width in table text (9.5 pt Roboto, the header row bold): ≈ 5.3 pt a character on
 * average, but a short word with wide letters is more (»Kommunen«, two m's: 48 pt, 6 pt a
 * character), so the floor that keeps a word whole counts 6.3 pt a character. A cell's padding is
 * 10 pt, and 1 pt more covers rounding the shares down.
 */
const CHAR_PT = 6.3;
const PADDING_PT = 10 + 1;

/**
 * @param rows plain text of every cell, header row included
 * @param tableWidth width in pt the table gets; with it, no column is narrower than its longest
 *   word (a date such as »1. april 2026« is one word), so pdfmake never breaks inside one
 */
export function columnWidths(rows: readonly (readonly string[])[], columnCount: number, tableWidth?: number): string[] {
  if (columnCount <= 0) return [];
  const weights: number[] = [];
  const floors: number[] = [];
  for (let col = 0; col < columnCount; col++) {
    let longestCell = 0;
    let longestWord = 0;
    for (const row of rows) {
      const cell = row[col] ?? '';
      longestCell = Math.max(longestCell, cell.length);
      for (const word of cell.split(/[^\S\u00A0]+/)) longestWord = Math.max(longestWord, word.length);
    }
    const wanted = Math.max(longestCell, longestWord * WORD_FACTOR);
    weights.push(Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, wanted)));
    floors.push(tableWidth === undefined ? 0 : (longestWord * CHAR_PT + PADDING_PT) / tableWidth);
  }
  const total = weights.reduce((sum, w) => sum + w, 0);
  let shares = weights.map((w) => w / total);
  capFloors(floors);
  // Raise columns below their floor, taking the difference from the others in proportion.
  if (floors.reduce((sum, f) => sum + f, 0) < 1) {
    for (let pass = 0; pass < columnCount; pass++) {
      const fixed = shares.map((s, i) => s <= (floors[i] ?? 0));
      if (!fixed.some(Boolean)) break;
      const fixedSum = shares.reduce((sum, _, i) => sum + (fixed[i] ? (floors[i] ?? 0) : 0), 0);
      const freeSum = shares.reduce((sum, s, i) => sum + (fixed[i] ? 0 : s), 0);
      const next = shares.map((s, i) => (fixed[i] ? (floors[i] ?? 0) : freeSum > 0 ? (s / freeSum) * (1 - fixedSum) : s));
      if (next.every((s, i) => s === shares[i])) break;
      shares = next;
    }
  }
  // Round down to 0.1 % so rounding can never push the sum over 100 %.
  return shares.map((s) => `${Math.floor(s * 1000) / 10}%`);
}

/** Share of the table the floors may take together: the rest keeps every column a little room. */
const FLOOR_BUDGET = 0.97;

/**
 * When not every column's longest word fits, the columns with short words (a count, an amount, a
 * date: »Antal«, »350.000 kr.«) keep their floors and only the longest words are cut to a common
 * limit: a long word breaking (»Leasingaftaler-ne«) reads better than »A / nt / al«. Water-filling:
 * the limit is the largest at which the floors fit the budget. Changes `floors` in place.
 */
function capFloors(floors: number[]): void {
  if (floors.reduce((sum, f) => sum + f, 0) <= FLOOR_BUDGET) return;
  const sorted = [...floors].sort((a, b) => a - b);
  let below = 0;
  for (let i = 0; i < sorted.length; i++) {
    // With the i smallest floors kept, the others share what is left equally.
    const limit = (FLOOR_BUDGET - below) / (sorted.length - i);
    if (limit <= (sorted[i] ?? 0)) {
      for (let c = 0; c < floors.length; c++) floors[c] = Math.min(floors[c] ?? 0, limit);
      return;
    }
    below += sorted[i] ?? 0;
  }
}
