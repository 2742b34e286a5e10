/** Public API of the Word emitter: mdast + metadata → deterministic .docx bytes. */
import type { Root } from 'mdast';
import { buildDocx, type DocxMeta } from './document.ts';
import { packDocx } from './pack.ts';
import type { BlockOptions } from './blocks.ts';

export { sourceNotice, type DocxMeta } from './document.ts';

/** The .docx of one document: the same syntax tree as its PDF and Markdown. */
export async function writeDocx(body: Root, meta: DocxMeta, options: BlockOptions = {}): Promise<Uint8Array> {
  return packDocx(buildDocx(body, meta, options), meta.date);
}
