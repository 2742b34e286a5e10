import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Root, RootContent, Table } from 'mdast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { writePdf } from '../../scripts/emit/pdf-file.ts';
import type { SourceDocument } from '../../scripts/model/source-document.ts';
import { parseMarkdown } from '../../scripts/render/markdown.ts';
import { renderDocument, type RenderedDocument } from '../../scripts/render/render-document.ts';
import { loadTemplates } from '../../scripts/render/templates.ts';
import { pdfText } from '../helpers/pdf-tools.ts';
import { RepoCopy } from '../helpers/repo.ts';

/** Every construct the issue names: heading, table pipe, emphasis, HTML, link, Handlebars. */
const HOSTILE = '# x | a | * <b> [link](x) {{x}}';
const yamlString = (s: string) => JSON.stringify(s); // a JSON string is a valid YAML scalar

function texts(node: Root | RootContent): string[] {
  if ('value' in node && typeof node.value === 'string') return [node.value];
  return 'children' in node ? node.children.flatMap((c) => texts(c)) : [];
}

function types(node: Root | RootContent): string[] {
  return [node.type, ...('children' in node ? node.children.flatMap((c) => types(c)) : [])];
}

describe('data values are inserted as literal text', () => {
  const repo = new RepoCopy(['agreements', 'schemas', 'templates']);
  const hsaFile = 'agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml';
  const sagFile = 'agreements/midt-og-vestsjaelland/sag-emn-2025-10366.yaml';
  let hsa: RenderedDocument;
  let sag: RenderedDocument;

  beforeAll(async () => {
    repo.replace(hsaFile, '  - ydelse: Myndigheds- og finansieringsansvar\n', `  - ydelse: ${yamlString(HOSTILE)}\n`);
    repo.replace(
      hsaFile,
      'mislighold: >-\n',
      `forbehold:\n  - ${yamlString('Første afsnit med **fed** tekst.\n\n- et punkt\n- <b>ikke html</b> og {{x}}')}\nmislighold: >-\n`,
    );
    repo.replace(
      sagFile,
      '  indledning: Administrationen indstiller, at det Forberedende Sundhedsråd Midt og Vestsjælland\n',
      `  indledning: ${yamlString(HOSTILE)}\n`,
    );
    const { repo: data, diagnostics } = await checkRepository(repo.root, { today: '2026-01-15' });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const templates = loadTemplates(repo.root);
    hsa = renderDocument(data, templates, data.byId('hsa-holbaek-akutsygepleje') as SourceDocument<'hsa'>);
    sag = renderDocument(data, templates, data.byId('sag-emn-2025-10366') as SourceDocument<'sag'>);
  });
  afterAll(() => repo.remove());

  it('keeps a hostile value in a table cell as one literal cell', () => {
    const tree = parseMarkdown(hsa.markdown);
    const table = tree.children.find((n): n is Table => n.type === 'table' && texts(n).includes('Ydelse'))!;
    expect(table.children.every((row) => row.children.length === 3)).toBe(true);
    expect(texts(table.children[1]!.children[0]!).join('')).toBe(HOSTILE);
    expect(types(tree)).not.toContain('html');
    expect(texts(tree).filter((t) => t === 'x')).toEqual([]); // no heading »x« was made
  });

  it('keeps a hostile value in a paragraph literal, in Markdown and in the PDF', async () => {
    const indledning = sag.body.children.find((n) => n.type === 'paragraph' && texts(n).join('').includes('# x'))!;
    expect(texts(indledning).join('')).toBe(HOSTILE);
    const pdf = await writePdf(sag.body, { ...sag.meta, toc: false, author: 'Region Østdanmark', date: new Date('2026-03-17T00:00:00Z') });
    const file = path.join(repo.root, 'sag.pdf');
    writeFileSync(file, pdf.bytes);
    expect(pdfText(file)).toContain(HOSTILE);
  });

  it('keeps the document’s structure when a Markdown field starts with raw HTML', async () => {
    const { repo: data } = await checkRepository(repo.root, { today: '2026-01-15' });
    const doc = data.byId('hsa-holbaek-akutsygepleje') as SourceDocument<'hsa'>;
    const hostile = { ...doc, data: { ...doc.data, formaal: '<script>alert(1)</script> x\n\n</details> y' } } as SourceDocument<'hsa'>;
    const rendered = renderDocument(data, loadTemplates(repo.root), hostile);
    expect(rendered.markdown).toMatch(/\n## § 1\. Parter\n\nAftalen indgås mellem:\n/);
    const headings = parseMarkdown(rendered.markdown).children.filter((n) => n.type === 'heading');
    expect(headings.length).toBe(parseMarkdown(hsa.markdown).children.filter((n) => n.type === 'heading').length);
    expect(texts(rendered.body).join('')).toContain('<script>alert(1)</script> x');
  });

  it('parses Markdown fields as Markdown, but shows their raw HTML as text', () => {
    const section = hsa.markdown.slice(hsa.markdown.indexOf('Kommunens forbehold'));
    expect(section).toContain('Første afsnit med **fed** tekst.');
    const tree = parseMarkdown(section);
    expect(types(tree)).toContain('strong');
    expect(types(tree)).not.toContain('html');
    expect(texts(tree).join('')).toContain('<b>ikke html</b> og {{x}}');
  });
});
