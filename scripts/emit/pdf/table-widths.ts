/**
 * Column widths for GFM tables: proportional to how much text a column holds,
 * with floors so short columns (numbers, dates) stay readable and long words fit.
 * Returned as percentages, which pdfmake resolves net of cell padding.
 */

const MIN_WEIGHT = 6; // characters; a column never gets narrower than this share
const MAX_WEIGHT = 60; // one very long cell (or word) must not starve the other columns
const WORD_FACTOR = 1.3; // longest unbreakable word, plus slack for bold headers

/** @param rows plain text of every cell, header row included */
export function columnWidths(rows: readonly (readonly string[])[], columnCount: number): string[] {
  if (columnCount <= 0) return [];
  const weights: number[] = [];
  for (let col = 0; col < columnCount; col++) {
    let longestCell = 0;
    let longestWord = 0;
    for (const row of rows) {
      const cell = row[col] ?? '';
      longestCell = Math.max(longestCell, cell.length);
      for (const word of cell.split(/\s+/)) longestWord = Math.max(longestWord, word.length);
    }
    const wanted = Math.max(longestCell, longestWord * WORD_FACTOR);
    weights.push(Math.min(MAX_WEIGHT, Math.max(MIN_WEIGHT, wanted)));
  }
  const total = weights.reduce((sum, w) => sum + w, 0);
  // Round down to 0.1 % so rounding can never push the sum over 100 %.
  return weights.map((w) => `${Math.floor((w / total) * 1000) / 10}%`);
}
