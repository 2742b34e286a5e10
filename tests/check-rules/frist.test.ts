import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Fixture, at, check, of, related } from './helpers.ts';

/** Deadline rules: every date is compared with the frist calendar in agreements/reference/. */
describe('deadline rules (frist/…)', () => {
  let fx: Fixture;
  beforeEach(() => {
    fx = new Fixture();
  });
  afterEach(() => fx.cleanup());

  describe('frist/hsa-godkendelse', () => {
    it('reports an approval after 1 April 2026 on its own line', async () => {
      const file = fx.hsa({ regionsraad: '2026-03-17', kommunalbestyrelse: '2026-04-02' });
      const findings = await check(fx.root);
      expect(at(findings, 'frist/hsa-godkendelse')).toEqual([`${file}:28:23 error`]);
      expect(of(findings, 'frist/hsa-godkendelse')[0]!.message).toBe(
        'Kommunalbestyrelsens godkendelse er dateret 2. april 2026, efter fristen 1. april 2026 (Horisontale samarbejdsaftaler godkendt af regionsråd og kommunalbestyrelse og sendt til Indenrigs- og Sundhedsministeriet)',
      );
    });

    it('accepts approvals on the deadline day and unknown approvals', async () => {
      fx.hsa({ regionsraad: '2026-04-01', kommunalbestyrelse: '2026-03-01' });
      fx.hsa({ kommune: '326' });
      expect(at(await check(fx.root), 'frist/hsa-godkendelse')).toEqual([]);
    });

    it('takes the date from the calendar, not from the code', async () => {
      fx.replace('agreements/reference/frister.yaml', 'dato: 2026-04-01', 'dato: 2026-03-01');
      const file = fx.hsa({ regionsraad: '2026-03-17' });
      const findings = await check(fx.root);
      expect(at(findings, 'frist/hsa-godkendelse')).toEqual([`${file}:27:16 error`]);
      expect(of(findings, 'frist/hsa-godkendelse')[0]!.message).toMatch(/efter fristen 1\. marts 2026/);
    });
  });

  describe('frist/hsa-ikrafttraeden', () => {
    it('reports an entry into force other than 1 January 2027', async () => {
      const file = fx.hsa({ ikrafttraeden: '2027-02-01', senest: '2028-12-31' });
      const findings = await check(fx.root);
      expect(at(findings, 'frist/hsa-ikrafttraeden')).toEqual([`${file}:25:16 error`]);
      expect(of(findings, 'frist/hsa-ikrafttraeden')[0]!.message).toMatch(/^Aftalen træder i kraft 1\. februar 2027, men skal træde i kraft 1\. januar 2027/);
    });

    it('accepts 1 January 2027', async () => {
      fx.hsa();
      expect(at(await check(fx.root), 'frist/hsa-ikrafttraeden')).toEqual([]);
    });
  });

  describe('frist/hsa-opsigelsesvarsel', () => {
    it('reports a notice period shorter than nine months', async () => {
      const file = fx.hsa({ varsel: '6' });
      const findings = await check(fx.root);
      expect(at(findings, 'frist/hsa-opsigelsesvarsel')).toEqual([`${file}:23:20 error`]);
      expect(of(findings, 'frist/hsa-opsigelsesvarsel')[0]!.message).toMatch(/^Opsigelsesvarslet er 6 måneder, men skal være mindst 9 måneder/);
    });

    it('accepts nine months or more', async () => {
      fx.hsa({ varsel: '9' });
      fx.hsa({ kommune: '326', varsel: '12' });
      expect(at(await check(fx.root), 'frist/hsa-opsigelsesvarsel')).toEqual([]);
    });
  });

  describe('frist/hsa-evaluering', () => {
    it('reports an evaluation later than two years after entry into force, naming the limit', async () => {
      const file = fx.hsa({ senest: '2029-01-01' });
      const findings = await check(fx.root);
      expect(at(findings, 'frist/hsa-evaluering')).toEqual([`${file}:20:11 error`]);
      const hit = of(findings, 'frist/hsa-evaluering')[0];
      expect(hit!.message).toMatch(/de første 2 år efter ikrafttrædelsen 1\. januar 2027, dvs\. senest 31\. december 2028/);
      expect(related(hit)).toEqual([`${file}:25:16 aftalens ikrafttræden`]);
    });

    it('reports an evaluation before entry into force', async () => {
      const file = fx.hsa({ senest: '2026-12-31' });
      expect(at(await check(fx.root), 'frist/hsa-evaluering')).toEqual([`${file}:20:11 error`]);
    });

    it('accepts the last day of the two years', async () => {
      fx.hsa({ senest: '2028-12-31' });
      expect(at(await check(fx.root), 'frist/hsa-evaluering')).toEqual([]);
    });
  });

  describe('frist/anmodning-meddelelse', () => {
    it('reports a notification after 15 April 2026', async () => {
      const file = fx.anmodning({ meddelt: '2026-04-16' });
      expect(at(await check(fx.root), 'frist/anmodning-meddelelse')).toEqual([`${file}:5:10 error`]);
    });

    it('accepts the deadline day', async () => {
      fx.anmodning({ meddelt: '2026-04-15' });
      expect(at(await check(fx.root), 'frist/anmodning-meddelelse')).toEqual([]);
    });
  });

  describe('frist/anmodning-periode-slut', () => {
    it('reports a period ending after 31 December 2028', async () => {
      const file = fx.anmodning({ slut: '2029-01-01' });
      const findings = await check(fx.root);
      expect(at(findings, 'frist/anmodning-periode-slut')).toEqual([`${file}:7:15 error`]);
      expect(of(findings, 'frist/anmodning-periode-slut')[0]!.message).toMatch(/^Perioden slutter 1\. januar 2029, men kan højst vare til og med 31\. december 2028/);
    });

    it('accepts 31 December 2028', async () => {
      fx.anmodning({ slut: '2028-12-31' });
      expect(at(await check(fx.root), 'frist/anmodning-periode-slut')).toEqual([]);
    });
  });

  describe('frist/delingsaftale-udkast', () => {
    it('reports a draft sent after 1 May 2026', async () => {
      const file = fx.delingsaftale({ udkast: '2026-05-02' });
      expect(at(await check(fx.root), 'frist/delingsaftale-udkast')).toEqual([`${file}:9:19 error`]);
    });

    it('accepts the deadline day', async () => {
      fx.delingsaftale({ udkast: '2026-05-01' });
      expect(at(await check(fx.root), 'frist/delingsaftale-udkast')).toEqual([]);
    });
  });

  describe('frist/delingsaftale-indgaaelse', () => {
    it('reports an agreement after 1 July 2026 without a Delingsråd decision', async () => {
      const file = fx.delingsaftale({ udkast: '2026-04-20', aftalt: '2026-07-02' });
      const findings = await check(fx.root);
      expect(at(findings, 'frist/delingsaftale-indgaaelse')).toEqual([`${file}:10:9 error`]);
      expect(of(findings, 'frist/delingsaftale-indgaaelse')[0]!.message).toMatch(/^Delingsaftalen er indgået 2\. juli 2026, efter fristen 1\. juli 2026/);
    });

    it('accepts the deadline day, and a late agreement after a Delingsråd decision', async () => {
      fx.delingsaftale({ aftalt: '2026-07-01' });
      fx.delingsaftale({ kommune: '326', aftalt: '2026-09-01', delingsraad: '2026-08-15' });
      expect(at(await check(fx.root), 'frist/delingsaftale-indgaaelse')).toEqual([]);
    });
  });

  describe('frist/delingsraad-afgoerelse', () => {
    it('reports a decision after 1 October 2026', async () => {
      const file = fx.delingsaftale({ delingsraad: '2026-10-02' });
      expect(at(await check(fx.root), 'frist/delingsraad-afgoerelse')).toEqual([`${file}:44:15 error`]);
    });

    it('accepts the deadline day', async () => {
      fx.delingsaftale({ delingsraad: '2026-10-01' });
      expect(at(await check(fx.root), 'frist/delingsraad-afgoerelse')).toEqual([]);
    });
  });

  describe('frist/delingsaftale-referencedato', () => {
    it('reports a reference date other than 25 May 2025', async () => {
      const file = fx.delingsaftale({ referencedato: '2025-06-01' });
      const findings = await check(fx.root);
      expect(at(findings, 'frist/delingsaftale-referencedato')).toEqual([`${file}:7:16 error`]);
      expect(of(findings, 'frist/delingsaftale-referencedato')[0]!.message).toMatch(/^Skæringsdatoen er 1\. juni 2025, men skal være 25\. maj 2025/);
    });

    it('accepts 25 May 2025', async () => {
      fx.delingsaftale();
      expect(at(await check(fx.root), 'frist/delingsaftale-referencedato')).toEqual([]);
    });
  });

  describe('frist/sag-moede', () => {
    it('reports a meeting that does not come before the deadline its kommunal drift serves', async () => {
      const file = fx.sag({ moede: '2026-04-01' });
      const findings = await check(fx.root);
      expect(at(findings, 'frist/sag-moede')).toEqual([`${file}:8:9 error`]);
      const hit = of(findings, 'frist/sag-moede')[0];
      expect(hit!.message).toMatch(/^Mødet 1\. april 2026 ligger ikke før fristen 1\. april 2026, som indstillingen om kommunal drift skal nå/);
      expect(related(hit)).toEqual([`${file}:21:24 indstillingen om kommunal drift`]);
    });

    it('reports a case deciding anmodninger against the anmodning deadline', async () => {
      const file = fx.sag({ moede: '2026-04-20', underpunkter: [{ opgave: 'akutsygepleje', driftsmodel: 'anmodning' }] });
      const findings = await check(fx.root);
      expect(at(findings, 'frist/sag-moede')).toEqual([`${file}:8:9 error`]);
      expect(of(findings, 'frist/sag-moede')[0]!.message).toMatch(/fristen 15\. april 2026, som indstillingen om anmodning om fortsat kommunal drift skal nå/);
    });

    it('accepts a meeting before the deadline, an unknown date, and a case with only regional drift', async () => {
      fx.sag({ moede: '2026-03-31' });
      fx.sag({ id: 'sag-ukendt-dato' });
      fx.sag({ id: 'sag-regional', moede: '2026-06-01', underpunkter: [{ opgave: 'specialiseret-rehabilitering', driftsmodel: 'regional' }] });
      expect(at(await check(fx.root), 'frist/sag-moede')).toEqual([]);
    });
  });

  describe('ref/missing-frist', () => {
    it('reports a frist the rules need once, at the calendar, and the rules using it stay quiet', async () => {
      const calendar = 'agreements/reference/frister.yaml';
      const text = fx.read(calendar);
      const start = text.indexOf('  - id: hsa-godkendelse');
      const end = text.indexOf('  - id: anmodning-meddelelse');
      fx.write(calendar, text.slice(0, start) + text.slice(end));
      fx.hsa({ regionsraad: '2026-05-01' });
      fx.hsa({ kommune: '326', regionsraad: '2026-05-01' });
      const findings = await check(fx.root, '2026-11-23');
      expect(at(findings, 'ref/missing-frist')).toEqual([`${calendar}:${fx.lineOf(calendar, 'frister:')}:1 error`]);
      expect(of(findings, 'ref/missing-frist')[0]!.message).toMatch(/^Fristen »hsa-godkendelse« mangler i fristkalenderen/);
      expect(at(findings, 'frist/hsa-godkendelse')).toEqual([]);
      expect(at(findings, 'forsinket/hsa-godkendelse')).toEqual([]);
    });

    it('reports a missing vilkår at the vilkaar list', async () => {
      const calendar = 'agreements/reference/frister.yaml';
      fx.replace(calendar, 'id: hsa-opsigelsesvarsel', 'id: hsa-varsel');
      const findings = await check(fx.root);
      expect(at(findings, 'ref/missing-frist')).toEqual([`${calendar}:${fx.lineOf(calendar, 'vilkaar:')}:1 error`]);
      expect(of(findings, 'ref/missing-frist')[0]!.message).toMatch(/^Vilkåret »hsa-opsigelsesvarsel« mangler/);
    });

    it('is quiet with the shipped calendar', async () => {
      expect(at(await check(fx.root), 'ref/missing-frist')).toEqual([]);
    });
  });
});
