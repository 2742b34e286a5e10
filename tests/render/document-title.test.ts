/**
 * The title a PDF viewer shows (Info Title, XMP dc:title) is unique in the region (issue 17: eight
 * sundheds- og omsorgspladser HSAs shared »Horisontal samarbejdsaftale om sundheds- og
 * omsorgspladser«, and every sundhedsråd has a »Punkt 3: Opgaveflyt …«): it names the kommune,
 * the opgave and the version, or for a case its sundhedsråd and sags ID.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateScaleRepo } from '../../scripts/bench/generate.ts';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { documentTitle, renderedDocuments } from '../../scripts/kinds/index.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

const duplicates = (titles: string[]) => titles.filter((t, i) => titles.indexOf(t) !== i);

describe('the PDF title', () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'aftaler-titles-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('is unique among the shipped documents and names kommune, opgave and version', async () => {
    const { repo } = await checkRepository(REPO_ROOT, { today: '2026-12-02' });
    const titles = renderedDocuments(repo).map((doc) => documentTitle(repo, doc));
    expect(titles).toHaveLength(33);
    expect(duplicates(titles)).toEqual([]);
    expect(titles).toContain('Udkast til horisontal samarbejdsaftale for sundheds- og omsorgspladser Holbæk Kommune V20260224');
    expect(titles).toContain('Sundhedsråd Midt- og Vestsjælland, punkt 3: Opgaveflyt mellem kommuner og region (EMN-2025-10366)');
  });

  it('is unique among the 214 documents of the 46-kommune synthetic set, six cases »Punkt 3« among them', async () => {
    await generateScaleRepo(scratch, { kommuner: 46 });
    const { repo } = await checkRepository(scratch, { today: '2026-12-02' });
    const docs = renderedDocuments(repo);
    const titles = docs.map((doc) => documentTitle(repo, doc));
    expect(titles.length).toBeGreaterThanOrEqual(214);
    expect(duplicates(titles)).toEqual([]);
    expect(titles.filter((t) => t.includes('punkt 3: Opgaveflyt')).length).toBeGreaterThanOrEqual(6);
  });
});
