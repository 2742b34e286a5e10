import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkRepository, type CheckResult } from '../../scripts/check/check-repository.ts';
import { bilagLine, numberBilag } from '../../scripts/kinds/sag-bilag.ts';
import { dokidReferences } from '../../scripts/kinds/references.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

/** The 25 bilag lines of case EMN-2025-10366, copied from the seed into a fixture. */
const seedLines = readFileSync(path.join(REPO_ROOT, 'tests/fixtures/seed-003/bilag.txt'), 'utf8')
  .split('\n')
  .filter((l) => /^\d+\. Bilag /.test(l));

interface SeedBilag {
  position: number;
  number: string;
  version?: string;
  dokid: string;
  sagsId: string;
}

function parseSeedLine(line: string): SeedBilag {
  const m = /^(\d+)\. Bilag (\d+[a-z]?)[_ ](.*) \(DokID: (\d+) - ([A-Z]+-\d{4}-\d+)\)$/.exec(line);
  if (!m) throw new Error(`unparsable seed line: ${line}`);
  return { position: Number(m[1]), number: m[2]!, version: /V\d{8}/.exec(m[3]!)?.[0], dokid: m[4]!, sagsId: m[5]! };
}

describe('the shipped dataset (Sundhedsråd Midt- og Vestsjælland)', () => {
  let result: CheckResult;
  beforeAll(async () => {
    result = await checkRepository(REPO_ROOT, { today: '2026-01-15' });
  });

  it('has no errors', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('holds 24 HSAs, 8 delingsaftaler and 1 case', () => {
    expect(result.repo.ofKind('hsa')).toHaveLength(24);
    expect(result.repo.ofKind('delingsaftale')).toHaveLength(8);
    expect(result.repo.ofKind('sag')).toHaveLength(1);
  });

  it('has one HSA per (kommune, opgave) for the three kommunal tasks', () => {
    const pairs = result.repo.ofKind('hsa').map((d) => `${d.data.kommune}/${d.data.opgave}`);
    expect(new Set(pairs).size).toBe(24);
    const kommuner = new Set(result.repo.ofKind('hsa').map((d) => d.data.kommune));
    expect([...kommuner].sort()).toEqual(['306', '316', '326', '329', '330', '340', '350', '370']);
  });

  it('numbers the 25 bilag exactly as the case does: numbers, order, versions, DokIDs', () => {
    expect(seedLines).toHaveLength(25);
    const sag = result.repo.ofKind('sag')[0]!;
    const numbered = numberBilag(result.repo, sag);
    expect(numbered).toHaveLength(25);
    for (const [i, b] of numbered.entries()) {
      const seed = parseSeedLine(seedLines[i]!);
      const ours = parseSeedLine(`${i + 1}. ${bilagLine(sag, b)}`);
      expect(ours).toEqual(seed);
    }
  });

  it('prints the titles as the seed registers them (»kommune«, »Bilag 4 Kommuernes«), generating the rest', () => {
    const sag = result.repo.ofKind('sag')[0]!;
    const ours = numberBilag(result.repo, sag).map((b, i) => `${i + 1}. ${bilagLine(sag, b)}`);
    expect(ours).toEqual(seedLines);
    // Registered titles are recorded only where they differ from the generated ones.
    const registered = numberBilag(result.repo, sag).filter((b) => b.entry.registreret_titel !== undefined);
    expect(registered.map((b) => b.number)).toEqual(['1b', '1g', '2a', '2b', '2c', '2d', '2e', '2f', '2g', '2h', '3a', '3b', '3e', '3g', '4']);
  });

  it('gives every DokID to exactly one document', () => {
    const owners = new Map<string, string[]>();
    for (const ref of dokidReferences(result.repo)) owners.set(ref.value, [...(owners.get(ref.value) ?? []), ref.doc.file + ref.path.join('.')]);
    const seedDokids = seedLines.map((l) => parseSeedLine(l).dokid);
    for (const dokid of seedDokids) expect(owners.get(dokid)).toHaveLength(1);
    // 24 HSAs + the case's own Dok ID + the external bilag 4.
    expect(owners.size).toBe(26);
    expect([...owners.values()].every((o) => o.length === 1)).toBe(true);
  });
});
