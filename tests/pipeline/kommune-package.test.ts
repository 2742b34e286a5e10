/**
 * What a kommune receives (issue 19): its folder holds a Danish read-me, its own deadline
 * calendar and SHA256SUMS, which `sha256sum -c` checks, beside the PDFs and manifest.json.
 * Built in-process from a copy of the shipped data.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.ts';
import { RepoCopy } from '../helpers/repo.ts';

const ENV = { SOURCE_DATE_EPOCH: '1771891200' };
const LEJRE = 'out/kommuner/350-lejre';

describe('the kommune package', () => {
  const repo = new RepoCopy(['agreements', 'schemas', 'templates']);
  beforeAll(async () => {
    const r = await runInProcess('build', ['--root', repo.root, '--today', '2026-01-15', '--jobs', '1', '--quiet'], ENV);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  }, 120_000);
  afterAll(() => repo.remove());

  it('holds the read-me, the calendar and checksums that sha256sum -c accepts', () => {
    const files = readdirSync(repo.path(LEJRE)).sort();
    expect(files).toEqual(expect.arrayContaining(['LÆSMIG.txt', 'SHA256SUMS', 'frister.ics', 'manifest.json', '350-lejre-samlet.pdf']));
    const check = spawnSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: repo.path(LEJRE), encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    // Every file of the folder but SHA256SUMS itself, each OK.
    expect(check.stdout.trim().split('\n').sort()).toEqual(files.filter((f) => f !== 'SHA256SUMS').map((f) => `${f}: OK`));
  });

  it('has a Danish read-me that names every file, the seal and how to check the files', () => {
    const readme = readFileSync(repo.path(`${LEJRE}/LÆSMIG.txt`), 'utf8');
    expect(readme.split('\n')[0]).toBe('Pakke til Lejre Kommune (kommunekode 350) fra Region Østdanmark');
    for (const file of readdirSync(repo.path(LEJRE)).filter((f) => f !== 'LÆSMIG.txt')) expect(readme).toContain(`  ${file}\n`);
    expect(readme).toContain('Udkast til horisontal samarbejdsaftale for akutsygepleje Lejre Kommune V20260224\n');
    expect(readme).toContain('sha256sum -c SHA256SUMS');
    expect(readme).toContain('Get-FileHash -Algorithm SHA256');
    expect(readme).toContain('signaturpanelet');
    expect(readme).toContain('TESTCERTIFIKAT'); // sealed here with the development certificate, and it says so
  });

  it('has the kommune’s own deadlines as a calendar', () => {
    const own = new ICAL.Component(ICAL.parse(readFileSync(repo.path(`${LEJRE}/frister.ics`), 'utf8')) as unknown[]);
    const all = new ICAL.Component(ICAL.parse(readFileSync(repo.path('out/frister.ics'), 'utf8')) as unknown[]);
    const events = own.getAllSubcomponents('vevent').map((e) => new ICAL.Event(e));
    expect(events.length).toBeGreaterThan(3);
    expect(events.length).toBeLessThan(all.getAllSubcomponents('vevent').length);
    for (const e of events) expect(e.description).toMatch(/Lejre Kommune \(350\)/);
    expect(own.getFirstPropertyValue('x-wr-calname')).toMatch(/Lejre/);
  });

  it('lists the package files in out/manifest.json, and makes the same bytes again', async () => {
    const manifest = JSON.parse(readFileSync(repo.path('out/manifest.json'), 'utf8')) as { files: Array<{ path: string; kind: string }> };
    const kinds = manifest.files.filter((f) => f.path.startsWith('kommuner/350-lejre/')).map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(['laesmig', 'frister', 'kontrolsummer']));
    const before = ['LÆSMIG.txt', 'SHA256SUMS', 'frister.ics'].map((f) => readFileSync(repo.path(`${LEJRE}/${f}`)));
    const r = await runInProcess('build', ['--root', repo.root, '--today', '2026-01-15', '--jobs', '1', '--quiet', '--force'], ENV);
    expect(r.code).toBe(0);
    ['LÆSMIG.txt', 'SHA256SUMS', 'frister.ics'].forEach((f, i) => expect(readFileSync(repo.path(`${LEJRE}/${f}`)).equals(before[i]!), f).toBe(true));
  }, 120_000);
});
