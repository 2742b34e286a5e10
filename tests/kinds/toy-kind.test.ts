/**
 * A new document kind is one module in the kind registry plus its schema and template: no stage
 * is edited. Proved here with a toy kind, »notat« (a note to one kommune), added to a temporary
 * copy of the repository through the registry alone, then checked and built like the shipped
 * kinds: its Markdown and sealed PDF land in the kommune's folder, in the manifest and in the
 * kommune's bundle. The data is SYNTETISK.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { registry } from '../../scripts/kinds/index.ts';
import { build } from '../../scripts/pipeline/build.ts';
import { REPO_ROOT } from '../helpers/repo.ts';
import { toyNoteKind } from '../helpers/toy-kind.ts';

const notat = toyNoteKind('notat', { draft: false });

describe('a toy kind added through the registry alone', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'aftaler-toy-kind-'));
    // The reference data and the note alone: one document and one kommune bundle to build.
    for (const part of ['schemas', 'templates', 'agreements/reference']) cpSync(path.join(REPO_ROOT, part), path.join(root, part), { recursive: true });
    notat.install(root, [{ id: 'notat-holbaek-test', emne: 'en legetøjsdokumenttype', tekst: 'Teksten står her, **med fed** skrift.' }]);
  });
  afterAll(() => {
    registry.unregister('notat');
    rmSync(root, { recursive: true, force: true });
  });

  it('is an unknown dokumenttype before it is registered', async () => {
    const check = await checkRepository(root, { today: '2026-12-02' });
    const finding = check.diagnostics.find((d) => d.file.endsWith('notat-holbaek-test.yaml'));
    expect(finding?.rule).toBe('fil/ukendt-dokumenttype');
  });

  it('is checked, rendered, sealed and bundled once registered', async () => {
    registry.register(notat.module);
    // One rendering thread: a kind registered at run time is known to this thread only.
    const result = await build({ root, out: 'out', today: '2026-12-02', env: { SOURCE_DATE_EPOCH: '1790000000' }, jobs: 1 });
    expect(result.ok, result.ok ? '' : JSON.stringify(result.reason)).toBe(true);
    if (!result.ok) return;
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.rendered).toContain('notat-holbaek-test');

    const base = path.join(root, 'out', 'midt-og-vestsjaelland', '316-holbaek', 'notat-holbaek-test');
    const markdown = readFileSync(`${base}.md`, 'utf8');
    expect(markdown).toContain('# Notat om en legetøjsdokumenttype');
    expect(markdown).toContain('Dette notat til Holbæk Kommune handler om en legetøjsdokumenttype.');
    expect(markdown).toContain('**med fed**');
    // Numbered clauses, as the module asks for.
    expect(markdown).toMatch(/^## § 1\. Baggrund$/m);
    expect(readFileSync(`${base}.pdf`).subarray(0, 5).toString()).toBe('%PDF-');

    const entries = result.entries.filter((e) => e.id === 'notat-holbaek-test');
    expect(entries.map((e) => e.kind)).toEqual(['notat', 'notat', 'notat', 'notat', 'notat']);
    // Its Word copy too, in its folder and in the kommune's package, with nothing of its own to register.
    expect(entries.map((e) => e.path).sort()).toEqual([
      'kommuner/316-holbaek/notat-holbaek-test.docx',
      'kommuner/316-holbaek/notat-holbaek-test.pdf',
      'midt-og-vestsjaelland/316-holbaek/notat-holbaek-test.docx',
      'midt-og-vestsjaelland/316-holbaek/notat-holbaek-test.md',
      'midt-og-vestsjaelland/316-holbaek/notat-holbaek-test.pdf',
    ]);
    // Its inputs: its own file, the reference data and its template.
    expect(entries[0]!.sources).toContain('agreements/midt-og-vestsjaelland/holbaek/notat-holbaek-test.yaml');
    expect(entries[0]!.sources).toContain('templates/notat.md.hbs');
    expect(existsSync(path.join(root, 'agreements', 'midt-og-vestsjaelland', 'holbaek', 'notat-holbaek-test.yaml'))).toBe(true);
  });

  it('is held to the reference rules through what it declares it names', async () => {
    const file = path.join(root, 'agreements', 'midt-og-vestsjaelland', 'holbaek', 'notat-holbaek-test.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('kommune: "316"', 'kommune: "999"'));
    const check = await checkRepository(root, { today: '2026-12-02' });
    const finding = check.diagnostics.find((d) => d.file.endsWith('notat-holbaek-test.yaml'));
    expect(finding).toMatchObject({ rule: 'ref/ukendt-kommune', severity: 'error' });
    expect(finding?.message).toContain('»999«');
  });
});
