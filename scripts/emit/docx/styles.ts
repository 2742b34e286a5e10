/**
 * The look of the .docx: page geometry, colours and the styles it defines. Word's built-in
 * style ids are used wherever one fits (Heading1–3, Title, ListParagraph, Hyperlink), so Word
 * shows them under their own names (»Overskrift 1« in a Danish Word), the navigation pane and a
 * contents field find the clauses, and a jurist's own templates apply. Colours and sizes follow
 * the PDF (../pdf/styles.ts), the page is the same A4 with the same margins.
 */
import { BorderStyle, HeadingLevel, type IBordersOptions, type IShadingAttributesProperties, type IStylesOptions } from 'docx';
import { COLORS, PAGE_MARGINS } from '../pdf/styles.ts';
import { PDF_LANGUAGE } from '../pdf/document.ts';

/** »#1b3a5c« → »1B3A5C«, as WordprocessingML writes colours. */
const hex = (color: string) => color.replace('#', '').toUpperCase();

export const DOCX_COLORS = {
  text: hex(COLORS.text),
  heading: hex(COLORS.heading),
  muted: hex(COLORS.muted),
  rule: hex(COLORS.rule),
  tableHeaderFill: hex(COLORS.tableHeaderFill),
  codeFill: hex(COLORS.codeFill),
  link: hex(COLORS.link),
  quoteBar: hex(COLORS.quoteBar),
  watermark: hex(COLORS.watermark),
} as const;

/** A thematic break (»---«): an empty paragraph with a rule below it, in documents and redlines. */
export const RULE_LINE: IBordersOptions = { bottom: { style: BorderStyle.SINGLE, size: 6, color: DOCX_COLORS.rule, space: 1 } };

/** The grey behind code, inline and in blocks. */
export const CODE_SHADING: IShadingAttributesProperties = { type: 'clear', color: 'auto', fill: DOCX_COLORS.codeFill };

/** Fonts every Word installation has; the PDF's embedded Roboto need not be installed. */
export const DOCX_FONTS = { body: 'Calibri', code: 'Consolas' } as const;

export const DOCX_LANGUAGE = PDF_LANGUAGE;

/** pt → twentieths of a point. */
export const twip = (pt: number) => Math.round(pt * 20);

/** A4 in twips, portrait. */
export const PAGE = { width: 11906, height: 16838 } as const;

export const MARGINS = {
  left: twip(PAGE_MARGINS[0]),
  top: twip(PAGE_MARGINS[1]),
  right: twip(PAGE_MARGINS[2]),
  bottom: twip(PAGE_MARGINS[3]),
  header: twip(34),
  footer: twip(28),
} as const;

/** Width of the body text, in twips: tables and right-aligned header text use it. */
export const CONTENT_WIDTH_TWIPS = PAGE.width - MARGINS.left - MARGINS.right;

/** Paragraph style ids of our own (Word's built-in ones are used by their ids). */
export const STYLE = {
  titleLabel: 'TitleBlockLabel',
  notice: 'SourceNotice',
  runningHeader: 'Header',
  footer: 'Footer',
  tableHeader: 'TableHeading',
  tableCell: 'TableText',
  code: 'CodeBlock',
  quote: 'Quote',
} as const;

/**
 * A heading style. The outline level (0 = level 1) is what Word's navigation pane and a contents
 * field read; set explicitly, it does not depend on Word recognising the style's name as its own
 * built-in »heading n« (and so »Overskrift n« in a Danish Word).
 */
const heading = (size: number, before: number, after: number, outlineLevel?: number) => ({
  run: { size: size * 2, bold: true, color: DOCX_COLORS.heading, font: DOCX_FONTS.body },
  paragraph: {
    spacing: { before: twip(before), after: twip(after) },
    keepNext: true,
    keepLines: true,
    ...(outlineLevel === undefined ? {} : { outlineLevel }),
  },
});

export const DOCX_STYLES: IStylesOptions = {
  default: {
    document: {
      run: { font: DOCX_FONTS.body, size: 22, color: DOCX_COLORS.text, language: { value: DOCX_LANGUAGE } },
      paragraph: { spacing: { after: twip(7), line: 300 } },
    },
    title: heading(16, 0, 10),
    heading1: heading(16, 18, 8, 0),
    heading2: heading(13, 16, 6, 1),
    heading3: heading(11.5, 12, 4, 2),
    heading4: { ...heading(11, 10, 3, 3), run: { ...heading(11, 10, 3).run, italics: true } },
    listParagraph: { paragraph: { spacing: { after: twip(2) } } },
  },
  paragraphStyles: [
    {
      id: STYLE.titleLabel,
      name: 'Title Block Label',
      basedOn: 'Normal',
      run: { bold: true, size: 19, color: DOCX_COLORS.muted },
      paragraph: { spacing: { after: 0 } },
    },
    {
      id: STYLE.notice,
      name: 'Source Notice',
      basedOn: 'Normal',
      run: { italics: true, size: 18, color: DOCX_COLORS.muted },
      paragraph: {
        spacing: { before: twip(4), after: twip(14) },
        border: { left: { style: 'single', size: 12, color: DOCX_COLORS.rule, space: 6 } },
      },
    },
    { id: STYLE.runningHeader, name: 'header', basedOn: 'Normal', run: { size: 17, color: DOCX_COLORS.muted }, paragraph: { spacing: { after: 0 } } },
    { id: STYLE.footer, name: 'footer', basedOn: 'Normal', run: { size: 17, color: DOCX_COLORS.muted }, paragraph: { spacing: { after: 0 } } },
    {
      id: STYLE.tableHeader,
      name: 'Table Heading',
      basedOn: 'Normal',
      run: { bold: true, size: 19, color: DOCX_COLORS.heading },
      paragraph: { spacing: { after: 0 }, keepNext: true },
    },
    { id: STYLE.tableCell, name: 'Table Text', basedOn: 'Normal', run: { size: 19 }, paragraph: { spacing: { after: 0 } } },
    { id: STYLE.code, name: 'Code Block', basedOn: 'Normal', run: { font: DOCX_FONTS.code, size: 18 }, paragraph: { spacing: { after: 0 } } },
    {
      id: STYLE.quote,
      name: 'Quote',
      basedOn: 'Normal',
      paragraph: { indent: { left: twip(14) }, border: { left: { style: 'single', size: 18, color: DOCX_COLORS.quoteBar, space: 8 } } },
    },
  ],
};

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
] as const;

/** Word's built-in heading style for a Markdown heading depth (1–6; deeper ones as 6). */
export function headingLevel(depth: number): (typeof HEADINGS)[number] {
  return HEADINGS[Math.min(Math.max(depth, 1), HEADINGS.length) - 1]!;
}
