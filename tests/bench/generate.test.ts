import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateScaleRepo, SYNTHETIC_MARK, type ScaleRepo } from '../../scripts/bench/generate.ts';
import { readRealRegion, scaleRegion } from '../../scripts/bench/region.ts';
import { checkRepository, type CheckResult } from '../../scripts/check/check-repository.ts';
import { markdownRenderer } from '../../scripts/render/markdown-of.ts';
import type { RegionData } from '../../scripts/model/types.ts';
import { filesUnder, hashTree } from '../helpers/files.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

const digest = (dir: string) => [...hashTree(dir)].map(([f, h]) => `${f} ${h}`);

const real = readRealRegion(REPO_ROOT);

/**
 * Expected sizes: 4 opgaver per kommune minus the regional and anmodning pairs of models.ts; one
 * later case moves one pair from anmodning to an HSA; tillæg 1 (and its consolidated text) on
 * every signed kommune's first HSA; one termination (scripts/bench/lifecycle.ts).
 */
const laterCase = { kommune: '165', opgave: 'patientrettet-forebyggelse', sag: 'sag-syn-2026-9503' };
const expected = {
  46: {
    documents: 214,
    hsa: 127,
    delingsaftaler: 46,
    anmodninger: 4,
    sager: 7,
    tillaeg: 15,
    konsolideret: 15,
    opsagt: 1,
    signed: 41,
    laterCase,
    sundhedsraad: 6,
  },
  98: {
    documents: 449,
    hsa: 265,
    delingsaftaler: 98,
    anmodninger: 8,
    sager: 14,
    tillaeg: 32,
    konsolideret: 32,
    opsagt: 1,
    signed: 85,
    laterCase,
    sundhedsraad: 13,
  },
} as const;

describe.each([46, 98] as const)('generateScaleRepo with %i kommuner', (n) => {
  const dirs: string[] = [];
  const scratch = () => {
    const dir = mkdtempSync(path.join(tmpdir(), `aftaler-scale-${n}-`));
    dirs.push(dir);
    return dir;
  };
  let root: string;
  let result: ScaleRepo;
  let check: CheckResult;
  let region: RegionData;

  beforeAll(async () => {
    root = scratch();
    result = await generateScaleRepo(root, { kommuner: n });
    // With the renderer, so the fingerprints of the signed HSAs are checked against their text.
    check = await checkRepository(root, { today: '2026-01-15', markdown: markdownRenderer(root) });
    region = parse(readFileSync(path.join(root, 'agreements/reference/region.yaml'), 'utf8')) as RegionData;
  }, 60_000);
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('passes the check with no errors', () => {
    const errors = check.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.map((d) => `${d.file} ${d.rule} ${d.message}`)).toEqual([]);
  });

  it('has the expected number of documents of every kind', () => {
    const { files: _files, sampleHsa, ...counts } = result;
    expect(counts).toEqual({ ...expected[n], kommuner: n });
    expect(check.repo.ofKind('hsa')).toHaveLength(result.hsa);
    expect(check.repo.ofKind('delingsaftale')).toHaveLength(result.delingsaftaler);
    expect(check.repo.ofKind('anmodning')).toHaveLength(result.anmodninger);
    expect(check.repo.ofKind('sag')).toHaveLength(result.sager);
    expect(readFileSync(path.join(root, sampleHsa), 'utf8')).toMatch(/^\s+aarligt_beloeb_kr: \d+$/m);
  });

  it('marks every generated file as synthetic and copies the real reference data unchanged', () => {
    for (const file of filesUnder(path.join(root, 'agreements'))) {
      const text = readFileSync(path.join(root, 'agreements', file), 'utf8');
      if (file === 'reference/opgaver.yaml' || file === 'reference/frister.yaml') {
        expect(text, file).toBe(readFileSync(path.join(REPO_ROOT, 'agreements', file), 'utf8'));
      } else {
        expect(text.split('\n')[0], file).toMatch(new RegExp(`^# ${SYNTHETIC_MARK}\\b`));
      }
    }
    expect(readFileSync(path.join(root, 'SYNTETISK.md'), 'utf8')).toMatch(/^# SYNTETISK/);
  });

  it('keeps the 46 real kommuner and their confirmed memberships; the rest are placed once, with codes that are not real', () => {
    for (const k of real.kommuner) expect(region.kommuner).toContainEqual(k);
    for (const r of real.sundhedsraad) {
      const mine = region.sundhedsraad.find((s) => s.id === r.id)!;
      expect(mine.sundheds_og_omsorgspladser).toBe(r.sundheds_og_omsorgspladser);
      expect(mine.kommuner.slice(0, r.kommuner.length)).toEqual(r.kommuner);
    }
    const memberships = region.sundhedsraad.flatMap((s) => s.kommuner);
    expect([...memberships].sort()).toEqual(region.kommuner.map((k) => k.kode).sort());
    const synthetic = region.kommuner.filter((k) => !real.kommuner.some((r) => r.kode === k.kode));
    expect(synthetic).toHaveLength(n - 46);
    for (const k of synthetic) {
      expect(Number(k.kode)).toBeGreaterThanOrEqual(901);
      expect(k.navn).toBe(`Syntetisk Kommune ${k.kode}`);
    }
  });

  it('agrees no more sundheds- og omsorgspladser than each sundhedsråd has', () => {
    const hsas = check.repo.ofKind('hsa').map((d) => d.data);
    for (const r of region.sundhedsraad) {
      const sum = hsas.filter((h) => r.kommuner.includes(h.kommune) && h.kapacitet).reduce((s, h) => s + (h.kapacitet!.pladser ?? 0), 0);
      expect(sum, r.id).toBeLessThanOrEqual(r.sundheds_og_omsorgspladser!);
      if (r.kommuner.length > 0) expect(sum, r.id).toBeGreaterThan(0);
    }
  });

  it('writes byte-identical files for the same number of kommuner', async () => {
    const again = scratch();
    await generateScaleRepo(again, { kommuner: n });
    expect(digest(again)).toEqual(digest(root));
  });
});

describe('scaleRegion', () => {
  it('takes a small subset one sundhedsråd at a time, so it spans several råd', () => {
    const { region } = scaleRegion(real, 4);
    expect(region.kommuner).toHaveLength(4);
    expect(region.sundhedsraad.filter((s) => s.kommuner.length === 1)).toHaveLength(4);
  });

  it('refuses numbers it cannot make', () => {
    expect(() => scaleRegion(real, 0)).toThrow(RangeError);
    expect(() => scaleRegion(real, 46 + 99 + 1)).toThrow(RangeError);
    expect(scaleRegion(real, 46 + 99).region.kommuner.at(-1)!.kode).toBe('999');
  });
});
