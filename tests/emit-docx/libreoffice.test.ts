/**
 * A second, independent consumer of the .docx: LibreOffice converts it to PDF without errors, the
 * PDF has the document's text, and page 1 of a shipped HSA shows what page 1 of its own PDF shows
 * (title, title block, the first clauses, the UDKAST mark). Skipped, with the reason, where
 * LibreOffice is not installed; the mammoth and schema checks run everywhere.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { writeDocx } from '../../scripts/emit/docx/index.ts';
import { writePdfWithContents } from '../../scripts/emit/pdf-file.ts';
import { renderedDocuments } from '../../scripts/kinds/index.ts';
import { parseMarkdown } from '../../scripts/render/markdown.ts';
import { loadTemplates } from '../../scripts/render/templates.ts';
import { NO_OFFICE, officeConvert, SOFFICE } from '../helpers/office.ts';
import { tool } from '../helpers/pdf-tools.ts';
import { REPO_ROOT } from '../helpers/repo.ts';
import { normalise, renderDocx } from './docx-reader.ts';
import { NESTED_NUMBERED_MD, SAMPLE_DOCX_MD, SAMPLE_DOCX_META } from './sample.ts';

if (SOFFICE === undefined) console.warn(NO_OFFICE);

const dir = mkdtempSync(path.join(tmpdir(), 'aftaler-docx-lo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The text of one page, its lines joined: only the words and their order matter here. */
const pageText = (pdf: string, page: number) => normalise(tool('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-']).stdout);

/** `file` converted to PDF by LibreOffice, which must report no error. */
function convert(file: string): string {
  const run = officeConvert(file, 'pdf', dir);
  expect(run.status, run.stderr).toBe(0);
  expect(run.stderr).not.toMatch(/error/i);
  const pdf = file.replace(/\.docx$/, '.pdf');
  expect(existsSync(pdf)).toBe(true);
  return pdf;
}

describe.skipIf(SOFFICE === undefined)('LibreOffice', () => {
  it('converts a .docx to PDF without errors, with its text', async () => {
    const docx = path.join(dir, 'sample.docx');
    writeFileSync(docx, await writeDocx(parseMarkdown(SAMPLE_DOCX_MD), SAMPLE_DOCX_META));
    const text = normalise(tool('pdftotext', [convert(docx), '-']).stdout);
    expect(text).toContain(SAMPLE_DOCX_META.title);
    expect(text).toContain('Forhandlingskopi dannet fra aftaledata');
    expect(text).toMatch(/Side 1 af \d/);
    expect(text).toContain('Horisontal samarbejdsaftale · Holbæk Kommune');
    expect(text).toContain('Underpunkt to');
  }, 150_000);

  it('numbers two nested lists under different bullets from 1 each', async () => {
    const docx = path.join(dir, 'nested.docx');
    writeFileSync(docx, await writeDocx(parseMarkdown(NESTED_NUMBERED_MD), SAMPLE_DOCX_META));
    const text = normalise(tool('pdftotext', [convert(docx), '-']).stdout);
    expect(text).toMatch(/Første punkt 1\. Underpunkt et 2\. Underpunkt to .*Andet punkt 1\. Underpunkt et 2\. Underpunkt to/);
  }, 150_000);

  it('prints page 1 of a shipped HSA with what page 1 of its PDF has', async () => {
    const repo = (await checkRepository(REPO_ROOT, { today: '2026-01-15' })).repo;
    const doc = renderedDocuments(repo).find((d) => d.kind === 'hsa' && d.data.id === 'hsa-holbaek-akutsygepleje');
    if (!doc) throw new Error('hsa-holbaek-akutsygepleje is not in the shipped data');
    const { rendered, meta, bytes } = await renderDocx(repo, loadTemplates(REPO_ROOT), doc);
    const docx = path.join(dir, 'hsa.docx');
    writeFileSync(docx, bytes);
    const ours = path.join(dir, 'hsa-own.pdf');
    // As the build makes it (pipeline/render-output.ts), unsealed.
    writeFileSync(ours, (await writePdfWithContents(rendered.body, { ...meta, toc: true, date: new Date(`${meta.date}T00:00:00Z`) })).bytes);

    const office = pageText(convert(docx), 1);
    const own = pageText(ours, 1);
    const expected = [
      normalise(meta.title),
      ...meta.titleBlock.flatMap(({ label, value }) => [label, normalise(value)]),
      '§ 1. Parter',
      '§ 2. Formål',
      '§ 3. Hjemmel',
      'UDKAST',
    ];
    for (const text of expected) {
      expect(own, `the PDF's page 1: ${text}`).toContain(text);
      expect(office, `LibreOffice's page 1: ${text}`).toContain(text);
    }
    // In the same order on both pages.
    const order = (page: string) => expected.slice(0, -1).map((t) => page.indexOf(t));
    expect(order(office)).toEqual([...order(office)].sort((a, b) => a - b));
    expect(order(own)).toEqual([...order(own)].sort((a, b) => a - b));
  }, 150_000);
});
