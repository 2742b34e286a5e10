/**
 * Every .docx of a full build opens without repair: each is valid against the OOXML schemas, as
 * Microsoft's Open XML SDK validator checks them for current Word (Microsoft 365) and for the
 * oldest Word that reads .docx (2007). A broken part is reported with its place, so the check is
 * shown to be live. The build runs in-process on a copy of the shipped data.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.ts';
import { RepoCopy } from '../helpers/repo.ts';
import { ooxmlErrors } from './ooxml-validator.ts';

const ENV = { SOURCE_DATE_EPOCH: '1771891200' };

/** Every .docx under `dir`, relative, sorted. */
function docxFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.docx'))
    .sort();
}

/** The package with one XML part's text changed. */
function withPart(bytes: Uint8Array, part: string, change: (xml: string) => string): Uint8Array {
  const entries = unzipSync(bytes);
  const xml = new TextDecoder().decode(entries[part]);
  const changed = change(xml);
  if (changed === xml) throw new Error(`the change did not apply to ${part}`);
  return zipSync({ ...entries, [part]: strToU8(changed) });
}

describe('the .docx files of a full build, against the OOXML schemas', () => {
  const repo = new RepoCopy(['agreements', 'schemas', 'templates']);
  /** One file per distinct content: a kommune package holds byte copies of the documents. */
  const distinct = new Map<string, { file: string; bytes: Uint8Array }>();
  let all: string[] = [];

  beforeAll(async () => {
    const r = await runInProcess('build', ['--root', repo.root, '--today', '2026-01-15', '--jobs', '1', '--quiet'], ENV);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    all = docxFiles(repo.path('out'));
    for (const file of all) {
      const bytes = readFileSync(path.join(repo.path('out'), file));
      const hash = createHash('sha256').update(bytes).digest('hex');
      if (!distinct.has(hash)) distinct.set(hash, { file, bytes });
    }
  }, 120_000);
  afterAll(() => repo.remove());

  it('has a .docx for every document, and its copies in the kommune packages', () => {
    const own = all.filter((f) => !f.startsWith('kommuner/'));
    expect(own.length).toBeGreaterThan(30);
    // The package copies add no new content.
    expect(distinct.size).toBe(own.length);
  });

  it('has no schema error in any part of any file, for Microsoft 365 and for Word 2007', async () => {
    const errors: string[] = [];
    for (const { file, bytes } of distinct.values())
      for (const version of ['Microsoft365', 'Office2007'] as const)
        for (const e of await ooxmlErrors(bytes, version)) errors.push(`${file} (${version}): ${e}`);
    expect(errors).toEqual([]);
  }, 120_000);

  it('reports a misplaced element, an unknown element and a bad attribute value with their part and place', async () => {
    const [first] = distinct.values();
    if (!first) throw new Error('no .docx built');
    // w:pPr must come first in a paragraph; put it after the paragraph's runs instead.
    const misplaced = withPart(first.bytes, 'word/document.xml', (xml) => xml.replace(/<w:p>(<w:pPr>[\s\S]*?<\/w:pPr>)([\s\S]*?)<\/w:p>/, '<w:p>$2$1</w:p>'));
    const unknown = withPart(first.bytes, 'word/document.xml', (xml) => xml.replace('<w:body>', '<w:body><w:klausul/>'));
    const badValue = withPart(first.bytes, 'word/styles.xml', (xml) => xml.replace(/<w:sz w:val="\d+"\/>/, '<w:sz w:val="stor"/>'));

    for (const broken of [misplaced, unknown, badValue]) {
      const errors = await ooxmlErrors(broken);
      expect(errors.length).toBeGreaterThan(0);
      expect(errors[0]).toMatch(/^\/word\/(document|styles)\.xml \/w:/);
    }
    expect((await ooxmlErrors(unknown)).join('\n')).toContain('klausul');
    expect((await ooxmlErrors(badValue)).join('\n')).toContain('stor');
  }, 60_000);
});
