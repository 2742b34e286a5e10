/**
 * The .docx of one document of every kind in the shipped data, rendered as the build renders it
 * (render-document.ts), read back with an independent reader (mammoth) and as a zip of XML parts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { sourceNotice, writeDocx } from '../../scripts/emit/docx/index.ts';
import { renderedDocuments } from '../../scripts/kinds/index.ts';
import { loadTemplates } from '../../scripts/render/templates.ts';
import { REPO_ROOT } from '../helpers/repo.ts';
import {
  assertWellFormed,
  docxFront,
  docxHtml,
  docxParagraphs,
  docxParts,
  htmlHeadings,
  htmlTables,
  markdownHeadings,
  markdownParagraphs,
  markdownTables,
  normalise,
  renderDocx,
  type RenderedDocx,
} from './docx-reader.ts';

const samples = new Map<string, RenderedDocx>();

beforeAll(async () => {
  const repo = (await checkRepository(REPO_ROOT, { today: '2026-01-15' })).repo;
  const templates = loadTemplates(REPO_ROOT);
  for (const doc of renderedDocuments(repo)) if (!samples.has(doc.kind)) samples.set(doc.kind, await renderDocx(repo, templates, doc));
}, 60_000);

const KINDS = ['delingsaftale', 'hsa', 'sag'] as const;
const sample = (kind: string): RenderedDocx => {
  const found = samples.get(kind);
  if (!found) throw new Error(`no ${kind} in the shipped data`);
  return found;
};

describe.each(KINDS)('the .docx of a %s', (kind) => {
  it('has the text of the Markdown, in its order, after the title block and the source notice', async () => {
    const { rendered, meta, bytes } = sample(kind);
    const expected = [...docxFront(meta), ...markdownParagraphs(rendered.body)];
    expect(await docxParagraphs(bytes)).toEqual(expected);
  });

  it('has the Markdown’s headings as Word headings, at their levels', async () => {
    const { rendered, meta, bytes } = sample(kind);
    const headings = htmlHeadings(await docxHtml(bytes));
    expect(headings).toEqual([{ depth: 1, text: normalise(meta.title) }, ...markdownHeadings(rendered.body)]);
    expect(headings.length).toBeGreaterThan(3);
  });

  it('has the Markdown’s tables as Word tables with a header row, after the title block', async () => {
    const { rendered, meta, bytes } = sample(kind);
    const [titleBlock, ...tables] = htmlTables(await docxHtml(bytes));
    expect(titleBlock).toEqual({ header: false, rows: meta.titleBlock.map(() => 2) });
    expect(tables.map((t) => t.rows)).toEqual(markdownTables(rendered.body));
    for (const table of tables) expect(table.header).toBe(true);
    const xml = docxParts(bytes).get('word/document.xml') ?? '';
    expect(xml.match(/<w:tblHeader\/>/g) ?? []).toHaveLength(tables.length);
    expect(xml).not.toContain('<w:tblHeader w:val');
  });

  it('has well-formed parts, the page frame, the properties and the notice on page 1', () => {
    const { rendered, meta, bytes } = sample(kind);
    const parts = docxParts(bytes);
    expect(assertWellFormed(parts)).toBeGreaterThan(10);
    expect([...parts.keys()][0]).toBe('[Content_Types].xml');

    const footers = [...parts].filter(([name]) => /^word\/footer\d+\.xml$/.test(name));
    expect(footers.length).toBeGreaterThan(0);
    for (const [, xml] of footers) {
      expect(xml).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
      expect(xml).toMatch(/<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);
      expect(xml).toContain('Side ');
    }
    const headers = [...parts].filter(([name]) => /^word\/header\d+\.xml$/.test(name)).map(([, xml]) => xml);
    expect(headers.some((xml) => xml.includes(meta.runningHeader.replace(/&/g, '&amp;')))).toBe(true);

    const core = parts.get('docProps/core.xml') ?? '';
    expect(core).toContain('<dc:language>da-DK</dc:language>');
    expect(core).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${rendered.meta.date}T00:00:00Z</dcterms:created>`);
    expect(core).toContain(`<dc:title>${(meta.infoTitle ?? meta.title).replace(/&/g, '&amp;')}</dc:title>`);
    expect(core).toContain('<cp:keywords>');
    expect(parts.get('word/styles.xml')).toContain('w:val="da-DK"');

    const body = parts.get('word/document.xml') ?? '';
    const notice = body.indexOf('aftalen ændres kun ved en pull request');
    expect(notice).toBeGreaterThan(0);
    expect(notice).toBeLessThan(body.indexOf('w:val="Heading2"'));
    // The whole first page is one section with its own first-page header: no page break before the body.
    expect(body).toContain('<w:titlePg/>');
  });

  it('carries the UDKAST watermark exactly when the document is a draft', () => {
    const { meta, bytes } = sample(kind);
    const headers = [...docxParts(bytes)].filter(([name]) => /^word\/header\d+\.xml$/.test(name)).map(([, xml]) => xml);
    const marked = headers.filter((xml) => xml.includes('PowerPlusWaterMarkObject') && xml.includes('string="UDKAST"'));
    expect(marked).toHaveLength(meta.draft ? headers.length : 0);
  });

  it('is the same bytes when made again', async () => {
    const { rendered, meta, bytes } = sample(kind);
    expect(Buffer.from(await writeDocx(rendered.body, meta)).equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('a .docx of a non-draft', () => {
  it('has no watermark and no UDKAST mark', async () => {
    const { rendered, meta } = sample('hsa');
    const bytes = await writeDocx(rendered.body, { ...meta, draft: false });
    const headers = [...docxParts(bytes)].filter(([name]) => /^word\/header\d+\.xml$/.test(name)).map(([, xml]) => xml);
    for (const xml of headers) {
      expect(xml).not.toContain('PowerPlusWaterMarkObject');
      expect(xml).not.toContain('UDKAST');
    }
  });
});

describe('the source notice', () => {
  it('names the commit, or says it is not known', () => {
    expect(sourceNotice('abc1234')).toContain("repository'et (commit abc1234)");
    expect(sourceNotice(null)).toContain('commit ikke kendt');
    expect(sourceNotice(null)).toContain('pull request');
  });

  it('is on the first page of a .docx made without git', async () => {
    const { rendered, meta } = sample('sag');
    const paragraphs = await docxParagraphs(await writeDocx(rendered.body, { ...meta, commit: null }));
    expect(paragraphs).toContain(normalise(sourceNotice(null)));
  });
});
