import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { manifestEntry, serializeManifest, sha256, type ManifestEntry } from '../../scripts/emit/manifest.ts';
import { isCompleteOutput, unsafeManifestPath } from '../../scripts/emit/manifest-paths.ts';
import { OutputDir, OutputLockedError, recoverOutput } from '../../scripts/emit/output-dir.ts';
import { build } from '../../scripts/pipeline/build.ts';
import { MergeError, mergeShards } from '../../scripts/pipeline/merge.ts';
import { writeIntoOutput } from '../../scripts/tooling/outputs.ts';
import { STACK_TRACE } from '../helpers/cli.ts';
import { REPO_ROOT, RepoCopy } from '../helpers/repo.ts';
import { ENV, TODAY, runCommand, treeHashes } from './support.ts';

/** Above Linux's default pid_max: no such process, so its lock and leftovers are stale. */
const DEAD = 2 ** 22 + 12345;

const entry = (relative: string, bytes: string | Buffer): ManifestEntry =>
  manifestEntry(relative, { kind: 'hsa', id: relative, kommuner: [], opgave: null, version: null, status: null, sources: [] }, bytes);

/** A folder that looks like a build's output to recovery: files and a manifest listing them. */
function writeOutput(dir: string, files: Record<string, string>): void {
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, relative)), { recursive: true });
    writeFileSync(path.join(dir, relative), text);
  }
  writeFileSync(path.join(dir, 'manifest.json'), serializeManifest(Object.entries(files).map(([p, t]) => entry(p, t))));
}

const PREVIOUS = { 'kommuner/316-holbaek/hsa.pdf': 'the previous, complete output', 'frister.ics': 'BEGIN:VCALENDAR' };

const leftovers = (parent: string) =>
  readdirSync(parent)
    .filter((n) => /^out\.(lock|tmp-|old-)/.test(n))
    .sort();

/**
 * Files the machine will not let us delete or write. As root, permissions do not stop writes,
 * so the immutable attribute does (chattr +i; ext4 and most Linux file systems); otherwise a
 * read-only folder. If neither can be set, the test fails and says why: nothing is skipped.
 */
const IS_ROOT = process.getuid?.() === 0;
function chattr(args: string[]): void {
  const r = spawnSync('chattr', args, { encoding: 'utf8' });
  if (r.status !== 0)
    throw new Error(`chattr ${args.join(' ')} failed (${r.error?.message ?? r.stderr.trim()}); these tests need chattr when run as root, or a non-root user`);
}
/** `file` cannot be deleted (as root: the file is immutable; else its folder is read-only). */
function makeUndeletable(file: string): void {
  if (IS_ROOT) chattr(['+i', file]);
  else chmodSync(path.dirname(file), 0o555);
}
/** Nothing can be created in `dir`. */
function makeReadOnlyFolder(dir: string): void {
  if (IS_ROOT) chattr(['+i', dir]);
  else chmodSync(dir, 0o555);
}
/** Undoes the above for everything below `dir` (the code under test may have moved it). */
function unlockAll(dir: string): void {
  if (!existsSync(dir)) return;
  if (IS_ROOT) chattr(['-R', '-i', dir]);
  else spawnSync('chmod', ['-R', 'u+w', dir]);
}

