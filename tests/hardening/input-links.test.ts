/**
 * Symbolic links among the inputs that are not YAML: a template, a schema or the rule
 * configuration that is a link could read any file of the machine (/proc/self/environ holds the
 * publishing job's secrets) into a sealed PDF or an error message. Each is refused at its file,
 * and nothing of the link's target reaches any output. A folder link to a parent folder does not
 * make any walk endless.
 */
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { STACK_TRACE } from '../helpers/cli.ts';
import { RepoCopy } from '../helpers/repo.ts';
import { DIR, TODAY, runCommand, runInThisProcess, sourceHashes, type NodeRun } from './support.ts';

const SECRET = 'AFTALER_SIGN_PASSPHRASE=meget-hemmelig';

describe('links among templates, schemas and configuration', () => {
  let repo: RepoCopy;
  let secretFile: string;
  const setup = () => {
    repo = new RepoCopy(['agreements', 'schemas', 'templates']);
    secretFile = repo.path('../' + path.basename(repo.root) + '-secret.txt');
    writeFileSync(secretFile, `${SECRET}\n{{x}}\n`);
  };
  afterEach(() => {
    repo.remove();
    rmSync(secretFile, { force: true });
  });

  const run = (command: string, ...args: string[]) =>
    runCommand(command, ['--root', repo.root, '--today', TODAY, ...args], { env: { SOURCE_DATE_EPOCH: '1771891200' }, heapMb: 256 });
  /** The same, in-process (tests/helpers/in-process.ts): for the cases whose command is already run above as a user runs it. */
  const runHere = (command: string, ...args: string[]) =>
    runInThisProcess(command, ['--root', repo.root, '--today', TODAY, ...args], { env: { SOURCE_DATE_EPOCH: '1771891200' } });
  const expectRefused = (r: NodeRun, line: RegExp) => {
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(line);
    expect(r.stdout + r.stderr).not.toContain('meget-hemmelig');
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
    expect(r.ms).toBeLessThan(15_000);
    expect(existsSync(repo.path('out'))).toBe(false);
  };

  it('a partial that is a link: the build stops at it, the target is never rendered', () => {
    setup();
    symlinkSync(secretFile, repo.path('templates/partials/hemmelig.md.hbs'));
    const sources = sourceHashes(repo);
    expectRefused(
      run('build', '--quiet'),
      /^templates\/partials\/hemmelig\.md\.hbs:1:1 +fejl +template\/syntax +templates\/partials\/hemmelig\.md\.hbs er et symbolsk link/m,
    );
    expect(sourceHashes(repo)).toEqual(sources);
  }, 60_000);

  it('the partials folder that is a link', async () => {
    setup();
    const real = repo.path('templates-real-partials');
    rmSync(real, { recursive: true, force: true });
    mkdirSync(real);
    // The same partials, reached through a link: still refused, the folder is the link.
    for (const name of ['underskrifter.md.hbs']) writeFileSync(path.join(real, name), 'x');
    rmSync(repo.path('templates/partials'), { recursive: true });
    symlinkSync(real, repo.path('templates/partials'));
    expectRefused(
      await runHere('build', '--quiet', '--jobs', '1'),
      /^templates\/partials\/underskrifter\.md\.hbs:1:1 +fejl +template\/syntax +templates\/partials er et symbolsk link/m,
    );
  }, 60_000);

  it('a schema that is a link: check stops at it, without quoting the target', () => {
    setup();
    rmSync(repo.path('schemas/hsa.schema.json'));
    symlinkSync(secretFile, repo.path('schemas/hsa.schema.json'));
    expectRefused(run('check'), /^schemas\/hsa\.schema\.json:1:1 +fejl +fil\/symbolsk-link +schemas\/hsa\.schema\.json er et symbolsk link/m);
  }, 60_000);

  it('.aftalerrc.json that is a link: refused without quoting the target', async () => {
    setup();
    symlinkSync(secretFile, repo.path('.aftalerrc.json'));
    const r = await runHere('check');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('.aftalerrc.json er et symbolsk link');
    expect(r.stdout + r.stderr).not.toContain('meget-hemmelig');
  }, 60_000);

  it('a folder link to a parent folder under agreements/: reported, and check and build end', () => {
    setup();
    symlinkSync('..', repo.path(`${DIR}/holbaek/loop`));
    for (const command of ['check', 'build']) {
      const r = run(command, ...(command === 'build' ? ['--quiet'] : []));
      expect(r.code, r.stdout + r.stderr).toBe(1);
      expect(r.stdout).toMatch(new RegExp(`^${DIR}/holbaek/loop:1:1 +fejl +fil/symbolsk-link`, 'm'));
      expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
      expect(r.ms).toBeLessThan(15_000);
    }
  }, 60_000);
});
