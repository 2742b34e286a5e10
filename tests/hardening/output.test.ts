import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../scripts/emit/manifest.ts';
import { OutputDir, OutputLockedError } from '../../scripts/emit/output-dir.ts';
import { STACK_TRACE } from '../helpers/cli.ts';
import { REPO_ROOT, RepoCopy } from '../helpers/repo.ts';
import { ENV, TODAY, runCommand, runInThisProcess, sourceHashes, startCommand, treeHashes } from './support.ts';

const leftovers = (repo: RepoCopy) =>
  readdirSync(repo.root)
    .filter((n) => /^out\.(lock|tmp-|old-)/.test(n))
    .sort();

/** out/ is whole: every file the manifest lists, with its hash, and nothing else. */
function expectComplete(out: string): void {
  const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8')) as Manifest;
  const files = treeHashes(out);
  files.delete('manifest.json');
  expect([...files.keys()].sort()).toEqual(manifest.files.map((e) => e.path).sort());
  for (const e of manifest.files) expect(files.get(e.path), e.path).toBe(e.sha256);
}

/**
 * One copy, built once, then: a build killed midway (and a second build refused while the
 * first holds the lock), recovery by the next build, and every command checked for writing
 * into agreements/, templates/ or schemas/.
 */
describe('out/ is replaced atomically, and sources are never written', () => {
  const repo = new RepoCopy(['agreements', 'schemas', 'templates']);
  const args = ['--root', repo.root, '--today', TODAY];
  let sources: ReturnType<typeof sourceHashes>;
  let first: Map<string, string>;

  // The builds that are killed or refused are real processes; the others run in this process
  // (tests/helpers/in-process.ts), on one thread where they render.
  beforeAll(async () => {
    // A git repository, so that npm run diff can compare the working tree with HEAD.
    const git = (...a: string[]) =>
      spawnSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', ...a], { cwd: repo.root, encoding: 'utf8' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'data');
    sources = sourceHashes(repo);
    const r = await runInThisProcess('build', [...args, '--quiet', '--jobs', '1'], { env: ENV });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    first = treeHashes(repo.path('out'));
    expectComplete(repo.path('out'));
  }, 180_000);
  afterAll(() => repo.remove());

  it('keeps out/ complete and unchanged when a build is killed midway; a second build meanwhile is refused', async () => {
    // --force: the cache would otherwise find nothing to do.
    const killed = startCommand('build', [...args, '--force', '--jobs', '1'], ENV);
    await killed.waitFor(/\[\d+\/\d+\]/); // rendering into its staging folder, under the lock
    const { pid } = killed.child;
    if (pid === undefined) throw new Error('the build that is to be killed has no process id');
    // Frozen, it holds the lock for as long as the second build needs to get there.
    killed.child.kill('SIGSTOP');
    const second = runCommand('build', [...args, '--force'], { env: ENV });
    expect(second.code).toBe(1);
    expect(second.stdout).toContain(`Build afbrudt: En anden build (proces ${pid}) skriver allerede til out/; vent til den er færdig`);
    expect(second.stdout + second.stderr).not.toMatch(STACK_TRACE);

    killed.child.kill('SIGKILL');
    expect((await killed.exited).signal).toBe('SIGKILL');
    expect(treeHashes(repo.path('out'))).toEqual(first);
    // It really was midway: its lock and half-written staging folder are left behind.
    expect(leftovers(repo)).toEqual(['out.lock', `out.tmp-${pid}`]);
    expect(treeHashes(repo.path(`out.tmp-${pid}`)).size).toBeGreaterThan(0);
  }, 180_000);

  it('recovers: the next build takes the stale lock, removes the leftovers and succeeds', async () => {
    // One changed amount: the build must swap out/ (so it meets the leftovers), and is quick.
    const hsa = 'agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml';
    const original = repo.read(hsa);
    repo.replace(hsa, '  aarligt_beloeb_kr: null', '  aarligt_beloeb_kr: 1234567');
    const r = await runInThisProcess('build', [...args, '--quiet', '--jobs', '1'], { env: ENV });
    repo.write(hsa, original);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(leftovers(repo)).toEqual([]);
    expectComplete(repo.path('out'));
    // Outputs that do not depend on the changed file are the same bytes as before.
    const now = treeHashes(repo.path('out'));
    expect(now.get('midt-og-vestsjaelland/350-lejre/hsa-lejre-akutsygepleje.pdf')).toBe(
      first.get('midt-og-vestsjaelland/350-lejre/hsa-lejre-akutsygepleje.pdf'),
    );
    expect(now.get('midt-og-vestsjaelland/316-holbaek/hsa-holbaek-akutsygepleje.pdf')).not.toBe(
      first.get('midt-og-vestsjaelland/316-holbaek/hsa-holbaek-akutsygepleje.pdf'),
    );
  }, 180_000);

  it('never writes into agreements/, templates/ or schemas/: check, build, verify, diff', async () => {
    expect((await runInThisProcess('check', [...args])).code).toBe(0);
    // Exit 3: intact, but without --ca the issuer is not checked (this is only about writing).
    expect((await runInThisProcess('verify', [repo.path('out/kommuner/316-holbaek')])).code).toBe(3);
    if (existsSync(path.join(REPO_ROOT, 'scripts/cli/diff.ts'))) {
      writeFileSync(
        repo.path('agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml'),
        readFileSync(repo.path('agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml'), 'utf8').replace(
          '  aarligt_beloeb_kr: null',
          '  aarligt_beloeb_kr: 1234567',
        ),
      );
      const changed = sourceHashes(repo);
      const d = await runInThisProcess('diff', ['--root', repo.root, '--format', 'json']);
      expect(d.code, d.stdout + d.stderr).toBe(0);
      expect(sourceHashes(repo)).toEqual(changed);
      spawnSync('git', ['checkout', '-q', '--', '.'], { cwd: repo.root });
    }
    expect(sourceHashes(repo)).toEqual(sources);
  }, 180_000);

  it('refuses an --out that would replace the repository or the data, and changes nothing', async () => {
    const before = treeHashes(repo.root);
    const r = await runInThisProcess('build', [...args, '--quiet', '--out', '.'], { env: ENV });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/^Build afbrudt: .+ kan ikke bruges som outputmappe: den indeholder »(\.git|agreements|schemas|templates)«/m);
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
    // The other refusals, straight on the output folder (the build checks the data first).
    for (const [out, why] of [
      [repo.path('agreements'), /den indeholder ».+\.yaml«/],
      [repo.path('templates'), /den indeholder ».+\.hbs«/],
      [REPO_ROOT, /den indeholder programmet/],
      [path.dirname(REPO_ROOT), /den indeholder programmet/],
      [repo.path('out/manifest.json'), /den findes og er ikke en mappe/],
      ['/', /roden af filsystemet/],
    ] as const) {
      expect(() => new OutputDir(out).open({ keepExisting: false }), out).toThrow(why);
    }
    expect(treeHashes(repo.root)).toEqual(before);
    expect(leftovers(repo)).toEqual([]);
  }, 180_000);
});

