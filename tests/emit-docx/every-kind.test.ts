/**
 * The .docx of every document of the shipped data, and of one document of every kind in the
 * SYNTETISK 46-kommune set (which has the kinds the shipped data lacks: anmodning, tillæg,
 * konsolideret tekst, a terminated HSA), read back with an independent reader (mammoth): the
 * Markdown's text in its order, its headings and tables, and every XML part well-formed; the
 * synthetic ones also against the OOXML schemas.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScaleRepo } from '../../scripts/bench/generate.ts';
import { checkRepository } from '../../scripts/check/check-repository.ts';
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
} from './docx-reader.ts';
import { ooxmlErrors } from './ooxml-validator.ts';

interface Checked {
  id: string;
  kind: string;
  problems: string[];
}

/**
 * Every document of `root` (or the first of each kind), each compared with its Markdown, and
 * (`schema`) validated against the OOXML schemas. The shipped documents' schema check is the full
 * build's, in ooxml-schema.test.ts.
 */
async function checkDocuments(root: string, firstOfEachKind: boolean, schema: boolean): Promise<Checked[]> {
  const repo = (await checkRepository(root, { today: '2026-01-15' })).repo;
  const templates = loadTemplates(root);
  const seen = new Set<string>();
  const results: Checked[] = [];
  for (const doc of renderedDocuments(repo)) {
    if (firstOfEachKind && seen.has(doc.kind)) continue;
    seen.add(doc.kind);
    const { rendered, meta, bytes } = await renderDocx(repo, templates, doc);
    const problems: string[] = [];
    const paragraphs = await docxParagraphs(bytes);
    if (JSON.stringify(paragraphs) !== JSON.stringify([...docxFront(meta), ...markdownParagraphs(rendered.body)]))
      problems.push('text differs from the Markdown');
    const html = await docxHtml(bytes);
    const headings = htmlHeadings(html);
    if (JSON.stringify(headings) !== JSON.stringify([{ depth: 1, text: normalise(meta.title) }, ...markdownHeadings(rendered.body)]))
      problems.push('headings differ');
    const [, ...tables] = htmlTables(html);
    if (JSON.stringify(tables.map((t) => t.rows)) !== JSON.stringify(markdownTables(rendered.body))) problems.push('tables differ');
    if (tables.some((t) => !t.header)) problems.push('a table without a header row');
    try {
      assertWellFormed(docxParts(bytes));
    } catch (error) {
      problems.push(`XML: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (schema) problems.push(...(await ooxmlErrors(bytes)));
    results.push({ id: doc.data.id, kind: doc.kind, problems });
  }
  return results;
}

describe('the .docx of every kind of document', () => {
  let scratch: string;
  let shipped: Checked[];
  let synthetic: Checked[];

  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), 'aftaler-docx-kinds-'));
    await generateScaleRepo(path.join(scratch, 'repo'), { kommuner: 46 });
    shipped = await checkDocuments(REPO_ROOT, false, false);
    synthetic = await checkDocuments(path.join(scratch, 'repo'), true, true);
  }, 120_000);
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('reads back every document of the shipped data as its Markdown', () => {
    expect(shipped.length).toBeGreaterThan(30);
    expect(shipped.filter((c) => c.problems.length > 0)).toEqual([]);
  });

  it('reads back one document of each kind of the synthetic set as its Markdown, each valid against the OOXML schemas', () => {
    const kinds = synthetic.map((c) => c.kind);
    // The kinds the shipped data does not have are among them.
    for (const kind of ['anmodning', 'tillaeg']) expect(kinds).toContain(kind);
    expect(synthetic.filter((c) => c.problems.length > 0)).toEqual([]);
  });
});
