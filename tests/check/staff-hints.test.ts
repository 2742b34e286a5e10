/**
 * Hints that tell staff the exact fix: a date written the Danish way gets the ISO date it means,
 * and a DokID of the wrong length is told the length the schema requires.
 */
import { describe, expect, it } from 'vitest';
import { isoDateGuess } from '../../scripts/basics/iso-date-guess.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { RepoCopy } from '../helpers/repo.ts';

describe('isoDateGuess', () => {
  it.each([
    ['15.3.2026', '2026-03-15'],
    ['15-03-2026', '2026-03-15'],
    ['1/1/2027', '2027-01-01'],
    ['15. marts 2026', '2026-03-15'],
    ['15 mar 2026', '2026-03-15'],
    ['2026-3-15', '2026-03-15'],
  ])('%s → %s', (value, iso) => {
    expect(isoDateGuess(value)).toBe(iso);
  });

  it.each(['30.2.2026', '15.13.2026', 'i morgen', '2026-03-17 10:00', '15. smarts 2026', 20260315])('no guess for %j', (value) => {
    expect(isoDateGuess(value)).toBeUndefined();
  });
});

describe('the check, as staff run it', () => {
  it('suggests the ISO date for a Danish one, and the length for a short DokID', async () => {
    const repo = new RepoCopy();
    try {
      const hsa = 'agreements/midt-og-vestsjaelland/lejre/hsa-lejre-akutsygepleje.yaml';
      repo.replace(hsa, 'ikrafttraeden: 2027-01-01', 'ikrafttraeden: 15.3.2026');
      repo.replace('agreements/midt-og-vestsjaelland/sag-emn-2025-10366.yaml', 'dokid: "12694454"', 'dokid: "1234"');
      const r = await runInProcess('check', ['--root', repo.root, '--today', '2026-01-15']);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('»15.3.2026« er ikke en gyldig dato; skriv ÅÅÅÅ-MM-DD, altså 2026-03-15');
      expect(r.stdout).toMatch(/»1234« har ikke det rigtige format for »dokid«: [^\n]*5–10 cifre/);
    } finally {
      repo.remove();
    }
  });
});
