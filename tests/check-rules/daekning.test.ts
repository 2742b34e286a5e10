import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Fixture, at, check, delingsaftaleYaml, fullBilag, of, related, type UnderpunktOption } from './helpers.ts';

/**
 * Coverage of a case's indstilling, on the full Midt- og Vestsjælland fixture: eight kommuner,
 * 24 HSAs, eight delingsaftaler. With the default underpunkter the case's lines are:
 * a) akutsygepleje kommunal 19–21 (driftsmodel 21:24), b) sundheds- og omsorgspladser 22–24,
 * c) patientrettet forebyggelse 25–27, d) specialiseret rehabilitering regional 28–30 (30:24).
 */
const SEVEN = ['316', '326', '370', '306', '329', '330', '340']; // all but Lejre (350)
const rules = ['daekning/driftsmodel', 'daekning/hsa', 'daekning/delingsaftale', 'daekning/delingsaftale-drift', 'daekning/delingsaftale-myndighed', 'daekning/anmodning'];

function coverage(findings: Awaited<ReturnType<typeof check>>): string[] {
  return findings.filter((f) => rules.includes(f.rule)).map((f) => `${f.rule} ${f.file}:${f.line}:${f.column}`);
}

describe('coverage rules (daekning/…)', () => {
  let fx: Fixture;
  beforeEach(() => {
    fx = new Fixture();
  });
  afterEach(() => fx.cleanup());

  it('the full fixture passes every coverage rule (and every other rule)', async () => {
    fx.fullCase();
    expect(await check(fx.root)).toEqual([]);
  });

  describe('daekning/driftsmodel', () => {
    it('reports an opgave the indstilling does not decide, at the indstilling, per opgave', async () => {
      const underpunkter: UnderpunktOption[] = [
        { opgave: 'akutsygepleje', driftsmodel: 'kommunal' },
        { opgave: 'sundheds-og-omsorgspladser', driftsmodel: 'kommunal' },
        { opgave: 'patientrettet-forebyggelse', driftsmodel: 'kommunal', kommuner: SEVEN },
      ];
      const sag = fx.fullCase({ sag: { underpunkter } });
      const findings = await check(fx.root);
      expect(at(findings, 'daekning/driftsmodel')).toEqual([`${sag}:14:1 error`, `${sag}:14:1 error`]);
      expect(of(findings, 'daekning/driftsmodel').map((f) => f.message)).toEqual([
        'Indstillingen afgør ikke driften af patientrettet forebyggelse for Lejre Kommune; hver kommune i Sundhedsråd Midt- og Vestsjælland skal have én driftsmodel for hver opgave',
        'Indstillingen afgør ikke driften af specialiseret rehabilitering og dele af den avancerede genoptræning for nogen af sundhedsrådets kommuner; hver kommune i Sundhedsråd Midt- og Vestsjælland skal have én driftsmodel for hver opgave',
      ]);
    });

    it('reports a second decision for the same kommune and opgave at the later underpunkt, naming the first', async () => {
      const underpunkter: UnderpunktOption[] = [
        { opgave: 'akutsygepleje', driftsmodel: 'kommunal' },
        { opgave: 'sundheds-og-omsorgspladser', driftsmodel: 'kommunal' },
        { opgave: 'patientrettet-forebyggelse', driftsmodel: 'kommunal' },
        { opgave: 'specialiseret-rehabilitering', driftsmodel: 'regional' },
        { opgave: 'akutsygepleje', driftsmodel: 'regional', kommuner: ['326', '350'] },
        { opgave: 'patientrettet-forebyggelse', driftsmodel: 'kommunal' },
      ];
      const sag = fx.fullCase({ sag: { underpunkter } });
      const findings = await check(fx.root);
      // e) on 31–34, its kommuner on 34 (»"326"« at col 22); f) on 35–37, its opgave on 36:19.
      expect(at(findings, 'daekning/driftsmodel')).toEqual([`${sag}:34:22 error`, `${sag}:36:19 error`]);
      const [regional, again] = of(findings, 'daekning/driftsmodel');
      expect(regional!.message).toBe(
        'Driften af akutsygepleje for Kalundborg Kommune og Lejre Kommune er allerede afgjort i underpunkt a i punkt 1 (kommunal drift) og afgøres her nu som regional drift',
      );
      expect(related(regional)).toEqual([`${sag}:21:24 første afgørelse (underpunkt a i punkt 1)`]);
      expect(again!.message).toMatch(/^Driften af patientrettet forebyggelse for alle sundhedsrådets kommuner er allerede afgjort i underpunkt c i punkt 1 \(kommunal drift\) og afgøres her igen$/);
    });

    it('reports a kommune from another sundhedsråd', async () => {
      const underpunkter: UnderpunktOption[] = [
        { opgave: 'akutsygepleje', driftsmodel: 'kommunal', kommuner: ['316', '147'] },
        { opgave: 'akutsygepleje', driftsmodel: 'kommunal', kommuner: SEVEN.slice(1).concat('350') },
        { opgave: 'sundheds-og-omsorgspladser', driftsmodel: 'kommunal' },
        { opgave: 'patientrettet-forebyggelse', driftsmodel: 'kommunal' },
        { opgave: 'specialiseret-rehabilitering', driftsmodel: 'regional' },
      ];
      const sag = fx.fullCase({ sag: { underpunkter } });
      const findings = await check(fx.root);
      expect(at(findings, 'daekning/driftsmodel')).toEqual([`${sag}:22:29 error`]);
      expect(of(findings, 'daekning/driftsmodel')[0]!.message).toBe('Frederiksberg Kommune hører ikke til Sundhedsråd Midt- og Vestsjælland, som sagen er fra');
    });

    it('leaves a case that decides no operating model alone', async () => {
      fx.sag({ underpunkter: [] });
      expect(coverage(await check(fx.root))).toEqual([]);
    });
  });

  describe('daekning/hsa', () => {
    it('reports kommunal drift without an HSA, at the underpunkt, naming the kommune', async () => {
      const bilag = fullBilag().filter((b) => !('dokument' in b && b.dokument === 'hsa-lejre-akutsygepleje'));
      const sag = fx.fullCase({ skipHsa: ['hsa-lejre-akutsygepleje'], sag: { bilag } });
      const findings = await check(fx.root);
      expect(coverage(findings)).toEqual([`daekning/hsa ${sag}:21:24`]);
      expect(of(findings, 'daekning/hsa')[0]!.message).toBe(
        'Indstillingen (underpunkt a i punkt 1) lægger driften af akutsygepleje hos Lejre Kommune, men der er ingen horisontal samarbejdsaftale om akutsygepleje med Lejre Kommune',
      );
    });

    it('reports an HSA that exists but is not a bilag of the case, with the HSA as related', async () => {
      const bilag = fullBilag().filter((b) => !('dokument' in b && b.dokument === 'hsa-lejre-akutsygepleje'));
      const sag = fx.fullCase({ sag: { bilag } });
      const findings = await check(fx.root);
      expect(coverage(findings)).toEqual([`daekning/hsa ${sag}:21:24`]);
      const hit = of(findings, 'daekning/hsa')[0];
      expect(hit!.message).toBe('Indstillingen (underpunkt a i punkt 1) lægger driften af akutsygepleje hos Lejre Kommune, men samarbejdsaftalen »hsa-lejre-akutsygepleje« er ikke vedlagt sagen som bilag');
      expect(related(hit)).toEqual(['agreements/hsa-lejre-akutsygepleje.yaml:2:5 samarbejdsaftalen, der mangler i bilagslisten']);
    });

    it('leaves a deleted or misspelt bilag to ref/unknown-document (one mistake, one message)', async () => {
      const sag = fx.fullCase({ skipHsa: ['hsa-lejre-akutsygepleje'] });
      fx.replace(sag, 'dokument: hsa-soroe-akutsygepleje', 'dokument: hsa-soroe-akutsygeplej');
      const findings = await check(fx.root);
      expect(coverage(findings)).toEqual([]);
      // Lejre's akutsygepleje is bilag 19 (line 34 + 2 · 18), Sorø's bilag 24 (line 80).
      expect(at(findings, 'ref/unknown-document')).toEqual([`${sag}:70:15 error`, `${sag}:80:15 error`]);
    });
  });

  describe('daekning/delingsaftale', () => {
    it('reports a kommune without a delingsaftale once, at its first decision', async () => {
      const sag = fx.fullCase({ skipDelingsaftale: ['350'] });
      const findings = await check(fx.root);
      expect(coverage(findings)).toEqual([`daekning/delingsaftale ${sag}:21:24`]);
      expect(of(findings, 'daekning/delingsaftale')[0]!.message).toBe(
        'Lejre Kommune har ingen delingsaftale med regionen; den skal dække driften af de opgaver, der overgår til regionen, og myndighedsansvaret for dem, kommunen driver videre',
      );
    });

    it('stays quiet while a delingsaftale names an unknown kommune (maybe this one, mistyped)', async () => {
      fx.fullCase();
      fx.replace('agreements/delingsaftale-ringsted.yaml', 'kommune: "329"', 'kommune: "399"');
      const findings = await check(fx.root);
      expect(coverage(findings)).toEqual([]);
      expect(at(findings, 'ref/unknown-kommune')).toEqual(['agreements/delingsaftale-ringsted.yaml:6:10 error']);
    });
  });

  describe('daekning/delingsaftale-drift', () => {
    it('reports regional drift the delingsaftale does not transfer, with the delingsaftale as related', async () => {
      const sag = fx.fullCase();
      const onlyAuthority = fx.write(
        'agreements/delingsaftale-lejre.yaml',
        delingsaftaleYaml({
          kommune: '350',
          opgaver: [
            ['specialiseret-rehabilitering', 'myndighedsansvar'],
            ['akutsygepleje', 'myndighedsansvar'],
            ['sundheds-og-omsorgspladser', 'myndighedsansvar'],
            ['patientrettet-forebyggelse', 'myndighedsansvar'],
          ],
        }).text,
      );
      fx.write('agreements/delingsaftale-soroe.yaml', delingsaftaleYaml({ kommune: '340', opgaver: [['akutsygepleje', 'myndighedsansvar'], ['sundheds-og-omsorgspladser', 'myndighedsansvar'], ['patientrettet-forebyggelse', 'myndighedsansvar']] }).text);
      const findings = await check(fx.root);
      expect(coverage(findings)).toEqual([`daekning/delingsaftale-drift ${sag}:30:24`, `daekning/delingsaftale-drift ${sag}:30:24`]);
      const [lejre, soroe] = of(findings, 'daekning/delingsaftale-drift');
      expect(lejre!.message).toBe(
        'Indstillingen (underpunkt d i punkt 1) overdrager driften af specialiseret rehabilitering og dele af den avancerede genoptræning til regionen, men delingsaftalen med Lejre Kommune overdrager kun myndighedsansvaret for opgaven; der skal stå »opgave: specialiseret-rehabilitering« med »overdragelse: drift«',
      );
      expect(related(lejre)).toEqual([`${onlyAuthority}:16:19 opgaven i delingsaftalen`]);
      expect(soroe!.message).toMatch(/men delingsaftalen med Sorø Kommune omfatter ikke opgaven/);
      expect(related(soroe)).toEqual(['agreements/delingsaftale-soroe.yaml:14:1 delingsaftalens opgaver']);
    });
  });

  describe('daekning/delingsaftale-myndighed', () => {
    it('reports an opgave the kommune keeps operating without myndighedsansvar in its delingsaftale', async () => {
      const sag = fx.fullCase();
      fx.write(
        'agreements/delingsaftale-lejre.yaml',
        delingsaftaleYaml({
          kommune: '350',
          opgaver: [
            ['specialiseret-rehabilitering', 'drift'],
            ['akutsygepleje', 'drift'],
            ['sundheds-og-omsorgspladser', 'myndighedsansvar'],
          ],
        }).text,
      );
      const findings = await check(fx.root);
      expect(coverage(findings)).toEqual([`daekning/delingsaftale-myndighed ${sag}:21:24`, `daekning/delingsaftale-myndighed ${sag}:27:24`]);
      const [akut, forebyggelse] = of(findings, 'daekning/delingsaftale-myndighed');
      expect(akut!.message).toMatch(/lader Lejre Kommune drive akutsygepleje videre, men delingsaftalen med Lejre Kommune overdrager driften af opgaven til regionen/);
      expect(related(akut)).toEqual(['agreements/delingsaftale-lejre.yaml:23:19 opgaven i delingsaftalen']);
      expect(forebyggelse!.message).toMatch(/omfatter ikke opgaven; der skal stå »opgave: patientrettet-forebyggelse« med »overdragelse: myndighedsansvar«$/);
    });
  });

  describe('daekning/anmodning', () => {
    // a) akutsygepleje kommunal for seven kommuner (19–22), b) anmodning for Lejre (23–26, kommuner on 26).
    const underpunkter: UnderpunktOption[] = [
      { opgave: 'akutsygepleje', driftsmodel: 'kommunal', kommuner: SEVEN },
      { opgave: 'akutsygepleje', driftsmodel: 'anmodning', kommuner: ['350'] },
      { opgave: 'sundheds-og-omsorgspladser', driftsmodel: 'kommunal' },
      { opgave: 'patientrettet-forebyggelse', driftsmodel: 'kommunal' },
      { opgave: 'specialiseret-rehabilitering', driftsmodel: 'regional' },
    ];

    it('reports an anmodning decision without an anmodning document, at the kommune', async () => {
      const sag = fx.fullCase({ sag: { underpunkter } });
      const findings = await check(fx.root);
      expect(coverage(findings)).toEqual([`daekning/anmodning ${sag}:26:22`]);
      expect(of(findings, 'daekning/anmodning')[0]!.message).toBe(
        'Indstillingen (underpunkt b i punkt 1) anmoder Lejre Kommune om fortsat drift af akutsygepleje, men der er ingen anmodning (dokumenttype: anmodning) for Lejre Kommune og opgaven',
      );
    });

    it('accepts the decision when the anmodning exists', async () => {
      fx.fullCase({ sag: { underpunkter } });
      fx.anmodning({ kommune: '350', opgave: 'akutsygepleje', meddelt: '2026-04-10' });
      expect(coverage(await check(fx.root))).toEqual([]);
    });
  });

  describe('region/kommune-i-flere-sundhedsraad', () => {
    const region = (second: string) =>
      [
        'dokumenttype: region',
        'id: region',
        'navn: Region Østdanmark',
        'sundhedsraad:',
        '  - id: vest',
        '    navn: Sundhedsråd Vest',
        '    sundheds_og_omsorgspladser: 10',
        '    kommuner: ["316", "326"]',
        '    kilde: { dokument: Kilde, afsnit: Afsnit }',
        '  - id: oest',
        '    navn: Sundhedsråd Øst',
        '    sundheds_og_omsorgspladser: 10',
        `    kommuner: ${second}`,
        '    kilde: { dokument: Kilde, afsnit: Afsnit }',
        'kommuner:',
        '  - { kode: "316", navn: Holbæk Kommune, kortnavn: Holbæk, slug: holbaek }',
        '  - { kode: "326", navn: Kalundborg Kommune, kortnavn: Kalundborg, slug: kalundborg }',
        '  - { kode: "350", navn: Lejre Kommune, kortnavn: Lejre, slug: lejre }',
      ].join('\n') + '\n';

    it('reports a kommune in a second sundhedsråd at the second occurrence, naming the first', async () => {
      const file = fx.write('agreements/reference/region.yaml', region('["350", "316"]'));
      const findings = await check(fx.root);
      expect(at(findings, 'region/kommune-i-flere-sundhedsraad')).toEqual([`${file}:13:23 error`]);
      const hit = of(findings, 'region/kommune-i-flere-sundhedsraad')[0];
      expect(hit!.message).toBe('Holbæk Kommune står allerede under Sundhedsråd Vest; en kommune hører til ét sundhedsråd');
      expect(related(hit)).toEqual([`${file}:8:16 første sundhedsråd med kommunen`]);
    });

    it('accepts disjoint sundhedsråd (and the shipped region)', async () => {
      expect(at(await check(fx.root), 'region/kommune-i-flere-sundhedsraad')).toEqual([]);
      fx.write('agreements/reference/region.yaml', region('["350"]'));
      expect(at(await check(fx.root), 'region/kommune-i-flere-sundhedsraad')).toEqual([]);
    });
  });
});