/** The states a kill can leave behind, made directly, and what the next open() does with them. */
describe('OutputDir recovery', () => {
  let repo: RepoCopy;
  const out = () => repo.path('out');
  const dead = 2 ** 22 + 12345; // above Linux's default pid_max: no such process

  beforeAll(() => {
    repo = new RepoCopy([]);
  });
  afterAll(() => repo.remove());

  const previous = () => {
    mkdirSync(path.join(out(), 'a'), { recursive: true });
    writeFileSync(path.join(out(), 'a', 'x.pdf'), 'previous');
    writeFileSync(path.join(out(), 'manifest.json'), '{}');
    return treeHashes(out());
  };

  it('killed between the two renames of commit(): out/ missing, out.old-* whole → put back', () => {
    const before = previous();
    renameSync(out(), `${out()}.old-${dead}`);
    mkdirSync(`${out()}.tmp-${dead}`);
    writeFileSync(`${out()}.tmp-${dead}/half.pdf`, 'new but unfinished');
    writeFileSync(`${out()}.lock`, String(dead));
    const dir = new OutputDir(out());
    dir.open({ keepExisting: false });
    expect(treeHashes(out())).toEqual(before);
    dir.close(); // a build that then fails leaves the previous output
    expect(treeHashes(out())).toEqual(before);
    expect(leftovers(repo)).toEqual([]);
  });

  it('killed after the swap, before removing out.old-*: the leftover is removed, out/ kept', () => {
    const before = treeHashes(out());
    mkdirSync(`${out()}.old-${dead}`);
    writeFileSync(`${out()}.old-${dead}/old.pdf`, 'older');
    const dir = new OutputDir(out());
    dir.open({ keepExisting: true });
    writeFileSync(dir.path('b.pdf'), 'added');
    dir.commit();
    dir.close();
    expect(treeHashes(out())).toEqual(new Map([...before, ['b.pdf', treeHashes(out()).get('b.pdf')!]]));
    expect(leftovers(repo)).toEqual([]);
  });

  it('a lock file of a live process is respected; an empty or garbage one is stale', () => {
    writeFileSync(`${out()}.lock`, String(process.pid));
    expect(() => new OutputDir(out()).open({ keepExisting: false })).toThrow(OutputLockedError);
    expect(readFileSync(`${out()}.lock`, 'utf8')).toBe(String(process.pid));
    for (const garbage of ['', 'x', '-1', String(dead)]) {
      writeFileSync(`${out()}.lock`, garbage);
      const dir = new OutputDir(out());
      dir.open({ keepExisting: false });
      expect(readFileSync(`${out()}.lock`, 'utf8')).toBe(String(process.pid));
      dir.close();
      expect(existsSync(`${out()}.lock`)).toBe(false);
    }
  });
});