describe('a killed build never costs the previous output', () => {
  let parent: string;
  const out = () => path.join(parent, 'out');
  const parked = () => `${out()}.old-${DEAD}`;

  beforeAll(() => {
    parent = mkdtempSync(path.join(tmpdir(), 'aftaler-faults-'));
  });
  afterEach(() => {
    rmSync(parent, { recursive: true, force: true });
    mkdirSync(parent);
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));

  it('recognises a complete output by its manifest', () => {
    writeOutput(out(), PREVIOUS);
    expect(isCompleteOutput(out())).toBe(true);
    writeFileSync(path.join(out(), 'frister.ics'), 'truncated');
    expect(isCompleteOutput(out())).toBe(false);
    rmSync(path.join(out(), 'manifest.json'));
    expect(isCompleteOutput(out())).toBe(false);
  });

  it('killed between the renames, then status/frister made an out/ of their own: the parked output comes back', () => {
    writeOutput(parked(), PREVIOUS);
    const before = treeHashes(parked());
    mkdirSync(out());
    writeFileSync(path.join(out(), 'status.md'), '# Status'); // as an older `npm run status` left it
    const dir = new OutputDir(out());
    dir.open({ keepExisting: false });
    dir.close();
    expect(treeHashes(out())).toEqual(before);
    expect(leftovers(parent)).toEqual([]);
  });

  it('a complete out/ is kept and a parked one removed (killed after the swap)', () => {
    writeOutput(out(), { 'new.pdf': 'newer' });
    writeOutput(parked(), PREVIOUS);
    const before = treeHashes(out());
    recoverOutput(out());
    expect(treeHashes(out())).toEqual(before);
    expect(leftovers(parent)).toEqual([]);
  });

  it('a partial build (--only) that finds a parked output asks to be run again instead of writing a short manifest', () => {
    writeOutput(parked(), PREVIOUS);
    const before = treeHashes(parked());
    expect(() => new OutputDir(out()).open({ keepExisting: true })).toThrow(/^out\/ fra en tidligere, afbrudt build er lagt tilbage; kør kommandoen igen$/);
    expect(treeHashes(out())).toEqual(before);
    expect(leftovers(parent)).toEqual([]);
    const again = new OutputDir(out());
    again.open({ keepExisting: true });
    expect(treeHashes(again.staging)).toEqual(before);
    again.close();
  });

  it('status and frister put the parked output back before adding their files', () => {
    writeOutput(parked(), PREVIOUS);
    const before = treeHashes(parked());
    writeIntoOutput(out(), { 'status.md': '# Status' });
    expect(treeHashes(out())).toEqual(new Map([...before, ['status.md', sha256('# Status')]]));
    expect(leftovers(parent)).toEqual([]);
  });

  it('status and frister do not write while a build holds out/', () => {
    writeFileSync(`${out()}.lock`, String(process.ppid)); // a live process
    expect(() => writeIntoOutput(out(), { 'status.md': '# Status' })).toThrow(OutputLockedError);
    expect(existsSync(out())).toBe(false);
  });
});

