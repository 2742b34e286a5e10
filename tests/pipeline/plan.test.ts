/**
 * The build plan (scripts/pipeline/plan.ts) decides what to render, reuse, bundle and delete
 * before a single PDF is made. These cases drive it with the real data, made-up content keys
 * and a cache index written here, and inspect the decisions; tests/pipeline/incremental.test.ts
 * runs the same situations end to end.
 */
import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { bundleFolder } from '../../scripts/emit/bundle.ts';
import { outputBase } from '../../scripts/emit/layout.ts';
import { serializeManifest, type ManifestEntry } from '../../scripts/emit/manifest.ts';
import { kommunerOf, renderedDocuments } from '../../scripts/kinds/index.ts';
import type { Repository } from '../../scripts/model/repository.ts';
import { emptyCache, type CacheIndex } from '../../scripts/pipeline/cache.ts';
import { planBuild, selectDocuments, type BuildPlan, type PlanInput } from '../../scripts/pipeline/plan.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

const CASE = 'sag-emn-2025-10366';
const HSA = 'hsa-holbaek-akutsygepleje';
const HOLBAEK = '316';

let repo: Repository;
beforeAll(async () => {
  repo = (await checkRepository(REPO_ROOT, { today: '2026-01-15' })).repo;
});

const keys = (changed: readonly string[] = []) =>
  new Map(renderedDocuments(repo).map((d) => [d.data.id, `${changed.includes(d.data.id) ? 'new' : 'old'}:${d.data.id}`]));

const entry = (path: string, id: string, kind: string, sha: string, pages: number | null): ManifestEntry => ({
  path,
  kind,
  id,
  kommuner: [],
  opgave: null,
  version: null,
  status: null,
  sources: [],
  sha256: sha,
  bytes: 1,
  pages,
});

function input(over: Partial<PlanInput> = {}): PlanInput {
  return {
    repo,
    cache: emptyCache(),
    keyOf: keys(),
    fingerprint: 'fp',
    present: () => true,
    previous: [],
    previousText: undefined,
    overview: [['frister.ics', 'KALENDER']],
    ...over,
  };
}

function plan(over: Partial<PlanInput> = {}): BuildPlan {
  const result = planBuild(input(over));
  if (!result.ok) throw new Error(`no plan: ${result.reason}`);
  return result.plan;
}

/** The cache and manifest a complete earlier build with the »old« keys left behind. */
function completeBuild(): { cache: CacheIndex; previous: ManifestEntry[] } {
  const cache = emptyCache();
  for (const d of renderedDocuments(repo)) {
    const base = outputBase(repo, d);
    cache.documents[d.data.id] = {
      key: `old:${d.data.id}`,
      entries: [entry(`${base}.md`, d.data.id, d.kind, `md-${d.data.id}`, null), entry(`${base}.pdf`, d.data.id, d.kind, `pdf-${d.data.id}`, 2)],
    };
  }
  const first = plan({ cache });
  for (const code of first.bundleCodes) {
    const folder = bundleFolder(repo, code);
    cache.bundles[code] = {
      key: first.bundleKey(code, first.cachedPdfHash),
      entries: [
        entry(`${folder}/${basename(folder)}-samlet.pdf`, `samlet-${code}`, 'samlet', `c-${code}`, 9),
        entry(`${folder}/manifest.json`, `manifest-${code}`, 'bundle-manifest', `m-${code}`, null),
      ],
    };
  }
  const previous = [
    ...Object.values(cache.documents).flatMap((c) => c.entries),
    ...Object.values(cache.bundles).flatMap((c) => c.entries),
    entry('frister.ics', 'frister', 'frister', 'x', null),
  ];
  return { cache, previous };
}

