import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/repo.ts';

/**
 * Git for the tests, independent of the machine's configuration: an identity, no signing, no
 * hooks, no global or system config (a bare CI machine has none; a developer's must not matter).
 */
const GIT_ENV: NodeJS.ProcessEnv = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.invalid',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.invalid',
  GIT_AUTHOR_DATE: '2026-02-24T12:00:00Z',
  GIT_COMMITTER_DATE: '2026-02-24T12:00:00Z',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  // The tests' own status queries must not refresh the index: the run is judged on its bytes.
  GIT_OPTIONAL_LOCKS: '0',
};
const GIT_CONFIG = [
  '-c',
  'user.name=Test',
  '-c',
  'user.email=test@example.invalid',
  '-c',
  'commit.gpgsign=false',
  '-c',
  'core.hooksPath=/dev/null',
  '-c',
  'init.defaultBranch=main',
];

/** A git repository in a temp folder holding a copy of the real agreements, schemas and templates. */
export class ScratchRepo {
  readonly root: string;

  constructor(root?: string) {
    if (root) {
      this.root = root;
      return;
    }
    this.root = mkdtempSync(path.join(tmpdir(), 'aftaler-diff-test-'));
    for (const part of ['agreements', 'schemas', 'templates']) cpSync(path.join(REPO_ROOT, part), path.join(this.root, part), { recursive: true });
    this.git('init', '-q', '-b', 'main');
    this.commitAll('Udgangspunkt');
  }

  git(...args: string[]): string {
    return this.gitWith({}, args);
  }

  private gitWith(extra: NodeJS.ProcessEnv, args: readonly string[]): string {
    const { GIT_DIR: _dir, GIT_WORK_TREE: _tree, GIT_INDEX_FILE: _index, ...env } = process.env;
    const r = spawnSync('git', [...GIT_CONFIG, ...args], { cwd: this.root, encoding: 'utf8', env: { ...env, ...GIT_ENV, ...extra } });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${r.stderr}`);
    return r.stdout;
  }

  /** Commits everything; by »Test« at 2026-02-24 12:00 UTC unless `by` names another author and time. */
  commitAll(message: string, by?: { name: string; date: string }): string {
    this.git('add', '-A');
    const as = by === undefined ? {} : { GIT_AUTHOR_NAME: by.name, GIT_COMMITTER_NAME: by.name, GIT_AUTHOR_DATE: by.date, GIT_COMMITTER_DATE: by.date };
    this.gitWith(as, ['commit', '-q', '-m', message]);
    return this.git('rev-parse', 'HEAD').trim();
  }

  /** A clone beside this one (it has origin/main), for the fallback tests. */
  clone(): ScratchRepo {
    const dir = mkdtempSync(path.join(tmpdir(), 'aftaler-diff-clone-'));
    rmSync(dir, { recursive: true });
    this.git('clone', '-q', this.root, dir);
    return new ScratchRepo(dir);
  }

  /** Back to the last commit: the tests' own cleanup between scenarios. */
  reset(): void {
    this.git('reset', '-q', '--hard');
    this.git('clean', '-q', '-fd');
  }

  path(file: string): string {
    return path.join(this.root, file);
  }

  read(file: string): string {
    return readFileSync(this.path(file), 'utf8');
  }

  /** Replaces exactly one occurrence; fails loudly when the fixture text has drifted. */
  replace(file: string, from: string, to: string): void {
    const text = this.read(file);
    const at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one »${from}« in ${file}`);
    writeFileSync(this.path(file), text.slice(0, at) + to + text.slice(at + from.length));
  }

  append(file: string, text: string): void {
    writeFileSync(this.path(file), this.read(file) + text);
  }

  /**
   * Everything a run could disturb: status, index, stash, worktrees, branches, HEAD, and the
   * sha256 of every file in the folder, .git included.
   */
  state(): Record<string, string> {
    const files: Record<string, string> = {};
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else files[path.relative(this.root, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
      }
    };
    walk(this.root);
    return {
      files: JSON.stringify(files),
      status: this.git('status', '--porcelain=v2', '--branch', '--untracked-files=all'),
      cached: this.git('diff', '--cached'),
      stash: this.git('stash', 'list'),
      worktrees: this.git('worktree', 'list', '--porcelain'),
      branches: this.git('for-each-ref', '--format=%(refname) %(objectname)'),
      head: this.git('symbolic-ref', '-q', 'HEAD'),
    };
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}

/** Paths of the files the scenarios touch. */
export const FILES = {
  hsaHolbaek: 'agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml',
  hsaLejre: 'agreements/midt-og-vestsjaelland/lejre/hsa-lejre-akutsygepleje.yaml',
  sag: 'agreements/midt-og-vestsjaelland/sag-emn-2025-10366.yaml',
  hsaTemplate: 'templates/hsa.md.hbs',
} as const;