describe('an output folder the machine refuses: one Danish line, exit 1', () => {
  let parent: string;
  const out = () => path.join(parent, 'out');

  beforeAll(() => {
    parent = mkdtempSync(path.join(tmpdir(), 'aftaler-faults-'));
  });
  afterEach(() => {
    unlockAll(parent);
    rmSync(parent, { recursive: true, force: true });
    mkdirSync(parent);
  });
  afterAll(() => {
    unlockAll(parent);
    rmSync(parent, { recursive: true, force: true });
  });

  for (const leftover of [`out.old-${DEAD}`, `out.tmp-${DEAD}`]) {
    it(`a leftover ${leftover.slice(0, 8)}* with a read-only file is named, with what to do`, () => {
      writeOutput(out(), PREVIOUS);
      writeOutput(path.join(parent, leftover), PREVIOUS);
      makeUndeletable(path.join(parent, leftover, 'kommuner/316-holbaek/hsa.pdf'));
      const dir = new OutputDir(out());
      const error = (() => {
        try {
          dir.open({ keepExisting: false });
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(OutputLockedError);
      expect((error as Error).message).toMatch(
        new RegExp(`^${path.join(parent, leftover)} er tilbage fra en afbrudt build og kan ikke slettes \\(.+: .+\\); slet den selv`),
      );
      expect((error as Error).message).not.toMatch(/\n|EPERM|EACCES|ENOTDIR/);
      expect((error as Error).message).toContain(IS_ROOT ? 'hsa.pdf: ikke tilladt' : 'hsa.pdf: ingen adgang');
      expect(existsSync(`${out()}.lock`)).toBe(false); // not left locked
      expect(isCompleteOutput(out())).toBe(true);
    });
  }

  it('a read-only file inside out/: the build that replaces it succeeds, the next one explains the leftover', () => {
    writeOutput(out(), PREVIOUS);
    makeUndeletable(path.join(out(), 'kommuner/316-holbaek/hsa.pdf'));
    const first = new OutputDir(out());
    first.open({ keepExisting: false });
    writeOutput(first.staging, { 'new.pdf': 'new' });
    first.commit();
    first.close();
    expect(isCompleteOutput(out())).toBe(true);
    expect(() => new OutputDir(out()).open({ keepExisting: false })).toThrow(
      /out\.old-\d+ er tilbage fra en afbrudt build og kan ikke slettes .*; slet den selv/,
    );
  });

  it('a read-only parent folder', () => {
    const readOnly = path.join(parent, 'ro');
    mkdirSync(readOnly);
    makeReadOnlyFolder(readOnly);
    expect(() => new OutputDir(path.join(readOnly, 'out')).open({ keepExisting: false })).toThrow(
      new RegExp(`^der kan ikke skrives i ${readOnly} \\(.+\\); giv skriveadgang til mappen, eller vælg en anden outputmappe med --out$`),
    );
    expect(() => writeIntoOutput(path.join(readOnly, 'out'), { 'status.md': '#' })).toThrow(OutputLockedError);
  });
});

describe('merge keeps every path from a manifest inside its folders', () => {
  let work: string;
  const shard = (n: number) => path.join(work, 'shards', `s${n}`);
  const out = () => path.join(work, 'merged', 'out');

  /** A shard folder with these files and a manifest that lists `listed` (default: the files). */
  function makeShard(n: number, files: Record<string, string>, listed?: ManifestEntry[]): void {
    mkdirSync(shard(n), { recursive: true });
    for (const [relative, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(shard(n), relative)), { recursive: true });
      writeFileSync(path.join(shard(n), relative), text);
    }
    writeFileSync(path.join(shard(n), 'manifest.json'), serializeManifest(listed ?? Object.entries(files).map(([p, t]) => entry(p, t))));
  }

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'aftaler-merge-'));
  });
  afterEach(() => {
    rmSync(work, { recursive: true, force: true });
    mkdirSync(work);
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('merges ordinary shards', () => {
    makeShard(1, { 'a/x.pdf': 'x', 'kommuner/316/manifest.json': '{}' });
    makeShard(2, { 'a/y.pdf': 'y', 'a/x.pdf': 'x' });
    expect(
      mergeShards([shard(1), shard(2)], out())
        .map((e) => e.path)
        .sort(),
    ).toEqual(['a/x.pdf', 'a/y.pdf', 'kommuner/316/manifest.json']);
    expect([...treeHashes(out()).keys()]).toEqual(['a/x.pdf', 'a/y.pdf', 'kommuner/316/manifest.json', 'manifest.json']);
  });

  it('rejects ../evil.txt and writes nothing, inside or outside the output folder', () => {
    // The file it names exists, with the right hash: only the path is wrong.
    mkdirSync(path.join(work, 'shards'), { recursive: true });
    writeFileSync(path.join(work, 'shards', 'evil.txt'), 'evil');
    makeShard(1, { 'a/x.pdf': 'x' }, [entry('a/x.pdf', 'x'), entry('../evil.txt', 'evil')]);
    expect(() => mergeShards([shard(1)], out())).toThrow(/manifest\.json:\d+:\d+: stien »\.\.\/evil\.txt« kan ikke bruges: stien går op over mappen/);
    expect(existsSync(path.join(work, 'merged'))).toBe(false);
  });

  it.each([
    ['absolute', '/etc/passwd', /stien er absolut/],
    ['.. inside', 'a/../../evil.txt', /går op over mappen/],
    ['backslash', 'a\\..\\..\\evil.txt', /omvendt skråstreg/],
    ['NUL', 'a/x.pdf\u0000.txt', /NUL-tegn/],
    ['line break', 'a/x\n.pdf', /styretegn/],
    ['drive letter', 'C:evil.txt', /stien er absolut/],
    ['empty segment', 'a//x.pdf', /tomt led/],
    ['dot segment', './a/x.pdf', /tomt led/],
    ['empty', '', /tom/],
    ['very long name', `${'x'.repeat(300)}.pdf`, /over 255 byte/],
  ])('rejects a path that is %s', (_name, bad, why) => {
    makeShard(1, { 'a/x.pdf': 'x' }, [entry('a/x.pdf', 'x'), entry(bad, 'x')]);
    expect(() => mergeShards([shard(1)], out())).toThrow(why);
    expect(unsafeManifestPath(bad)).toBeDefined();
    expect(existsSync(path.join(work, 'merged'))).toBe(false);
  });

  it('rejects entries that are not entries, and a files list that is not a list', () => {
    makeShard(1, { 'a/x.pdf': 'x' }, [{ path: 'a/x.pdf' } as ManifestEntry]);
    expect(() => mergeShards([shard(1)], out())).toThrow(/mangler en gyldig »sha256«/);
    writeFileSync(path.join(shard(1), 'manifest.json'), '{"files": "a/x.pdf"}');
    expect(() => mergeShards([shard(1)], out())).toThrow(/»files« skal være en liste/);
    makeShard(1, { 'a/x.pdf': 'x' }, [entry('a/x.pdf', 'x'), { ...entry('a/x.pdf', 'x'), path: 42 as unknown as string }]);
    expect(() => mergeShards([shard(1)], out())).toThrow(/ikke en tekst/);
    expect(existsSync(path.join(work, 'merged'))).toBe(false);
  });

  it('reads no file through a symbolic link in a shard folder', () => {
    writeFileSync(path.join(work, 'secret.txt'), 'secret');
    makeShard(1, { 'a/x.pdf': 'x' }, [entry('a/x.pdf', 'x'), entry('a/secret.txt', 'secret')]);
    symlinkSync(path.join(work, 'secret.txt'), path.join(shard(1), 'a', 'secret.txt'));
    expect(() => mergeShards([shard(1)], out())).toThrow(/a\/secret\.txt er et symbolsk link/);
    // A linked folder, and a linked manifest.
    makeShard(2, { 'a/x.pdf': 'x' }, [entry('a/x.pdf', 'x'), entry('l/secret.txt', 'secret')]);
    symlinkSync(work, path.join(shard(2), 'l'));
    expect(() => mergeShards([shard(2)], out())).toThrow(/\/l er et symbolsk link/);
    makeShard(3, {});
    rmSync(path.join(shard(3), 'manifest.json'));
    symlinkSync(path.join(shard(1), 'manifest.json'), path.join(shard(3), 'manifest.json'));
    expect(() => mergeShards([shard(3)], out())).toThrow(/manifest\.json er et symbolsk link/);
    expect(existsSync(path.join(work, 'merged'))).toBe(false);
  });

  it('rejects a path that is a file in one entry and a folder in another, and the top-level manifest', () => {
    makeShard(1, { 'a/x.pdf': 'x' });
    makeShard(2, { a: 'a' });
    expect(() => mergeShards([shard(1), shard(2)], out())).toThrow(MergeError);
    makeShard(3, { 'manifest.json': 'x' }, [entry('manifest.json', 'x')]);
    expect(() => mergeShards([shard(3)], out())).toThrow(/forbeholdt det samlede manifest/);
    expect(existsSync(path.join(work, 'merged'))).toBe(false);
  });
});

