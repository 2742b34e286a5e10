/**
 * A second, independent consumer of the .docx: LibreOffice converts it to PDF without errors,
 * and the PDF has the document's text. Skipped, with the reason, where LibreOffice is not
 * installed (`apt-get install libreoffice-writer-nogui`); the mammoth checks run everywhere.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { writeDocx } from '../../scripts/emit/docx/index.ts';
import { parseMarkdown } from '../../scripts/render/markdown.ts';
import { SAMPLE_DOCX_MD, SAMPLE_DOCX_META } from './sample.ts';

const has = (tool: string) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const soffice = has('soffice');
if (!soffice) console.warn('LibreOffice (soffice) is not installed: the .docx → PDF conversion test is skipped.');

const dir = mkdtempSync(path.join(tmpdir(), 'aftaler-docx-lo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!soffice)('LibreOffice', () => {
  it('converts a .docx to PDF without errors, with its text', async () => {
    const docx = path.join(dir, 'sample.docx');
    writeFileSync(docx, await writeDocx(parseMarkdown(SAMPLE_DOCX_MD), SAMPLE_DOCX_META));
    // A profile of its own: no clash with a LibreOffice the user has open, nothing left in $HOME.
    const profile = pathToFileURL(path.join(dir, 'profile')).href;
    const run = spawnSync('soffice', [`-env:UserInstallation=${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, docx], {
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/error/i);
    const pdf = path.join(dir, 'sample.pdf');
    expect(existsSync(pdf)).toBe(true);
    if (!has('pdftotext')) return;
    // Lines as the PDF wraps them are joined: only the words and their order matter here.
    const text = spawnSync('pdftotext', [pdf, '-'], { encoding: 'utf8' }).stdout.replace(/\s+/g, ' ');
    expect(text).toContain(SAMPLE_DOCX_META.title);
    expect(text).toContain('Dette Word-dokument er dannet fra aftaledata');
    expect(text).toMatch(/Side 1 af \d/);
    expect(text).toContain('Horisontal samarbejdsaftale · Holbæk Kommune');
    expect(text).toContain('Underpunkt to');
  }, 150_000);
});
