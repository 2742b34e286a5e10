import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFile } from '../../scripts/pipeline/cache.ts';
import { runCli } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { hashTree } from '../helpers/files.ts';
import { RepoCopy } from '../helpers/repo.ts';

const ENV = { SOURCE_DATE_EPOCH: '1771891200' };
const HSA = 'agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml';

interface Summary {
  documents: number;
  rendered: number;
  reused: number;
  bundles: number;
  files: number;
  renderedIds: string[];
}

describe('incremental, cached and sharded builds', () => {
  const repo = new RepoCopy(['agreements', 'schemas', 'templates']);
  const args = (more: readonly string[]) => ['--root', repo.root, '--today', '2026-01-15', '--json', ...more];
  const summary = (r: { code: number | null; stdout: string; stderr: string }): Summary => {
    expect(r.code, r.stdout + r.stderr).toBe(0);
    return JSON.parse(r.stdout) as Summary;
  };
  /**
   * The builds after the first run in this process, on one thread: the cache under test is the
   * one on disk, which is all a build reads from an earlier one, and starting Node and loading
   * the PDF stack again for each build is most of the cost (the first build is a real process).
   */
  const build = async (...more: string[]): Promise<Summary> => summary(await runInProcess('build', [...args(more), '--jobs', '1'], ENV));
  /** A from-scratch build into another folder: what the incremental result must equal. */
  const fresh = async (name: string) => {
    await build('--force', '--out', name);
    return hashTree(repo.path(name));
  };

  beforeAll(() => {
    const first = summary(runCli('build', args([]), ENV));
    expect(first.rendered).toBe(33);
  }, 120_000);
  afterAll(() => repo.remove());

  it('renders nothing and writes nothing when nothing changed', async () => {
    const before = statSync(repo.path('out/manifest.json')).mtimeMs;
    const again = await build();
    expect(again).toMatchObject({ documents: 33, rendered: 0, reused: 33, bundles: 0 });
    expect(statSync(repo.path('out/manifest.json')).mtimeMs).toBe(before);
  });

  it('renders only an edited HSA again, though the case and its other bilag are looked at again, and equals a full build', async () => {
    repo.replace(HSA, '  aarligt_beloeb_kr: null', '  aarligt_beloeb_kr: 1234567');
    const edited = await build();
    // Every HSA's running header carries its bilag number, which follows the whole list of the
    // case (kind and opgave of each entry): the case and the 24 HSAs it lists are inputs of each
    // other and are looked at again. An amount changes no other document's text, title block or
    // header, so their render digests are the same and their files are taken over.
    expect(edited.renderedIds).toEqual(['hsa-holbaek-akutsygepleje']);
    expect(edited.reused).toBe(32);
    expect(edited.bundles).toBe(1); // Holbæk's
    expect(hashTree(repo.path('out'))).toEqual(await fresh('out-full-1'));
  }, 120_000);

  it('re-renders every document that uses an edited partial', async () => {
    const partial = 'templates/partials/underskrifter.md.hbs';
    repo.replace(partial, '| Underskrift: | Underskrift: |', '| Underskrift: | Underskrift: |\n| Sted: | Sted: |');
    const edited = await build();
    expect(edited.renderedIds).toHaveLength(32); // 24 HSAs and 8 delingsaftaler; the case does not use it
    expect(edited.renderedIds).not.toContain('sag-emn-2025-10366');
    expect(hashTree(repo.path('out'))).toEqual(await fresh('out-full-2'));
  }, 120_000);

  it('detects a corrupted cache and ignores it', async () => {
    const dir = path.dirname(cacheFile(repo.root, repo.path('out'))!);
    for (const f of readdirSync(dir)) writeFileSync(path.join(dir, f), '{"format": 1, "documents": {"x": 42}');
    const before = hashTree(repo.path('out'));
    const rebuilt = await build();
    expect(rebuilt.rendered).toBe(33);
    expect(hashTree(repo.path('out'))).toEqual(before);
  }, 120_000);

  it('re-renders a document whose output was changed by hand', async () => {
    const pdf = repo.path('out/midt-og-vestsjaelland/329-ringsted/hsa-ringsted-akutsygepleje.pdf');
    const original = readFileSync(pdf);
    writeFileSync(pdf, Buffer.concat([original, Buffer.from('\n%tampered\n')]));
    const repaired = await build();
    expect(repaired.renderedIds).toEqual(['hsa-ringsted-akutsygepleje']);
    expect(readFileSync(pdf).equals(original)).toBe(true);
  }, 60_000);

  it('builds in shards that, merged, equal a full build byte for byte', async () => {
    const full = await fresh('out-full-3');
    const shards: string[] = [];
    for (const [i, s] of ['1/3', '2/3', '3/3'].entries()) {
      await build('--force', '--shard', s, '--out', `out-shard-${i + 1}`);
      shards.push(repo.path(`out-shard-${i + 1}`));
    }
    const sizes = shards.map((s) => hashTree(s).size);
    expect(sizes.every((n) => n > 1)).toBe(true); // every shard got work
    const merged = runCli('merge', ['--out', repo.path('out-merged'), ...shards]); // a real process
    expect(merged.code, merged.stdout + merged.stderr).toBe(0);
    expect(hashTree(repo.path('out-merged'))).toEqual(full);
    // One part is the whole build: how the publish workflow builds below its break-even.
    await build('--force', '--shard', '1/1', '--out', 'out-one-part');
    expect(hashTree(repo.path('out-one-part'))).toEqual(full);
  }, 240_000);

  it('refuses to merge shards that disagree', async () => {
    const a = repo.path('out-shard-1');
    const manifest = JSON.parse(readFileSync(path.join(a, 'manifest.json'), 'utf8')) as { files: Array<{ path: string; sha256: string }> };
    writeFileSync(path.join(a, manifest.files[0]!.path), 'changed');
    const r = await runInProcess('merge', ['--out', repo.path('out-bad'), a]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Sammenlægning afbrudt: .* mangler eller passer ikke med manifestet/);
  });
});
