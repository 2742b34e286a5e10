import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Fixture, KOMMUNER, at, check, of, related } from './helpers.ts';

const REGION = 'agreements/reference/region.yaml';

/**
 * HSAs for sundheds- og omsorgspladser in Sundhedsråd Midt- og Vestsjælland (193 pladser in the
 * shipped region.yaml). Files are checked in path order: holbaek, kalundborg, lejre, naestved,
 * odsherred, ringsted, slagelse, soroe. The kapacitet block is on lines 29–30 (pladser at col 12).
 */
describe('capacity rules (kapacitet/…)', () => {
  let fx: Fixture;
  beforeEach(() => {
    fx = new Fixture();
  });
  afterEach(() => fx.cleanup());

  const places = (pladser: (slug: string) => string | undefined) => {
    for (const [kommune, slug] of KOMMUNER) fx.hsa({ kommune, opgave: 'sundheds-og-omsorgspladser', pladser: pladser(slug) });
  };
  const limitLine = () => `${REGION}:${fx.lineOf(REGION, 'sundheds_og_omsorgspladser: 193')}:33`;

  describe('kapacitet/pladser', () => {
    it('reports the agreement that takes the råd over its number, with the limit and the others as related', async () => {
      places(() => '30');
      const findings = await check(fx.root);
      expect(at(findings, 'kapacitet/pladser')).toEqual(['agreements/hsa-slagelse-sundheds-og-omsorgspladser.yaml:30:12 error']);
      const hit = of(findings, 'kapacitet/pladser')[0];
      expect(hit!.message).toBe(
        'Samarbejdsaftalerne i Sundhedsråd Midt- og Vestsjælland aftaler i alt 240 sundheds- og omsorgspladser, flere end sundhedsrådets 193; med denne aftale (30 pladser) overskrides antallet',
      );
      expect(related(hit)[0]).toBe(`${limitLine()} sundhedsrådets antal pladser (193)`);
      expect(related(hit)).toHaveLength(8);
      expect(related(hit)[1]).toBe('agreements/hsa-holbaek-sundheds-og-omsorgspladser.yaml:30:12 Holbæk Kommune: 30 pladser');
    });

    it('accepts a total up to the number, and ignores HSAs for other opgaver and other råd', async () => {
      places(() => '24'); // 192
      fx.hsa({ kommune: '316', opgave: 'akutsygepleje', pladser: '500' });
      const findings = await check(fx.root);
      expect(at(findings, 'kapacitet/pladser')).toEqual([]);
      expect(at(findings, 'kapacitet/ukendt')).toEqual([]);
    });
  });

  describe('kapacitet/ukendt', () => {
    it('gives one warning per råd at the first unknown agreement, listing the others', async () => {
      places((slug) => (slug === 'lejre' ? undefined : slug === 'soroe' ? 'null' : '20'));
      const findings = await check(fx.root);
      // Lejre has no kapacitet block: the finding points at its opgave (line 7).
      expect(at(findings, 'kapacitet/ukendt')).toEqual(['agreements/hsa-lejre-sundheds-og-omsorgspladser.yaml:7:9 warning']);
      const hit = of(findings, 'kapacitet/ukendt')[0];
      expect(hit!.message).toBe(
        'Antallet af sundheds- og omsorgspladser er ikke aftalt i 2 af 8 samarbejdsaftaler i Sundhedsråd Midt- og Vestsjælland, så det kan ikke kontrolleres, at de tilsammen er højst 193 (de øvrige aftaler har 120)',
      );
      expect(related(hit)).toEqual([
        'agreements/hsa-soroe-sundheds-og-omsorgspladser.yaml:30:12 heller ikke aftalt (Sorø Kommune)',
        `${limitLine()} sundhedsrådets antal pladser (193)`,
      ]);
      expect(at(findings, 'kapacitet/pladser')).toEqual([]);
    });

    it('still reports an excess among the known numbers', async () => {
      places((slug) => (slug === 'soroe' ? 'null' : '30'));
      const findings = await check(fx.root);
      expect(at(findings, 'kapacitet/pladser')).toEqual(['agreements/hsa-slagelse-sundheds-og-omsorgspladser.yaml:30:12 error']);
      expect(at(findings, 'kapacitet/ukendt')).toEqual(['agreements/hsa-soroe-sundheds-og-omsorgspladser.yaml:30:12 warning']);
    });

    it('is quiet when every number is known', async () => {
      places(() => '20');
      expect(at(await check(fx.root), 'kapacitet/ukendt')).toEqual([]);
    });
  });
});
