/**
 * Visual theme of the emitted PDF: page geometry, colours, named styles and
 * table layouts. The converter only refers to style names, so the look of all
 * documents is decided here.
 */
import type { ContentTable, CustomTableLayout, Margins, Style, StyleDictionary } from 'pdfmake/interfaces.js';
import { FONT_FAMILY } from './fonts.ts';

/** A4 portrait width in pt (pdfmake's A4 page size sets the page; this is for lengths). */
const PAGE_WIDTH = 595.28;

/**
 * [left, top, right, bottom]; the top/bottom leave room for running header and footer. The side
 * margins set the line length: at 11 pt Roboto the body is 415 pt wide, which pdftotext measures
 * at about 70–80 characters per full line in the shipped agreements (it was ≈ 92 at 10.5 pt on
 * 467 pt), the range long legal text is read best at.
 */
export const PAGE_MARGINS: [number, number, number, number] = [100, 72, 100, 64];

/** Width available to body content, used for rules that need an absolute length. */
export const CONTENT_WIDTH = PAGE_WIDTH - PAGE_MARGINS[0] - PAGE_MARGINS[2];

export const COLORS = {
  text: '#1a1a1a',
  heading: '#1b3a5c',
  muted: '#5c6670',
  rule: '#c5ccd3',
  tableHeaderFill: '#eef2f6',
  codeFill: '#f3f4f6',
  link: '#1b4f8a',
  quoteBar: '#9aa7b4',
  watermark: '#a31d1d',
} as const;

export const DEFAULT_STYLE: Style = {
  font: FONT_FAMILY,
  fontSize: 11,
  lineHeight: 1.25,
  color: COLORS.text,
};

const heading = (fontSize: number, margin: Margins, extra: Style = {}): Style => ({
  fontSize,
  bold: true,
  color: COLORS.heading,
  margin,
  lineHeight: 1.15,
  ...extra,
});

/** Named styles referenced by the converter and the document frame. */
export const STYLES: StyleDictionary = {
  h1: heading(16, [0, 18, 0, 8]),
  h2: heading(13, [0, 16, 0, 6]),
  h3: heading(11.5, [0, 12, 0, 4]),
  h4: heading(11, [0, 10, 0, 3], { italics: true }),
  paragraph: { margin: [0, 0, 0, 7] },
  listParagraph: { margin: [0, 0, 0, 2] },
  list: { margin: [0, 0, 0, 7] },
  tableHeader: { bold: true, fontSize: 9.5, color: COLORS.heading },
  tableCell: { fontSize: 9.5, lineHeight: 1.2 },
  table: { margin: [0, 2, 0, 10] },
  blockquote: { margin: [0, 2, 0, 9], color: COLORS.muted },
  codeBlock: { fontSize: 9, lineHeight: 1.15, preserveLeadingSpaces: true },
  footnote: { fontSize: 9, color: COLORS.muted, margin: [0, 0, 0, 4] },
  docTitle: { fontSize: 20, bold: true, color: COLORS.heading, lineHeight: 1.15, margin: [0, 0, 0, 12] },
  titleLabel: { fontSize: 9, bold: true, color: COLORS.muted },
  titleValue: { fontSize: 10 },
  // Compact: one short line per clause.
  tocTitle: { fontSize: 12, bold: true, color: COLORS.heading, margin: [0, 12, 0, 4] },
  tocEntry: { fontSize: 10, lineHeight: 1.1, margin: [0, 0.5, 0, 0.5] },
  tocSubEntry: { fontSize: 9.5, lineHeight: 1.1, color: COLORS.muted, margin: [14, 0.5, 0, 0.5] },
  tocNumber: { fontSize: 10, lineHeight: 1.1 },
  runningHeader: { fontSize: 8.5, color: COLORS.muted },
  draftMark: { fontSize: 8.5, bold: true, color: COLORS.watermark, characterSpacing: 1.5 },
  footer: { fontSize: 8.5, color: COLORS.muted },
  closing: { margin: [0, 0, 0, 4] },
  signatureCaption: { fontSize: 8.5, color: COLORS.muted, margin: [0, 0, 0, 0] },
  sealLine: { fontSize: 8.5, italics: true, color: COLORS.muted },
};

/** Light horizontal rules only, tinted header row: the common look of Danish public-sector tables. */
export const DATA_TABLE_LAYOUT: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === 1 || i === node.table.body.length ? 0.8 : 0.4),
  vLineWidth: () => 0,
  hLineColor: (i) => (i <= 1 ? COLORS.heading : COLORS.rule),
  fillColor: (rowIndex) => (rowIndex === 0 ? COLORS.tableHeaderFill : null),
  paddingLeft: () => 5,
  paddingRight: () => 5,
  paddingTop: () => 3,
  paddingBottom: () => 3,
};

/** The signature table: as a data table, with a darker line under each row signed by hand. */
export const SIGNATURE_TABLE_LAYOUT = (signRows: ReadonlySet<number>): CustomTableLayout => ({
  ...DATA_TABLE_LAYOUT,
  hLineWidth: (i, node) => (signRows.has(i - 1) ? 0.9 : DATA_TABLE_LAYOUT.hLineWidth!(i, node)),
  hLineColor: (i, node, col) =>
    signRows.has(i - 1) ? COLORS.text : (DATA_TABLE_LAYOUT.hLineColor as (i: number, node: ContentTable, col: number) => string)(i, node, col),
});

/** Title block: label/value rows separated by hairlines. */
export const TITLE_BLOCK_LAYOUT: CustomTableLayout = {
  hLineWidth: (i, node) => (i === 0 || i === node.table.body.length ? 0.8 : 0.4),
  vLineWidth: () => 0,
  hLineColor: (i, node) => (i === 0 || i === node.table.body.length ? COLORS.heading : COLORS.rule),
  paddingLeft: (i) => (i === 0 ? 0 : 8),
  paddingRight: () => 4,
  paddingTop: () => 4,
  paddingBottom: () => 4,
};

/** Blockquote: a single cell with a bar on the left. */
export const QUOTE_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: (i) => (i === 0 ? 2 : 0),
  vLineColor: () => COLORS.quoteBar,
  paddingLeft: () => 10,
  paddingRight: () => 0,
  paddingTop: () => 1,
  paddingBottom: () => 1,
};

/** Code block: a shaded box. */
export const CODE_LAYOUT: CustomTableLayout = {
  hLineWidth: () => 0,
  vLineWidth: () => 0,
  fillColor: () => COLORS.codeFill,
  paddingLeft: () => 6,
  paddingRight: () => 6,
  paddingTop: () => 4,
  paddingBottom: () => 4,
};
