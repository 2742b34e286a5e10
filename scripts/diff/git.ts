import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { $ } from 'zx/core';
import { gitEnv } from '../load/git-sync.ts';
import { signingTimeFromEnv } from '../sign/signing-time.ts';

/** A git problem the user can fix (not a repository, unknown revision): one Danish line. */
export class GitError extends Error {}

/** git in `root`, and only there (see gitEnv). */
function gitShell(cwd: string) {
  return $({ cwd, env: gitEnv(), quiet: true, verbose: false });
}

/**
 * git with its standard output as bytes. Not through zx: its `buffer()` is made from the text of
 * stdout and stderr together, decoded as UTF-8, so bytes that are not UTF-8 (a Latin-1 file, a
 * PDF bilag in the revision) are replaced, and anything git writes to stderr lands among the
 * blobs wherever the two streams happened to interleave. Either way `git cat-file --batch` output
 * no longer matched the sizes in its headers, and a diff failed now and then under load
 * (»git cat-file: yt…«). tests/diff/git-bytes.test.ts holds the bytes to account.
 */
function gitBytes(cwd: string, args: readonly string[], input: string | undefined): Promise<{ code: number; stdout: Buffer; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile('git', [...args], { cwd, env: gitEnv(), encoding: 'buffer', maxBuffer: 2 ** 31 - 1 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr: stderr.toString('utf8') });
    });
    // git may exit before it reads its input (a command that takes none, or an error): the write
    // then fails with EPIPE, and the exit code, not the pipe, says what went wrong.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(input);
  });
}

export interface Git {
  /** The repository's top folder, and `root`'s path inside it (»« or »sub/«). */
  top: string;
  prefix: string;
  /** Runs git; output on success, undefined on a non-zero exit. */
  tryRun(args: readonly string[]): Promise<string | undefined>;
  run(args: readonly string[]): Promise<string>;
  /** Runs git with `input` on its standard input; its output as bytes. */
  runBytes(args: readonly string[], input?: string): Promise<Buffer>;
}

export async function openGit(root: string): Promise<Git> {
  if (!existsSync(root)) throw new GitError(`mappen ${root} findes ikke`);
  const probe = gitShell(root);
  const top = await probe({ nothrow: true })`git rev-parse --show-toplevel`;
  if (top.exitCode !== 0) throw new GitError(`${root} er ikke i et git-repository`);
  const prefix = (await probe`git rev-parse --show-prefix`).stdout.trim();
  const shell = gitShell(top.stdout.trim());
  const tryRun = async (args: readonly string[]) => {
    const out = await shell({ nothrow: true })`git ${args}`;
    return out.exitCode === 0 ? out.stdout : undefined;
  };
  return {
    top: top.stdout.trim(),
    prefix,
    tryRun,
    async run(args) {
      const out = await shell({ nothrow: true })`git ${args}`;
      if (out.exitCode !== 0) throw new GitError(`git ${args[0] ?? ''} fejlede: ${out.stderr.trim().split('\n')[0] ?? ''}`);
      return out.stdout;
    },
    async runBytes(args, input) {
      const out = await gitBytes(top.stdout.trim(), args, input);
      if (out.code !== 0) throw new GitError(`git ${args[0] ?? ''} fejlede: ${out.stderr.trim().split('\n')[0] ?? ''}`);
      return out.stdout;
    },
  };
}

/** The commit a revision names, or undefined. A leading »-« could be read as an option: refused. */
export async function resolveCommit(git: Git, rev: string): Promise<string | undefined> {
  if (rev.startsWith('-') || rev.trim() === '') return undefined;
  return (await git.tryRun(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]))?.trim() || undefined;
}

export async function shortSha(git: Git, sha: string): Promise<string> {
  return (await git.run(['rev-parse', '--short', sha])).trim();
}

export interface DefaultBase {
  sha: string;
  description: string;
  /** Said to the user when the usual base (the merge-base with main) was not available. */
  note?: string;
}

/**
 * What a pull request is compared with: the merge-base of HEAD and main. Without a local main
 * (a CI checkout often has only origin/main) origin/main is used; without either, HEAD, which
 * shows the uncommitted changes.
 */
export async function defaultBase(git: Git): Promise<DefaultBase> {
  const head = await resolveCommit(git, 'HEAD');
  if (!head) throw new GitError('repository’et har ingen commits endnu; der er intet at sammenligne med');
  const candidates = [
    { ref: 'refs/heads/main', name: 'main', note: undefined },
    { ref: 'refs/remotes/origin/main', name: 'origin/main', note: 'der er ingen lokal gren »main«; bruger origin/main' },
  ];
  for (const c of candidates) {
    if (!(await resolveCommit(git, c.ref))) continue;
    const mergeBase = (await git.tryRun(['merge-base', c.ref, head]))?.trim();
    if (mergeBase) return { sha: mergeBase, description: `merge-base med ${c.name}`, ...(c.note ? { note: c.note } : {}) };
    return {
      sha: head,
      description: 'HEAD',
      note: `HEAD har ingen fælles historik med ${c.name}; sammenligner med HEAD (kun ændringer, der ikke er committet)`,
    };
  }
  return {
    sha: head,
    description: 'HEAD',
    note: 'der er ingen gren »main« (heller ikke origin/main); sammenligner med HEAD, så kun ændringer, der ikke er committet, vises',
  };
}

