import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Fixture, at, check, of, related } from './helpers.ts';

describe('date order and status rules', () => {
  let fx: Fixture;
  beforeEach(() => {
    fx = new Fixture();
  });
  afterEach(() => fx.cleanup());

  describe('dato/raekkefoelge', () => {
    it('reports an HSA signed before it was approved, at the signature, naming the approval', async () => {
      const file = fx.hsa({ regionsraad: '2026-03-17', kommunalbestyrelse: '2026-03-10', underskrevet: '2026-03-12' });
      const findings = await check(fx.root);
      expect(at(findings, 'dato/raekkefoelge')).toEqual([`${file}:29:15 error`]);
      const hit = of(findings, 'dato/raekkefoelge')[0];
      expect(hit!.message).toBe('Underskriften (12. marts 2026) ligger før regionsrådets godkendelse (17. marts 2026); datoerne skal følge hinanden i den rækkefølge, trinnene sker');
      expect(related(hit)).toEqual([`${file}:27:16 regionsrådets godkendelse`]);
    });

    it('reports a delingsaftale agreed before its approvals and approved before the draft was sent', async () => {
      const file = fx.delingsaftale({ udkast: '2026-05-01', regionsraad: '2026-04-20', kommunalbestyrelse: '2026-06-10', aftalt: '2026-06-01' });
      const findings = await check(fx.root);
      // Sorted by position: aftalt (line 10) before the regionsråd's approval (line 12).
      expect(at(findings, 'dato/raekkefoelge')).toEqual([`${file}:10:9 error`, `${file}:12:16 error`]);
      expect(related(of(findings, 'dato/raekkefoelge')[0])).toEqual([`${file}:13:23 kommunalbestyrelsens godkendelse`]);
    });

    it('reports a Delingsråd decision before the draft', async () => {
      const file = fx.delingsaftale({ udkast: '2026-05-01', delingsraad: '2026-04-01' });
      expect(at(await check(fx.root), 'dato/raekkefoelge')).toEqual([`${file}:44:15 error`]);
    });

    it('reports an anmodning period that ends before it starts', async () => {
      const file = fx.anmodning({ meddelt: '2026-04-10', start: '2027-01-01', slut: '2026-12-31' });
      const findings = await check(fx.root);
      expect(at(findings, 'dato/raekkefoelge')).toEqual([`${file}:7:15 error`]);
      expect(of(findings, 'dato/raekkefoelge')[0]!.message).toMatch(/^Periodens slut \(31\. december 2026\) ligger før periodens start \(1\. januar 2027\)/);
    });

    it('accepts dates in order, equal dates and unknown dates', async () => {
      fx.hsa({ regionsraad: '2026-03-17', kommunalbestyrelse: '2026-03-10', underskrevet: '2026-03-17' });
      fx.delingsaftale({ udkast: '2026-05-01', regionsraad: '2026-06-16', kommunalbestyrelse: '2026-06-10', aftalt: '2026-06-20' });
      fx.delingsaftale({ kommune: '326', udkast: '2026-05-01', aftalt: '2026-09-01', delingsraad: '2026-08-20' });
      fx.anmodning({ meddelt: '2026-04-10' });
      expect(at(await check(fx.root), 'dato/raekkefoelge')).toEqual([]);
    });
  });

  describe('dato/sag-moede', () => {
    it('reports a later meeting dated before the case meeting, and an earlier decision dated after it', async () => {
      const file = fx.sag({
        moede: '2026-03-10',
        underpunkter: [],
        videreProces: [
          { organ: 'Forberedende Forretningsudvalg', dato: '2026-03-17' },
          { organ: 'Forberedende Regionsråd', dato: '2026-03-09' },
        ],
        tidligere: [{ organ: 'Forberedende Sundhedsråd', dato: '2026-03-10' }],
      });
      const findings = await check(fx.root);
      // Lines: videre_proces on 19, its entries on 20–21 and 22–23; tidligere_beslutninger on 24, entry 25–27.
      expect(at(findings, 'dato/sag-moede')).toEqual([`${file}:23:11 error`, `${file}:26:11 error`]);
      const [later, earlier] = of(findings, 'dato/sag-moede');
      expect(later!.message).toBe('Forberedende Regionsråd behandler sagen 9. marts 2026, men det skal være efter sundhedsrådets møde 10. marts 2026');
      expect(earlier!.message).toMatch(/^Den tidligere beslutning i Forberedende Sundhedsråd er dateret 10\. marts 2026, men skal ligge før sagens møde/);
      expect(related(later)).toEqual([`${file}:8:9 sagens møde`]);
    });

    it('accepts meetings in order and skips a case whose meeting date is unknown', async () => {
      fx.sag({ moede: '2026-03-10', videreProces: [{ organ: 'Forberedende Regionsråd', dato: '2026-03-17' }], tidligere: [{ organ: 'Sundhedsråd', dato: '2026-01-19' }] });
      fx.sag({ id: 'sag-uden-dato', videreProces: [{ organ: 'Forberedende Regionsråd', dato: '2026-03-17' }] });
      expect(at(await check(fx.root), 'dato/sag-moede')).toEqual([]);
    });
  });

  describe('status/godkendt-uden-dato', () => {
    it('reports status godkendt without both approvals, at the status, naming the empty fields', async () => {
      const file = fx.hsa({ status: 'godkendt', regionsraad: '2026-03-17' });
      const findings = await check(fx.root);
      expect(at(findings, 'status/godkendt-uden-dato')).toEqual([`${file}:5:9 error`]);
      const hit = of(findings, 'status/godkendt-uden-dato')[0];
      expect(hit!.message).toBe('Status er »godkendt«, men kommunalbestyrelsens godkendelse er ikke registreret');
      expect(related(hit)).toEqual([`${file}:28:23 ikke udfyldt`]);
    });

    it('reports status underskrevet without a signature date, also for a delingsaftale without approvals', async () => {
      const hsa = fx.hsa({ status: 'underskrevet', regionsraad: '2026-03-17', kommunalbestyrelse: '2026-03-18' });
      const deling = fx.delingsaftale({ status: 'godkendt' });
      const findings = await check(fx.root);
      expect(at(findings, 'status/godkendt-uden-dato')).toEqual([`${deling}:5:9 error`, `${hsa}:5:9 error`]);
      expect(of(findings, 'status/godkendt-uden-dato').map((f) => f.message)).toEqual([
        'Status er »godkendt«, men regionsrådets godkendelse og kommunalbestyrelsens godkendelse er ikke registreret',
        'Status er »underskrevet«, men datoen for underskrift (»underskrevet«) er ikke registreret',
      ]);
    });

    it('accepts approved and signed agreements with their dates, and drafts without', async () => {
      fx.hsa({ status: 'underskrevet', regionsraad: '2026-03-17', kommunalbestyrelse: '2026-03-18', underskrevet: '2026-03-25' });
      fx.hsa({ kommune: '326', status: 'udkast' });
      fx.delingsaftale({ status: 'godkendt', regionsraad: '2026-06-16', kommunalbestyrelse: '2026-06-10' });
      expect(at(await check(fx.root), 'status/godkendt-uden-dato')).toEqual([]);
    });
  });
});
