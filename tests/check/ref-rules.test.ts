import { rmSync } from 'node:fs';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { toJson, type JsonDiagnostic } from '../../scripts/diagnostics/report-json.ts';
import { REPO_ROOT, RepoCopy } from '../helpers/repo.ts';

const REGION = 'agreements/reference/region.yaml';
const HSA = 'agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml';
const SAG = 'agreements/midt-og-vestsjaelland/sag-emn-2025-10366.yaml';
const REFERENCE_RULES = ['ref/dobbelt-kode', 'ref/ukendt-opgave', 'ref/ukendt-sundhedsraad', 'ref/manglende-referencedata'];

async function findings(root: string, rule: string): Promise<JsonDiagnostic[]> {
  const result = await checkRepository(root, { today: '2026-01-15' });
  return toJson(result.diagnostics, result.load.sources).filter((d) => d.rule === rule);
}

describe('reference rules', () => {
  let repo: RepoCopy;
  beforeEach(() => {
    repo = new RepoCopy();
  });
  afterEach(() => repo.remove());

  describe('pass on the shipped data', () => {
    let all: JsonDiagnostic[];
    beforeAll(async () => {
      const result = await checkRepository(REPO_ROOT, { today: '2026-01-15' });
      all = toJson(result.diagnostics, result.load.sources);
    });
    it.each(REFERENCE_RULES)('%s finds nothing', (rule) => {
      expect(all.filter((d) => d.rule === rule)).toEqual([]);
    });
  });

  it('ref/dobbelt-kode: a kommunekode given twice, at the second, naming the first', async () => {
    repo.replace(REGION, '{ kode: "320", navn: Faxe Kommune', '{ kode: "253", navn: Faxe Kommune');
    const [hit, ...rest] = await findings(repo.root, 'ref/dobbelt-kode');
    expect(rest).toEqual([]);
    expect(hit).toMatchObject({ file: REGION, line: repo.lineOf(REGION, 'Greve Kommune'), column: 13, message: 'Kommunekoden »253« står to gange' });
    expect(hit!.related).toEqual([{ file: REGION, line: repo.lineOf(REGION, 'Faxe Kommune'), column: 13, message: 'første forekomst' }]);
  });

  it('ref/ukendt-opgave: an opgave id that is not one of the four, with a suggestion', async () => {
    repo.replace(HSA, '\nopgave: akutsygepleje\n', '\nopgave: akutsygeplej\n');
    const hits = await findings(repo.root, 'ref/ukendt-opgave');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ file: HSA, line: repo.lineOf(HSA, 'opgave: akutsygeplej'), column: 9 });
    expect(hits[0]!.message).toMatch(/^Ukendt opgave »akutsygeplej«; brug en af: .* \(mente du »akutsygepleje«\?\)$/);
  });

  it('ref/ukendt-sundhedsraad: a case for a sundhedsråd that does not exist', async () => {
    repo.replace(SAG, 'sundhedsraad: midt-og-vestsjaelland', 'sundhedsraad: midt-og-vestsjaeland');
    const hits = await findings(repo.root, 'ref/ukendt-sundhedsraad');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ file: SAG, line: repo.lineOf(SAG, 'sundhedsraad: midt-og-vestsjaeland'), column: 15 });
    expect(hits[0]!.message).toMatch(/\(mente du »midt-og-vestsjaelland«\?\)$/);
  });

  it('ref/bilag-sig-selv: a case that lists itself as a bilag, at that entry', async () => {
    repo.replace(SAG, '\nbilag:\n', '\nbilag:\n  - dokument: sag-emn-2025-10366\n    version: 2026-02-24\n');
    const hits = await findings(repo.root, 'ref/bilag-sig-selv');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ file: SAG, line: repo.lineOf(SAG, '- dokument: sag-emn-2025-10366'), column: 15, severity: 'error' });
    expect(hits[0]!.message).toBe('Sagen »sag-emn-2025-10366« kan ikke være bilag til sig selv; fjern punktet fra bilagslisten');
  });

  it('ref/sti-navn: a slug with »../« refused even when the committed schema was loosened to allow it', async () => {
    // The pull request loosens the schema in the same commit: the rule is in code, not in the schema.
    repo.replace('schemas/region.schema.json', '"slug": { "$ref": "common.schema.json#/$defs/id",', '"slug": { "type": "string",');
    repo.replace('agreements/reference/region.yaml', 'slug: lejre }', 'slug: "lejre/../../../../escape" }');
    const hits = await findings(repo.root, 'ref/sti-navn');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      file: 'agreements/reference/region.yaml',
      line: repo.lineOf('agreements/reference/region.yaml', 'lejre/../'),
      severity: 'error',
    });
    expect(hits[0]!.message).toBe(
      'Kommunens slug »lejre/../../../../escape« bliver en del af en sti i out/ og må kun bestå af små bogstaver a–z, cifre og enkelte bindestreger',
    );
  });

  it('ref/manglende-referencedata: a missing reference file is named', async () => {
    rmSync(repo.path('agreements/reference/opgaver.yaml'));
    const hits = await findings(repo.root, 'ref/manglende-referencedata');
    expect(hits).toEqual([
      {
        file: 'agreements/reference/opgaver.yaml',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
        severity: 'error',
        rule: 'ref/manglende-referencedata',
        message: 'Referencedata af typen »opgaver« mangler (eller er ugyldig), så henvisninger kan ikke kontrolleres',
      },
    ]);
  });

  it('ref/manglende-referencedata: a second file of a reference kind, at its dokumenttype', async () => {
    const second = 'agreements/reference/zz-frister.yaml'; // sorts after frister.yaml, so it is the second
    repo.write(second, repo.read('agreements/reference/frister.yaml').replace('\nid: frister\n', '\nid: zz-frister\n'));
    const hits = await findings(repo.root, 'ref/manglende-referencedata');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({
      file: second,
      line: repo.lineOf(second, 'dokumenttype: frister'),
      column: 15,
      message: 'Der må kun være én fil med »dokumenttype: frister«',
    });
  });
});
