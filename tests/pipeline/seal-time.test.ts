/** The time a build seals with (scripts/pipeline/seal-time.ts). */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { buildTime } from '../../scripts/pipeline/seal-time.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'aftaler-seal-time-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A repository whose one commit was made at `seconds`. */
function repoCommittedAt(name: string, seconds: number): string {
  const root = path.join(dir, name);
  mkdirSync(root);
  const date = `@${seconds} +0000`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: 't',
    GIT_AUTHOR_EMAIL: 't@t',
    GIT_COMMITTER_NAME: 't',
    GIT_COMMITTER_EMAIL: 't@t',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  };
  for (const variable of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE']) Reflect.deleteProperty(env, variable);
  writeFileSync(path.join(root, 'a.txt'), name);
  for (const args of [
    ['init', '-q'],
    ['add', 'a.txt'],
    ['commit', '-q', '-m', 'a'],
  ])
    execFileSync('git', ['-C', root, ...args], { env, stdio: 'ignore' });
  return root;
}

describe('buildTime', () => {
  const gitDir = process.env.GIT_DIR;
  afterEach(() => {
    if (gitDir === undefined) delete process.env.GIT_DIR;
    else process.env.GIT_DIR = gitDir;
  });

  it('takes SOURCE_DATE_EPOCH when set', () => {
    expect(buildTime(dir, { SOURCE_DATE_EPOCH: '1771891200' }).toISOString()).toBe('2026-02-24T00:00:00.000Z');
  });

  it('takes the commit time of HEAD otherwise, of the repository at root even when GIT_DIR names another', () => {
    const root = repoCommittedAt('data', 1_700_000_000);
    const other = repoCommittedAt('other', 1_600_000_000);
    expect(buildTime(root, {}).getTime()).toBe(1_700_000_000_000);
    // A hook or wrapper may have set GIT_DIR; the seal time is still that of the data's commit.
    process.env.GIT_DIR = path.join(other, '.git');
    expect(buildTime(root, {}).getTime()).toBe(1_700_000_000_000);
  });

  it('is now, in whole seconds, outside a git checkout', () => {
    const plain = path.join(dir, 'plain');
    mkdirSync(plain);
    const before = Math.floor(Date.now() / 1000) * 1000;
    const time = buildTime(plain, {}).getTime();
    expect(time % 1000).toBe(0);
    expect(time).toBeGreaterThanOrEqual(before);
    expect(time).toBeLessThanOrEqual(Date.now());
  });
});