describe('planBuild', () => {
  it('with no earlier build renders everything, the case first, and makes every bundle', () => {
    const p = plan();
    expect(p.toRender).toHaveLength(33);
    expect(p.toRender[0]!.data.id).toBe(CASE);
    // Then kommune by kommune: each kommune's documents together.
    const kommuner = p.toRender.slice(1).map((d) => kommunerOf(repo, d)[0]);
    expect(kommuner).toEqual([...kommuner].sort());
    expect(p.bundleCodes).toHaveLength(8);
    expect(p.toBundle).toEqual(p.bundleCodes);
    expect(p.reused).toEqual([]);
    expect(p.upToDate).toBe(false);
    expect(p.overviewEntries.map((e) => e.path)).toEqual(['frister.ics']);
  });

  it('renders nothing when every output is still valid and on disk, and is up to date when the manifest says so', () => {
    const { cache, previous } = completeBuild();
    const p = plan({ cache, previous });
    expect(p.toRender).toEqual([]);
    expect(p.toBundle).toEqual([]);
    expect(p.reused).toHaveLength(33 * 2 + 8 * 2);
    expect(p.removed).toEqual([]);
    expect(p.upToDate).toBe(false); // no manifest text given
    const text = serializeManifest([...p.reused, ...p.overviewEntries]);
    expect(plan({ cache, previous, previousText: text }).upToDate).toBe(true);
  });

  it('re-renders an HSA whose inputs changed; its kommune bundle waits for it, the others are reused', () => {
    const { cache, previous } = completeBuild();
    const p = plan({ cache, previous, keyOf: keys([HSA]) });
    expect(p.toRender.map((d) => d.data.id)).toEqual([HSA]);
    expect(p.toBundle).toEqual([HOLBAEK]);
    expect(p.reused.some((e) => e.id === HSA)).toBe(false);
    expect(p.next.documents[HSA]).toBeUndefined(); // recorded once rendered
  });

  it('re-renders a changed case first and holds back every bundle of its sundhedsråd', () => {
    const { cache, previous } = completeBuild();
    const p = plan({ cache, previous, keyOf: keys([HSA, CASE]) });
    expect(p.toRender.map((d) => d.data.id)).toEqual([CASE, HSA]);
    expect(p.toBundle).toEqual(p.bundleCodes);
  });

  it('re-renders a document whose output went missing from out/', () => {
    const { cache, previous } = completeBuild();
    const missing = cache.documents[HSA]!.entries[1]!.path;
    const p = plan({ cache, previous, present: (entries) => !entries.some((e) => e.path === missing) });
    expect(p.toRender.map((d) => d.data.id)).toEqual([HSA]);
    expect(p.toBundle).toEqual([HOLBAEK]);
  });

  it('deletes the outputs of a document that is gone from the data', () => {
    const { cache, previous } = completeBuild();
    const gone = [entry('midt-og-vestsjaelland/316-holbaek/hsa-holbaek-slettet.md', 'hsa-holbaek-slettet', 'hsa', 'x', null)];
    const p = plan({ cache, previous: [...previous, ...gone] });
    expect(p.removed).toEqual(['midt-og-vestsjaelland/316-holbaek/hsa-holbaek-slettet.md']);
  });

  it('with --only a kommune: its documents and the case, its bundle; the rest of out/ kept', () => {
    const { cache, previous } = completeBuild();
    const p = plan({ cache, previous, only: HOLBAEK, keyOf: keys([HSA]) });
    expect(p.overview).toEqual([]); // the calendar is a full build's
    expect(p.selected.map((d) => d.data.id).sort()).toEqual(
      renderedDocuments(repo)
        .filter((d) => kommunerOf(repo, d).includes(HOLBAEK))
        .map((d) => d.data.id)
        .sort(),
    );
    expect(p.toRender.map((d) => d.data.id)).toEqual([HSA]);
    expect(p.toBundle).toEqual([HOLBAEK]);
    expect(p.kept.some((e) => e.id === 'hsa-lejre-akutsygepleje')).toBe(true);
    expect(p.kept.some((e) => e.id === HSA)).toBe(false);
    expect(p.removed).toEqual([]);
  });

  it('refuses --only that matches nothing', () => {
    expect(planBuild(input({ only: 'hsa-ingen' }))).toEqual({ ok: false, reason: 'no-match', only: 'hsa-ingen' });
  });

  it('splits documents and bundles between shards without overlap or gaps', () => {
    const shards = [1, 2, 3].map((index) => plan({ shard: { index, count: 3 } }));
    const ids = shards.flatMap((p) => p.selected.map((d) => d.data.id));
    expect(ids.sort()).toEqual(
      renderedDocuments(repo)
        .map((d) => d.data.id)
        .sort(),
    );
    expect(shards.flatMap((p) => p.bundleCodes).sort()).toEqual(plan().bundleCodes);
    expect(shards.filter((p) => p.overviewEntries.length > 0)).toHaveLength(1);
  });

  it('puts a kommune’s own documents in the shard that makes its bundle, so no shard renders them again', () => {
    for (const index of [1, 2, 3]) {
      const p = plan({ shard: { index, count: 3 } });
      const own = new Set(p.selected.map((d) => d.data.id));
      const members = renderedDocuments(repo).filter((d) => kommunerOf(repo, d).length === 1 && p.bundleCodes.includes(kommunerOf(repo, d)[0]!));
      expect(members.length, `shard ${index}/3`).toBeGreaterThan(0);
      for (const d of members) expect(own.has(d.data.id), d.data.id).toBe(true);
    }
  });
});

describe('--only', () => {
  it('takes a kommune by code, slug, short name or name, in any case', () => {
    const ids = (only: string) => selectDocuments(repo, only, undefined).map((d) => d.data.id);
    const byCode = ids(HOLBAEK);
    expect(byCode).toContain(HSA);
    expect(byCode).toContain(CASE);
    for (const name of ['holbaek', 'Holbæk', 'holbæk kommune', ' HOLBAEK ']) expect(ids(name), name).toEqual(byCode);
    expect(ids(HSA)).toEqual([HSA]);
    expect(ids('holbek')).toEqual([]);
  });
});