/** A few end-to-end runs: what staff see, and the exit code. */
describe('the commands, end to end', () => {
  const repo = new RepoCopy(['agreements', 'schemas', 'templates']);
  afterEach(() => unlockAll(repo.root));
  afterAll(() => {
    unlockAll(repo.root);
    repo.remove();
  });

  const expectOneDanishLine = (r: { code: number | null; stdout: string; stderr: string }, line: RegExp) => {
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(line);
    expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stdout + r.stderr).not.toMatch(/intern fejl|EPERM|EACCES/);
  };

  it('frister after a build was killed between its renames: out/ is the previous output plus frister.ics', () => {
    writeOutput(repo.path(`out.old-${DEAD}`), PREVIOUS);
    const before = treeHashes(repo.path(`out.old-${DEAD}`));
    const r = runCommand('frister', ['--root', repo.root, '--today', TODAY], { env: ENV });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const now = treeHashes(repo.path('out'));
    expect(now.get('kommuner/316-holbaek/hsa.pdf')).toBe(before.get('kommuner/316-holbaek/hsa.pdf'));
    expect(now.get('manifest.json')).toBe(before.get('manifest.json'));
    expect(leftovers(repo.root)).toEqual([]);
  });

  it('build with an undeletable leftover, and with a read-only parent folder', () => {
    writeOutput(repo.path('out'), PREVIOUS); // complete: recovery removes the parked one
    writeOutput(repo.path(`out.old-${DEAD}`), PREVIOUS);
    makeUndeletable(repo.path(`out.old-${DEAD}/kommuner/316-holbaek/hsa.pdf`));
    const args = ['--root', repo.root, '--today', TODAY, '--quiet'];
    const r = runCommand('build', [...args, '--jobs', '1'], { env: ENV });
    expectOneDanishLine(
      r,
      new RegExp(
        `^Build afbrudt: ${repo.path(`out.old-${DEAD}`)} er tilbage fra en afbrudt build og kan ikke slettes .+; slet den selv, efter at have fjernet skrivebeskyttelsen, og kør igen$`,
        'm',
      ),
    );

    mkdirSync(repo.path('ro'));
    makeReadOnlyFolder(repo.path('ro'));
    const ro = runCommand('build', [...args, '--jobs', '1', '--out', 'ro/out'], { env: ENV });
    expectOneDanishLine(
      ro,
      new RegExp(
        `^Build afbrudt: der kan ikke skrives i ${repo.path('ro')} \\(.+\\); giv skriveadgang til mappen, eller vælg en anden outputmappe med --out$`,
        'm',
      ),
    );
  });

  it('merge with a crafted manifest: a positioned Danish message, exit 1, nothing written', () => {
    const s1 = repo.path('shards/s1');
    mkdirSync(path.join(s1, 'a'), { recursive: true });
    writeFileSync(repo.path('shards/evil.txt'), 'evil');
    writeFileSync(path.join(s1, 'a/x.pdf'), 'x');
    writeFileSync(path.join(s1, 'manifest.json'), serializeManifest([entry('a/x.pdf', 'x'), entry('../evil.txt', 'evil')]));
    const r = runCommand('merge', ['--out', repo.path('merged/out'), s1]);
    expectOneDanishLine(r, new RegExp(`^Sammenlægning afbrudt: ${s1}/manifest\\.json:\\d+:\\d+: stien »\\.\\./evil\\.txt« kan ikke bruges`, 'm'));
    expect(existsSync(repo.path('merged'))).toBe(false);
  });

  it('a closed stdout pipe ends a command quietly', async () => {
    // The reading end is closed before the command writes: its first write fails with EPIPE.
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/cli/check.ts'), '--root', repo.root, '--format', 'json'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => child.on('exit', (c, s) => resolve([c, s])));
    expect(stderr).toBe('');
    expect([code, signal]).toEqual([141, null]);
  });
});