/**
 * The files a pull request from `ref` to HEAD changes, as a pull request counts them: from the
 * merge-base of the two to HEAD (`git diff ref...HEAD`), renamed files under their new name,
 * deleted files left out. Paths are relative to the folder `git` was opened on, with forward
 * slashes, as findings name their files; changed files outside that folder are left out.
 */
export async function changedSince(git: Git, ref: string): Promise<Set<string>> {
  const base = await resolveCommit(git, ref);
  if (!base) throw new GitError(`»${ref}« er ikke en kendt gren, et tag eller en commit`);
  const head = await resolveCommit(git, 'HEAD');
  if (!head) throw new GitError('repository’et har ingen commits endnu; der er intet at sammenligne med');
  const mergeBase = (await git.tryRun(['merge-base', base, head]))?.trim();
  if (!mergeBase) throw new GitError(`HEAD har ingen fælles historik med »${ref}«`);
  const out = await git.runBytes(['diff', '--name-only', '-z', '--no-ext-diff', '--diff-filter=d', mergeBase, head, '--']);
  const changed = new Set<string>();
  for (const name of out.toString('utf8').split('\0')) {
    if (name === '' || !name.startsWith(git.prefix)) continue;
    changed.add(name.slice(git.prefix.length));
  }
  return changed;
}

/** An instant as Word dates a revision: UTC, whole seconds (»2026-02-24T12:00:00Z«). */
const wordInstant = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A git date (»2026-02-24T13:00:00+01:00«) as the UTC instant Word dates a revision with. */
function utcInstant(iso: string): string | undefined {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : wordInstant(new Date(ms));
}

/** A date for a revision whose time git cannot give; never the clock's. */
const FALLBACK_DATE = '1980-01-01T00:00:00Z';

/** More names than this are shortened to the first ones and »m.fl.«: Word shows the author on every change. */
const MAX_AUTHORS = 3;

/** A commit as the redline attributes it: author, commit time (UTC) and the files it changed. */
export interface CommitInfo {
  author: string;
  date: string;
  files: string[];
}

/** The commits from `base` (excluded) to `head`, oldest first; `head` alone when there is no range. */
export async function rangeCommits(git: Git, base: string | null, head: string): Promise<CommitInfo[]> {
  const range = base === null || base === head ? ['-1', head] : [`${base}..${head}`];
  const log = await git.run(['log', '--reverse', '--no-renames', '--name-only', '--format=%x01%an%x00%cI', ...range, '--']);
  return log
    .split('\x01')
    .filter((entry) => entry.trim() !== '')
    .map((entry) => {
      const [header = '', ...files] = entry.split('\n');
      const [name = '', when = ''] = header.split('\0');
      return { author: name || 'ukendt forfatter', date: utcInstant(when) ?? FALLBACK_DATE, files: files.filter((f) => f !== '') };
    });
}

/** What every document's text is made from besides its own data file: templates, reference data, the program. */
const SHARED_INPUTS = ['templates/', 'agreements/reference/', 'scripts/'];

/**
 * Who made a document's changes and when, for its redline's tracked changes (Word shows one
 * author per change): the authors of the commits that changed the document's data file or what
 * every document is made from (SHARED_INPUTS), distinct, oldest first, dated with the newest of
 * them; when none did (its text changed through another document's data), every author of the
 * range. So a branch where one jurist changed Lejre's HSA and another Holbæk's gives each
 * redline its own author, not the last committer's name on both.
 */
export function commitStamp(commits: readonly CommitInfo[], file: string | undefined): { author: string; date: string } {
  const concerns = (f: string) => f === file || SHARED_INPUTS.some((prefix) => f.startsWith(prefix));
  const own = file === undefined ? [] : commits.filter((c) => c.files.some(concerns));
  const chosen = own.length > 0 ? own : commits;
  if (chosen.length === 0) return { author: 'ukendt forfatter', date: FALLBACK_DATE };
  const names = [...new Set(chosen.map((c) => c.author))];
  const author = names.length > MAX_AUTHORS ? `${names.slice(0, MAX_AUTHORS).join(', ')} m.fl.` : names.join(', ');
  return { author, date: chosen.map((c) => c.date).reduce((a, b) => (b > a ? b : a)) };
}

/**
 * The stamp of changes in the working tree, which has no commit: the name git would commit it
 * under (user.name), or »arbejdskopi« when none is set, never an invented person; the time from
 * SOURCE_DATE_EPOCH when set, otherwise HEAD's commit time, so the same tree gives the same file.
 */
export async function workingTreeStamp(git: Git): Promise<{ author: string; date: string }> {
  const author = (await git.tryRun(['config', 'user.name']))?.trim() || 'arbejdskopi';
  // A malformed SOURCE_DATE_EPOCH is an error, as the spec and the build have it (signingTimeFromEnv throws).
  if (process.env.SOURCE_DATE_EPOCH) return { author, date: wordInstant(signingTimeFromEnv(process.env)) };
  const headTime = (await git.tryRun(['log', '-1', '--format=%cI', 'HEAD', '--']))?.trim();
  return { author, date: (headTime && utcInstant(headTime)) || FALLBACK_DATE };
}
