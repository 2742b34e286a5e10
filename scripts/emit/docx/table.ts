/**
 * The parts every data table in a .docx is made of, for the documents' tables (blocks.ts) and
 * the redline's (diff/redline-docx.ts) alike: the frame (width, column widths, ruled borders),
 * rows that never split and whose header repeats, and padded cells with the header's fill.
 */
import { BorderStyle, Paragraph, TableCell, TableRow, WidthType, type ITableOptions, type ITableRowOptions } from 'docx';
import { bindUnits } from '../pdf/no-break.ts';
import { columnWidths } from '../pdf/table-widths.ts';
import { CONTENT_WIDTH_TWIPS, DOCX_COLORS, STYLE, twip } from './styles.ts';

const RULE = { style: BorderStyle.SINGLE, size: 4, color: DOCX_COLORS.rule };

/** A ruled line around and between every cell. */
export const TABLE_BORDERS: NonNullable<ITableOptions['borders']> = {
  top: RULE,
  bottom: RULE,
  left: RULE,
  right: RULE,
  insideHorizontal: RULE,
  insideVertical: RULE,
};

/**
 * A table's width, column widths and ruled borders, from its cells' text: the PDF's column
 * widths (table-widths.ts) over the page's text width. The text is bound as the runs are (a
 * date, an amount), so a column is at least as wide as its longest unit: »1. april 2026«
 * otherwise broke inside the year.
 */
export function tableFrame(texts: readonly (readonly string[])[], columnCount: number): Pick<ITableOptions, 'width' | 'borders'> & { columnWidths: number[] } {
  const bound = texts.map((row) => row.map(bindUnits));
  const widths = columnWidths(bound, columnCount, CONTENT_WIDTH_TWIPS / 20).map((w) => Math.round((parseFloat(w) / 100) * CONTENT_WIDTH_TWIPS));
  return { width: { size: CONTENT_WIDTH_TWIPS, type: WidthType.DXA }, columnWidths: widths, borders: TABLE_BORDERS };
}

/**
 * A row that never splits across pages. A header row repeats on every page the table runs onto;
 * other rows carry no tblHeader at all: some readers take any tblHeader, even »off«, for a header.
 */
export function tableRow(header: boolean, children: TableCell[], options: Omit<ITableRowOptions, 'children' | 'tableHeader' | 'cantSplit'> = {}): TableRow {
  return new TableRow({ ...(header ? { tableHeader: true } : {}), cantSplit: true, ...options, children });
}

/** The paragraph style of a header cell or a body cell. */
export const cellStyle = (header: boolean): string => (header ? STYLE.tableHeader : STYLE.tableCell);

/** A cell of `width` twips: padded, filled when it is a header's, holding `paragraph`. */
export function tableCell(width: number, header: boolean, paragraph: Paragraph): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    margins: { top: twip(3), bottom: twip(3), left: twip(5), right: twip(5) },
    ...(header ? { shading: { type: 'clear', color: 'auto', fill: DOCX_COLORS.tableHeaderFill } } : {}),
    children: [paragraph],
  });
}
