/**
 * The no-op fast path (scripts/pipeline/noop.ts): a build whose inputs, date, options and outputs
 * are as the last build of everything left them reports that build's result without checking or
 * rendering; anything else takes the full path. Run in-process on a copy of the shipped data.
 */
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.ts';
import { RepoCopy } from '../helpers/repo.ts';

const ENV = { SOURCE_DATE_EPOCH: '1771891200' };
const TODAY = '2026-11-23';
const HSA = 'agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml';
const PDF = 'out/midt-og-vestsjaelland/316-holbaek/hsa-holbaek-akutsygepleje.pdf';

interface Summary {
  rendered: number;
  reused: number;
  files: number;
  fastPath: boolean;
}

describe('the no-op fast path', () => {
  const repo = new RepoCopy(['agreements', 'schemas', 'templates']);
  const build = async (...more: string[]) => {
    const r = await runInProcess('build', ['--root', repo.root, '--today', TODAY, '--jobs', '1', ...more], ENV);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    return r;
  };
  const summary = async (...more: string[]) => JSON.parse((await build('--json', ...more)).stdout) as Summary;

  beforeAll(async () => {
    expect((await summary()).rendered).toBe(33);
  }, 120_000);
  afterAll(() => repo.remove());

  it('reports the last build, warnings included, without checking, once nothing changed', async () => {
    const full = await build(); // the full path: up to date, and records what it found
    const fast = await build();
    expect(full.stdout).toMatch(/^⚠ \d+ advarsler fra kontrollen/);
    expect(fast.stdout.split('\n')[0]).toBe(full.stdout.split('\n')[0]);
    expect(fast.stdout).toContain('alt var allerede opdateret');
    expect(await summary()).toMatchObject({ rendered: 0, reused: 33, fastPath: true });
  }, 60_000);

  it('takes the full path for a touched input, another date, --force or --strict', async () => {
    expect((await summary()).fastPath).toBe(true);
    const now = new Date();
    utimesSync(repo.path(HSA), now, now);
    expect(await summary()).toMatchObject({ rendered: 0, fastPath: false });
    expect((await summary()).fastPath).toBe(true);
    expect((await summary('--today', '2026-01-15')).fastPath).toBe(false);
    expect((await summary('--today', '2026-01-15')).fastPath).toBe(true);
    // On that date nothing is overdue yet, so --strict passes too, and it is not the same build.
    expect((await summary('--today', '2026-01-15', '--strict')).fastPath).toBe(false);
    expect(await summary('--force')).toMatchObject({ rendered: 33, fastPath: false });
  }, 120_000);

  it('sees a changed rule configuration and a changed, removed or altered output', async () => {
    await summary();
    expect((await summary()).fastPath).toBe(true);
    writeFileSync(repo.path('.aftalerrc.json'), '{ "rules": {} }\n');
    expect((await summary()).fastPath).toBe(false);
    rmSync(repo.path('.aftalerrc.json'));

    const original = readFileSync(repo.path(PDF));
    rmSync(repo.path(PDF));
    expect(await summary()).toMatchObject({ rendered: 1, fastPath: false });
    expect(readFileSync(repo.path(PDF)).equals(original)).toBe(true);

    writeFileSync(repo.path(PDF), Buffer.concat([original, Buffer.from('\n%tampered\n')]));
    expect(await summary()).toMatchObject({ rendered: 1, fastPath: false });
    expect(readFileSync(repo.path(PDF)).equals(original)).toBe(true);

    writeFileSync(repo.path('out/manifest.json'), readFileSync(repo.path('out/manifest.json'), 'utf8').replace('"files"', '"files" '));
    expect((await summary()).fastPath).toBe(false);
    expect((await summary()).fastPath).toBe(true);
  }, 120_000);
});
