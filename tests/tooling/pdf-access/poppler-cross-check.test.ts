/**
 * The structure tree's text as the checker reads it from the PDF's objects, against poppler's
 * reading (`pdfinfo -struct-text`) of a rendered project document: the independent referee for
 * the checker's own content-stream and ToUnicode reading.
 */
import { describe, expect, it } from 'vitest';
import { buildDocDefinition } from '../../../scripts/emit/pdf/document.ts';
import { renderPdf } from '../../../scripts/emit/pdf/render.ts';
import { readPdfObjects } from '../../../scripts/tooling/pdf-access/pdf-objects.ts';
import { structureTreeText } from '../../../scripts/tooling/pdf-access/structure-tree-text.ts';
import { parseMarkdown, SAMPLE_META, SAMPLE_MD } from '../../emit-pdf/fixtures.ts';
import { writeTempPdf } from '../../emit-pdf/pdf-tools.ts';
import { parseStructText, structTree, textPieces } from '../../emit-pdf/struct-tree.ts';

const withoutSpace = (texts: readonly string[]) => texts.join('').replace(/\s+/g, '');

describe('pdfinfo -struct-text output', () => {
  it('takes the quoted text of every element, text over several lines included', () => {
    const output = ['Document', '  H1 (block)', '    "§ 1. Formål"', '  P (block)', '    "første linje', 'anden linje"', '  Figure (block)', '    ""', ''].join(
      '\n',
    );
    expect(textPieces(parseStructText(output))).toEqual(['§ 1. Formål', 'første linje\nanden linje', '']);
  });
});

describe('structure tree text against poppler', () => {
  it('reads the same text as pdfinfo -struct-text from the rendered sample agreement', async () => {
    const path = writeTempPdf(await renderPdf(buildDocDefinition(parseMarkdown(SAMPLE_MD), SAMPLE_META)), 'sample.pdf');
    const reference = textPieces(structTree(path));
    const ours = structureTreeText(await readPdfObjects(path));
    expect(ours.problems).toEqual([]);
    expect(ours.texts).toHaveLength(reference.length);
    expect(withoutSpace(reference).length).toBeGreaterThan(1000);
    expect(withoutSpace(ours.texts)).toBe(withoutSpace(reference));
  });
});
