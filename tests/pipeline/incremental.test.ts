import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheFile } from '../../scripts/pipeline/cache.ts';
import { runCli } from '../helpers/cli.ts';
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
  const build = (...args: string[]): Summary => {
    const r = runCli('build', ['--root', repo.root, '--today', '2026-01-15', '--json', ...args], ENV);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    return JSON.parse(r.stdout) as Summary;
  };
  /** A from-scratch build into another folder: what the incremental result must equal. */
  const fresh = (name: string) => {
    build('--force', '--out', name);
    return hashTree(repo.path(name));
  };

  beforeAll(() => {
    const first = build();
    expect(first.rendered).toBe(33);
  }, 120_000);
  afterAll(() => repo.remove());

  it('renders nothing and writes nothing when nothing changed', () => {
    const before = statSync(repo.path('out/manifest.json')).mtimeMs;
    const again = build();
    expect(again).toMatchObject({ documents: 33, rendered: 0, reused: 33, bundles: 0 });
    expect(statSync(repo.path('out/manifest.json')).mtimeMs).toBe(before);
  });

  it('re-renders an edited HSA and the case that lists it, nothing else, and equals a full build', () => {
    repo.replace(HSA, '  aarligt_beloeb_kr: null', '  aarligt_beloeb_kr: 1234567');
    const edited = build();
    expect(edited.renderedIds).toEqual(['hsa-holbaek-akutsygepleje', 'sag-emn-2025-10366']);
    expect(edited.bundles).toBe(1); // Holbæk's; the case came out byte-identical for the others
    expect(hashTree(repo.path('out'))).toEqual(fresh('out-full-1'));
  }, 120_000);

  it('re-renders every document that uses an edited partial', () => {
    const partial = 'templates/partials/underskrifter.md.hbs';
    repo.replace(partial, '| Navn og titel: | Navn og titel: |', '| Navn og titel: | Navn og titel: |\n| Sted: | Sted: |');
    const edited = build();
    expect(edited.renderedIds).toHaveLength(32); // 24 HSAs and 8 delingsaftaler; the case does not use it
    expect(edited.renderedIds).not.toContain('sag-emn-2025-10366');
    expect(hashTree(repo.path('out'))).toEqual(fresh('out-full-2'));
  }, 120_000);

  it('detects a corrupted cache and ignores it', () => {
    const dir = path.dirname(cacheFile(repo.root, repo.path('out'))!);
    for (const f of readdirSync(dir)) writeFileSync(path.join(dir, f), '{"format": 1, "documents": {"x": 42}');
    const before = hashTree(repo.path('out'));
    const rebuilt = build();
    expect(rebuilt.rendered).toBe(33);
    expect(hashTree(repo.path('out'))).toEqual(before);
  }, 120_000);

  it('re-renders a document whose output was changed by hand', () => {
    const pdf = repo.path('out/midt-og-vestsjaelland/329-ringsted/hsa-ringsted-akutsygepleje.pdf');
    const original = readFileSync(pdf);
    writeFileSync(pdf, Buffer.concat([original, Buffer.from('\n%tampered\n')]));
    const repaired = build();
    expect(repaired.renderedIds).toEqual(['hsa-ringsted-akutsygepleje']);
    expect(readFileSync(pdf).equals(original)).toBe(true);
  }, 60_000);

  it('builds in shards that, merged, equal a full build byte for byte', () => {
    const full = fresh('out-full-3');
    const shards = ['1/3', '2/3', '3/3'].map((s, i) => {
      build('--force', '--shard', s, '--out', `out-shard-${i + 1}`);
      return repo.path(`out-shard-${i + 1}`);
    });
    const sizes = shards.map((s) => hashTree(s).size);
    expect(sizes.every((n) => n > 1)).toBe(true); // every shard got work
    const merged = runCli('merge', ['--out', repo.path('out-merged'), ...shards]);
    expect(merged.code, merged.stdout + merged.stderr).toBe(0);
    expect(hashTree(repo.path('out-merged'))).toEqual(full);
  }, 240_000);

  it('refuses to merge shards that disagree', () => {
    const a = repo.path('out-shard-1');
    const manifest = JSON.parse(readFileSync(path.join(a, 'manifest.json'), 'utf8')) as { files: Array<{ path: string; sha256: string }> };
    writeFileSync(path.join(a, manifest.files[0]!.path), 'changed');
    const r = runCli('merge', ['--out', repo.path('out-bad'), a]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^Sammenlægning afbrudt: .* mangler eller passer ikke med manifestet/);
  });
});
