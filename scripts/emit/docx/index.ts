/** Public API of the Word emitter: mdast + metadata → deterministic .docx bytes. */
import type { Root } from 'mdast';
import type { FileChild } from 'docx';
import { buildDocx, buildDocxFromBody, type DocxMeta } from './document.ts';
import { packDocx } from './pack.ts';
import type { BlockOptions } from './blocks.ts';

export { sourceNotice, type DocxMeta } from './document.ts';

/** The .docx of one document: the same syntax tree as its PDF and Markdown. */
export async function writeDocx(body: Root, meta: DocxMeta, options: BlockOptions = {}): Promise<Uint8Array> {
  return packDocx(buildDocx(body, meta, options), meta.date);
}

/**
 * A .docx whose body is made by the caller, inside the same frame and styles as every document:
 * `notice` replaces the paragraph that says where the file comes from.
 */
export async function writeDocxBody(children: FileChild[], meta: DocxMeta, notice: string): Promise<Uint8Array> {
  return packDocx(buildDocxFromBody({ children, numbering: { config: [] } }, meta, notice), meta.date);
}

export { STYLE, CODE_SHADING, CONTENT_WIDTH_TWIPS, headingLevel, RULE_LINE, twip } from './styles.ts';
export { cellStyle, TABLE_BORDERS, tableCell, tableFrame, tableRow } from './table.ts';
