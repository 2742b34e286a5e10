import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Fixture, at, check, of } from './helpers.ts';

/** Overdue rules: a deadline has passed (relative to --today) and the step is not recorded. */
describe('overdue rules (forsinket/…)', () => {
  let fx: Fixture;
  beforeEach(() => {
    fx = new Fixture();
  });
  afterEach(() => fx.cleanup());

  describe('forsinket/hsa-godkendelse', () => {
    it('warns the day after the deadline when approvals are missing, at the first missing one', async () => {
      const both = fx.hsa();
      const one = fx.hsa({ kommune: '326', regionsraad: '2026-03-17' });
      const findings = await check(fx.root, '2026-04-02');
      expect(at(findings, 'forsinket/hsa-godkendelse')).toEqual([`${both}:27:16 warning`, `${one}:28:23 warning`]);
      expect(of(findings, 'forsinket/hsa-godkendelse').map((f) => f.message)).toEqual([
        'Fristen 1. april 2026 for godkendelse er overskredet, men regionsrådets og kommunalbestyrelsens godkendelse er ikke registreret',
        'Fristen 1. april 2026 for godkendelse er overskredet, men kommunalbestyrelsens godkendelse er ikke registreret',
      ]);
    });

    it('is quiet on the deadline day, and when both approvals are recorded', async () => {
      fx.hsa();
      expect(at(await check(fx.root, '2026-04-01'), 'forsinket/hsa-godkendelse')).toEqual([]);
      fx.hsa({ regionsraad: '2026-03-17', kommunalbestyrelse: '2026-03-20' });
      fx.hsa({ kommune: '326', status: 'opsagt' });
      expect(at(await check(fx.root, '2026-11-23'), 'forsinket/hsa-godkendelse')).toEqual([]);
    });
  });

  describe('forsinket/anmodning-meddelelse', () => {
    it('warns after 15 April 2026 when the notification is not recorded', async () => {
      const file = fx.anmodning();
      expect(at(await check(fx.root, '2026-04-16'), 'forsinket/anmodning-meddelelse')).toEqual([`${file}:5:10 warning`]);
    });

    it('is quiet on the deadline day and once recorded', async () => {
      fx.anmodning();
      expect(at(await check(fx.root, '2026-04-15'), 'forsinket/anmodning-meddelelse')).toEqual([]);
      fx.anmodning({ meddelt: '2026-04-10' });
      expect(at(await check(fx.root, '2026-11-23'), 'forsinket/anmodning-meddelelse')).toEqual([]);
    });
  });

  describe('forsinket/delingsaftale-udkast', () => {
    it('warns after 1 May 2026 when the draft is not recorded as sent', async () => {
      const file = fx.delingsaftale();
      const findings = await check(fx.root, '2026-05-02');
      expect(at(findings, 'forsinket/delingsaftale-udkast')).toEqual([`${file}:9:19 warning`]);
      expect(of(findings, 'forsinket/delingsaftale-udkast')[0]!.message).toBe(
        'Fristen 1. maj 2026 for udkast til delingsaftale er overskredet, men det er ikke registreret, hvornår udkastet blev sendt til regionen',
      );
    });

    it('is quiet on the deadline day and once recorded', async () => {
      fx.delingsaftale();
      expect(at(await check(fx.root, '2026-05-01'), 'forsinket/delingsaftale-udkast')).toEqual([]);
      fx.delingsaftale({ udkast: '2026-04-28' });
      expect(at(await check(fx.root, '2026-11-23'), 'forsinket/delingsaftale-udkast')).toEqual([]);
    });
  });

  describe('forsinket/delingsaftale-indgaaelse', () => {
    it('warns after 1 July 2026, and names the Delingsråd once its deadline has passed too', async () => {
      const file = fx.delingsaftale({ udkast: '2026-04-28' });
      const july = await check(fx.root, '2026-07-02');
      expect(at(july, 'forsinket/delingsaftale-indgaaelse')).toEqual([`${file}:10:9 warning`]);
      expect(of(july, 'forsinket/delingsaftale-indgaaelse')[0]!.message).toBe(
        'Fristen 1. juli 2026 for at indgå delingsaftalen er overskredet, men det er ikke registreret, at den er indgået; uden enighed afgør Delingsrådet sagen senest 1. oktober 2026',
      );
      const november = await check(fx.root, '2026-11-23');
      expect(at(november, 'forsinket/delingsaftale-indgaaelse')).toEqual([`${file}:10:9 warning`]);
      expect(of(november, 'forsinket/delingsaftale-indgaaelse')[0]!.message).toBe(
        'Delingsaftalen er hverken registreret som indgået inden 1. juli 2026 eller afgjort af Delingsrådet inden 1. oktober 2026',
      );
    });

    it('is quiet on the deadline day, once agreed, and after a Delingsråd decision', async () => {
      fx.delingsaftale({ udkast: '2026-04-28' });
      expect(at(await check(fx.root, '2026-07-01'), 'forsinket/delingsaftale-indgaaelse')).toEqual([]);
      fx.delingsaftale({ udkast: '2026-04-28', aftalt: '2026-06-30' });
      fx.delingsaftale({ kommune: '326', udkast: '2026-04-28', delingsraad: '2026-09-15' });
      expect(at(await check(fx.root, '2026-11-23'), 'forsinket/delingsaftale-indgaaelse')).toEqual([]);
    });
  });
});
