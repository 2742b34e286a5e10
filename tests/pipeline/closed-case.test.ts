/**
 * A closed punkt on a sundhedsråd's agenda (`aaben: false`) is rendered and sealed for the
 * council, but never handed out with a kommune's bundle: the sag kind says so (`inBundle`) and
 * the build plan leaves it out of every bundle's members, its combined PDF and its manifest. The
 * data is SYNTETISK.
 */
import { existsSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BundleManifest } from '../../scripts/emit/bundle.ts';
import type { Manifest } from '../../scripts/emit/manifest.ts';
import { hsa, sag } from '../check-rules/documents.ts';
import type { CliResult } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { RepoCopy } from '../helpers/repo.ts';

const ENV = { SOURCE_DATE_EPOCH: '1771891200' };
const SAG = 'agreements/midt-og-vestsjaelland/sag-lukket.yaml';
const HSA = 'agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml';
const BUNDLE = 'out/kommuner/316-holbaek';

describe('a closed case in a build', () => {
  const repo = new RepoCopy(['schemas', 'templates', 'agreements/reference'], 'aftaler-closed-case-');
  const build = (): Promise<CliResult> => runInProcess('build', ['--root', repo.root, '--today', '2026-01-15', '--jobs', '1'], ENV);
  let closed: CliResult;

  beforeAll(async () => {
    // A case without decisions (so no coverage is asked of it) and one HSA of Holbæk.
    repo.write(SAG, (sag({ id: 'sag-lukket', moede: '2026-03-10', underpunkter: [] }).content as string).replace('aaben: true', 'aaben: false'));
    repo.write(HSA, hsa().content as string);
    closed = await build();
  }, 120_000);
  afterAll(() => repo.remove());

  const manifest = () => JSON.parse(repo.read('out/manifest.json')) as Manifest;
  // The documents in Holbæk's bundle (its combined PDF, »samlet-316«, aside).
  const bundled = () =>
    (JSON.parse(repo.read(`${BUNDLE}/manifest.json`)) as BundleManifest).files
      // The documents, by their PDFs: each has its Word copy beside it too (forhandlingskopi).
      .filter((f) => f.forhandlingskopi !== true)
      .map((f) => f.document)
      .filter((d) => !d.startsWith('samlet-'))
      .sort();

  it('renders and seals the closed case for the council', () => {
    expect(closed.stderr).not.toMatch(/fejl/);
    expect(closed.code).toBe(0);
    expect(manifest().files.map((e) => e.path)).toEqual(
      expect.arrayContaining(['midt-og-vestsjaelland/sag-lukket.md', 'midt-og-vestsjaelland/sag-lukket.pdf']),
    );
    expect(readFileSync(repo.path('out/midt-og-vestsjaelland/sag-lukket.pdf')).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('leaves it out of the kommune bundle: files, bundle manifest, build manifest; no bundle for kommuner it alone concerns', () => {
    expect(bundled()).toEqual(['hsa-holbaek-akutsygepleje']);
    expect(existsSync(repo.path(`${BUNDLE}/sag-lukket.pdf`))).toBe(false);
    expect(existsSync(repo.path(`${BUNDLE}/sag-lukket.docx`))).toBe(false);
    expect(existsSync(repo.path(`${BUNDLE}/hsa-holbaek-akutsygepleje.docx`))).toBe(true);
    expect(manifest().files.filter((e) => e.path.startsWith('kommuner/') && e.id === 'sag-lukket')).toEqual([]);
    expect(
      new Set(
        manifest()
          .files.filter((e) => e.path.startsWith('kommuner/'))
          .map((e) => e.path.split('/')[1]),
      ),
    ).toEqual(new Set(['316-holbaek']));
  });

  it('puts the same case in every bundle of its sundhedsråd once it is open', async () => {
    repo.write(SAG, repo.read(SAG).replace('aaben: false', 'aaben: true'));
    const open = await build();
    expect(open.code).toBe(0);
    expect(bundled()).toEqual(['hsa-holbaek-akutsygepleje', 'sag-lukket']);
    expect(existsSync(repo.path(`${BUNDLE}/sag-lukket.pdf`))).toBe(true);
  }, 120_000);
});