describe('a build after a kill between the swap renames', () => {
  it('puts the parked output back first, so --only neither stops nor writes a short manifest', async () => {
    const repo = new RepoCopy(['agreements', 'schemas', 'templates']);
    try {
      // One rendering thread: this is about out/, and a second thread would load the PDF stack again.
      const first = await build({ root: repo.root, out: 'out', today: TODAY, env: ENV, jobs: 1 });
      expect(first.ok).toBe(true);
      const complete = treeHashes(repo.path('out'));
      // As a build killed between its two renames leaves it: out/ parked, no out/.
      renameSync(repo.path('out'), repo.path(`out.old-${DEAD}`));
      const partial = await build({ root: repo.root, out: 'out', today: TODAY, env: ENV, only: 'hsa-holbaek-akutsygepleje', jobs: 1 });
      expect(partial.ok).toBe(true);
      expect(treeHashes(repo.path('out'))).toEqual(complete);
      expect(leftovers(repo.root)).toEqual([]);
    } finally {
      repo.remove();
    }
  }, 180_000);
});

describe('status and frister never write into the sources', () => {
  it('refuse an output folder that holds sources (--out agreements), writing nothing', () => {
    const repo = new RepoCopy(['agreements']);
    try {
      const before = treeHashes(repo.path('agreements'));
      expect(() => writeIntoOutput(repo.path('agreements'), { 'status.md': '# Status' })).toThrow(
        /^agreements\/ kan ikke bruges som outputmappe: den indeholder ».+«, som ikke er output fra en build; outputmappen er til dannede filer, ikke kilder, så vælg en anden \(--out\)$/,
      );
      expect(treeHashes(repo.path('agreements'))).toEqual(before);
      expect(leftovers(repo.root)).toEqual([]);
    } finally {
      repo.remove();
    }
  });
});
