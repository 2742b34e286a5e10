/**
 * The .docx parts come from docx's compiler, before its Packer zips them (emit/docx/pack.ts):
 * with the pinned docx the compiler has the expected shape, and gives exactly the parts Packer's
 * zip holds, so the fallback would write the same bytes.
 */
import { describe, expect, it } from 'vitest';
import { buildDocx } from '../../scripts/emit/docx/document.ts';
import { packDocx, packParts, partsFromCompiler, partsFromZip } from '../../scripts/emit/docx/pack.ts';
import { writeDocx } from '../../scripts/emit/docx/index.ts';
import { parseMarkdown } from '../../scripts/render/markdown.ts';
import { assertWellFormed, docxParts } from './docx-reader.ts';
import { SAMPLE_DOCX_MD, SAMPLE_DOCX_META } from './sample.ts';

const sample = () => buildDocx(parseMarkdown(SAMPLE_DOCX_MD), SAMPLE_DOCX_META);

describe('the parts of a .docx', () => {
  it('come from docx’s compiler, which has the expected shape', () => {
    const parts = partsFromCompiler(sample());
    expect(parts).toBeDefined();
    expect(parts?.get('word/document.xml')).toContain('<w:body>');
  });

  it('are the parts Packer’s zip holds, in its order, and pack to the same bytes', async () => {
    const compiled = partsFromCompiler(sample());
    const zipped = await partsFromZip(sample());
    if (!compiled) throw new Error('the compiler was not used');
    expect([...compiled.keys()]).toEqual([...zipped.keys()]);
    // Random relationship ids and the clock's dates differ between two packings until packParts
    // numbers and dates them; after it, the bytes are the same.
    const date = SAMPLE_DOCX_META.date;
    expect(Buffer.from(packParts(compiled, date)).equals(Buffer.from(packParts(zipped, date)))).toBe(true);
    expect(Buffer.from(await packDocx(sample(), date)).equals(Buffer.from(packParts(zipped, date)))).toBe(true);
  });

  it('leaves out characters XML cannot hold, so the file stays openable', async () => {
    const bytes = await writeDocx(parseMarkdown('Klokke\u0007 og \uFFFE og \uD800 ensom; 😀 bliver.\n'), SAMPLE_DOCX_META);
    const xml = docxParts(bytes).get('word/document.xml') ?? '';
    expect(xml).toContain('Klokke og  og  ensom; 😀 bliver.');
    expect(assertWellFormed(docxParts(bytes))).toBeGreaterThan(5);
  });
});
