import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TreeWatcher } from '../../scripts/tooling/tree-watcher.ts';
import { classifyChange, planJob, type Change } from '../../scripts/tooling/watch-plan.ts';
import { REPO_ROOT, RepoCopy } from '../helpers/repo.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Saves the way many editors do: write a temporary file, rename it over the original. */
function saveByRename(file: string, text: string): void {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.swp`);
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

describe('watch: what a saved file asks for', () => {
  const lejre = 'agreements/midt-og-vestsjaelland/lejre/hsa-lejre-akutsygepleje.yaml';

  it('classifies data, reference data, templates and partials, and ignores editor files', () => {
    expect(classifyChange(REPO_ROOT, lejre)).toEqual({ type: 'document', file: lejre, id: 'hsa-lejre-akutsygepleje' });
    expect(classifyChange(REPO_ROOT, 'agreements/reference/frister.yaml')).toEqual({ type: 'reference', file: 'agreements/reference/frister.yaml' });
    expect(classifyChange(REPO_ROOT, 'templates/hsa.md.hbs')).toEqual({ type: 'template', file: 'templates/hsa.md.hbs', kind: 'hsa' });
    expect(classifyChange(REPO_ROOT, 'templates/partials/frister.md.hbs')).toEqual({
      type: 'template',
      file: 'templates/partials/frister.md.hbs',
      kind: undefined,
    });
    expect(classifyChange(REPO_ROOT, 'agreements/midt-og-vestsjaelland/lejre/gone.yaml')).toEqual({
      type: 'removed',
      file: 'agreements/midt-og-vestsjaelland/lejre/gone.yaml',
    });
    for (const ignored of [
      `${lejre}~`,
      'agreements/midt-og-vestsjaelland/lejre/.hsa.yaml.swp',
      'agreements/midt-og-vestsjaelland/lejre/4913',
      'agreements/x.yml',
      'templates/notes.txt',
    ]) {
      expect(classifyChange(REPO_ROOT, ignored), ignored).toBeUndefined();
    }
  });

  it('coalesces one debounce window: a template change means one full build, documents build once each', () => {
    const doc = (id: string): Change => ({ type: 'document', file: `agreements/x/${id}.yaml`, id });
    expect(planJob([doc('a'), doc('b'), doc('a')])).toMatchObject({ type: 'documents', ids: ['a', 'b'] });
    expect(planJob([doc('a'), { type: 'template', file: 'templates/hsa.md.hbs', kind: 'hsa' }])).toMatchObject({ type: 'all' });
    expect(planJob([{ type: 'removed', file: 'agreements/x/a.yaml' }])).toMatchObject({ type: 'check' });
    expect(planJob([])).toBeUndefined();
  });
});

describe('watch: folder watching that survives rename-over saves', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'aftaler-watch-'));
  const seen: string[] = [];
  let watcher: TreeWatcher;
  const waitFor = async (file: string, count: number) => {
    for (let i = 0; i < 100 && seen.filter((f) => f === file).length < count; i++) await sleep(20);
    return seen.filter((f) => f === file).length;
  };

  beforeAll(() => {
    mkdirSync(path.join(root, 'agreements/a'), { recursive: true });
    writeFileSync(path.join(root, 'agreements/a/x.yaml'), '1');
    watcher = new TreeWatcher(
      root,
      ['agreements'],
      (f) => seen.push(f),
      (e) => {
        throw e;
      },
    );
  });
  afterAll(() => {
    watcher.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('reports every save of a file saved by rename, not only the first', async () => {
    saveByRename(path.join(root, 'agreements/a/x.yaml'), '2');
    expect(await waitFor('agreements/a/x.yaml', 1)).toBeGreaterThanOrEqual(1);
    const before = seen.length;
    saveByRename(path.join(root, 'agreements/a/x.yaml'), '3');
    await sleep(50);
    writeFileSync(path.join(root, 'agreements/a/x.yaml'), '4');
    for (let i = 0; i < 100 && seen.slice(before).filter((f) => f === 'agreements/a/x.yaml').length < 2; i++) await sleep(20);
    expect(seen.slice(before).filter((f) => f === 'agreements/a/x.yaml').length).toBeGreaterThanOrEqual(2);
  });

  it('watches folders created after it started', async () => {
    mkdirSync(path.join(root, 'agreements/b/c'), { recursive: true });
    await sleep(100);
    writeFileSync(path.join(root, 'agreements/b/c/y.yaml'), '1');
    expect(await waitFor('agreements/b/c/y.yaml', 1)).toBeGreaterThanOrEqual(1);
  });
});

describe('npm run watch (a child process on a copy of the repository)', () => {
  const copy = new RepoCopy(['agreements', 'schemas', 'templates']);
  const lejre = 'agreements/midt-og-vestsjaelland/lejre/hsa-lejre-akutsygepleje.yaml';
  let child: ChildProcess;
  let output = '';
  let exit: Promise<number | null>;

  /** Waits for a line matching `pattern` that was printed after `from` characters of output. */
  async function line(pattern: RegExp, from: number, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = output
        .slice(from)
        .split('\n')
        .find((l) => pattern.test(l));
      if (found) return found;
      await sleep(50);
    }
    throw new Error(`no line matching ${String(pattern)} within ${timeoutMs} ms; output:\n${output}`);
  }

  beforeAll(async () => {
    child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/cli/watch.ts'), '--root', copy.root, '--today', '2026-03-20', '--debounce', '100'],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, SOURCE_DATE_EPOCH: '1771891200' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout!.on('data', (b: Buffer) => (output += b.toString('utf8')));
    child.stderr!.on('data', (b: Buffer) => (output += b.toString('utf8')));
    exit = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    await line(/Overvåger agreements\/ og templates\/.*Kontrol: ✔ ingen fejl/, 0);
  }, 90_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await exit;
    }
    copy.remove();
  });

  it('re-checks and re-renders the saved document, and says so in one Danish line', async () => {
    const from = output.length;
    copy.replace(lejre, 'Regionen og Lejre Kommune har det fælles mål', 'Regionen og Lejre Kommune har det NYE fælles mål');
    const ok = await line(/✔ hsa-lejre-akutsygepleje kontrolleret og dannet/, from);
    expect(ok).toMatch(/→ out\/midt-og-vestsjaelland\/350-lejre\/hsa-lejre-akutsygepleje\.pdf på [\d,]+ s/);
    expect(copy.read('out/midt-og-vestsjaelland/350-lejre/hsa-lejre-akutsygepleje.md')).toContain('det NYE fælles mål');
  }, 90_000);

  it('points at the line of a mistake, and picks up the fix, also when the editor saves by renaming', async () => {
    let from = output.length;
    saveByRename(copy.path(lejre), copy.read(lejre).replace('status: udkast', 'status: kladde'));
    const bad = await line(/✖ hsa-lejre-akutsygepleje:/, from);
    expect(bad).toMatch(/hsa-lejre-akutsygepleje\.yaml:\d+:9: »kladde« er ikke en gyldig værdi for »status«/);
    from = output.length;
    saveByRename(copy.path(lejre), copy.read(lejre).replace('status: kladde', 'status: udkast'));
    await line(/✔ hsa-lejre-akutsygepleje kontrolleret og dannet/, from);
  }, 90_000);

  it('stops cleanly on Ctrl-C (SIGINT) with exit 0', async () => {
    const from = output.length;
    child.kill('SIGINT');
    const code = await Promise.race([exit, sleep(30_000).then(() => 'timeout' as const)]);
    expect(code).toBe(0);
    expect(output.slice(from)).toMatch(/Stoppet\./);
    expect(output).not.toMatch(/intern fejl|\n\s+at /);
  }, 40_000);
});
