/** Text values reach the PDF verbatim: no Markdown, HTML or template interpretation on the way. */
import type { Root, RootContent } from 'mdast';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDocDefinition, type PdfMeta } from '../../scripts/emit/pdf/document.ts';
import { renderPdf } from '../../scripts/emit/pdf/render.ts';
import { parseMarkdown, SAMPLE_META } from './fixtures.ts';
import { pdfInfo, pdfText, runTool, writeTempPdf } from './pdf-tools.ts';

const LITERAL = '# x | a | * <b> [link](x) {{x}}';

const text = (value: string) => ({ type: 'text' as const, value });
const paragraph = (value: string) => ({ type: 'paragraph' as const, children: [text(value)] });

const tree: Root = {
  type: 'root',
  children: [
    { type: 'heading', depth: 2, children: [text(`§ 9. ${LITERAL}`)] },
    paragraph(LITERAL),
    { type: 'list', ordered: false, children: [{ type: 'listItem', children: [paragraph(`punkt ${LITERAL}`)] }] },
    {
      type: 'table',
      children: [
        {
          type: 'tableRow',
          children: [
            { type: 'tableCell', children: [text('Felt')] },
            { type: 'tableCell', children: [text('Værdi')] },
          ],
        },
        {
          type: 'tableRow',
          children: [
            { type: 'tableCell', children: [text('celle')] },
            { type: 'tableCell', children: [text(LITERAL)] },
          ],
        },
      ],
    },
    // A node type the converter has never heard of: its text must still appear.
    { type: 'sealLine', children: [text('ukendt nodetype {{y}}')] } as unknown as RootContent,
  ],
};

const meta: PdfMeta = { ...SAMPLE_META, title: 'Aftale om A & B <test>', draft: false, toc: false };

describe('literal text', () => {
  let path: string;

  beforeAll(async () => {
    path = writeTempPdf(await renderPdf(buildDocDefinition(tree, meta)));
  });

  it('keeps Markdown, HTML and template syntax in text nodes literal', () => {
    const out = pdfText(path);
    expect(out).toContain(`§ 9. ${LITERAL}`);
    expect(out).toContain(`punkt ${LITERAL}`);
    expect(out.split(LITERAL).length - 1).toBeGreaterThanOrEqual(4); // heading, paragraph, list, table
    expect(out).toContain('ukendt nodetype {{y}}');
  });

  it('shows escaped Markdown and raw HTML from parsed source as written', async () => {
    const root = parseMarkdown('Tekst \\# x \\| a \\| \\* \\[link](x) {{x}} og <b>fed</b> <script>alert(1)</script>\n');
    const out = pdfText(writeTempPdf(await renderPdf(buildDocDefinition(root, meta))));
    expect(out).toContain('Tekst # x | a | * [link](x) {{x}} og <b>fed</b> <script>alert(1)</script>');
  });

  it('keeps metadata literal and the XMP packet well-formed', () => {
    expect(pdfInfo(path).get('Title')).toBe(meta.title);
    const xmp = runTool('pdfinfo', ['-meta', path]).stdout;
    expect(xmp).toContain('Aftale om A &amp; B &lt;test&gt;');
    expect(xmp).not.toContain('<test>');
  });

  it('passes qpdf --check', () => {
    expect(runTool('qpdf', ['--check', path]).status).toBe(0);
  });
});
