/**
 * The commands run from JavaScript compiled by scripts/launch.mjs. These tests run the launcher
 * the way `npm run <command>` does, in a copy of the code, and prove what it promises: an edited
 * source is in effect at the next command, compiled code nobody compiled here never runs, and the
 * compiled code lives outside the checkout.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/repo.ts';

let scratch: string;
let checkout: string;
let cache: string;

function launch(args: readonly string[], cacheDir = cache) {
  const r = spawnSync(process.execPath, [path.join(checkout, 'scripts', 'launch.mjs'), ...args], {
    cwd: checkout,
    encoding: 'utf8',
    env: { ...process.env, AFTALER_CACHE_DIR: cacheDir, AFTALER_DEBUG: '' },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The one folder of compiled code below the cache home. */
function compiledDir(): string {
  const folders = readdirSync(cache).filter((n) => /^[0-9a-f]{16}$/.test(n));
  expect(folders).toHaveLength(1);
  return path.join(cache, folders[0]!, 'js');
}

const source = (rel: string) => path.join(checkout, 'scripts', rel);

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'aftaler-launch-'));
  checkout = path.join(scratch, 'checkout');
  cache = path.join(scratch, 'cache');
  mkdirSync(checkout);
  cpSync(path.join(REPO_ROOT, 'scripts'), path.join(checkout, 'scripts'), { recursive: true });
  cpSync(path.join(REPO_ROOT, 'package.json'), path.join(checkout, 'package.json'));
  // The checkout's own node_modules, of links to the real packages, so a test can take one away.
  mkdirSync(path.join(checkout, 'node_modules'));
  for (const name of readdirSync(path.join(REPO_ROOT, 'node_modules'))) {
    symlinkSync(path.join(REPO_ROOT, 'node_modules', name), path.join(checkout, 'node_modules', name));
  }
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('scripts/launch.mjs', () => {
  it('compiles the sources once, outside the checkout, and runs the command from them', () => {
    const first = launch(['check', '--help']);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('Brug: npm run check');
    const dir = compiledDir();
    expect(dir.startsWith(cache)).toBe(true);
    expect(existsSync(path.join(dir, 'scripts', 'cli', 'check.js'))).toBe(true);
    expect(readFileSync(path.join(dir, 'checkout'), 'utf8')).toBe(checkout);
    expect(existsSync(path.join(checkout, 'scripts', 'cli', 'check.js'))).toBe(false);

    // Nothing to compile the second time: the same output.
    const compile = launch(['--compile']);
    expect(compile).toMatchObject({ code: 0, stderr: '' });
    expect(launch(['check', '--help']).stdout).toBe(first.stdout);
  });

  it('runs an edited source at the next command, in the command itself and in a module it imports', () => {
    const command = source('cli/check.ts');
    const deep = source('basics/repo-root.ts');
    const originalCommand = readFileSync(command, 'utf8');
    const originalDeep = readFileSync(deep, 'utf8');
    try {
      writeFileSync(command, originalCommand.replace('Brug: npm run check', 'Brug (redigeret): npm run check'));
      appendFileSync(deep, "\nprocess.stderr.write('modul redigeret\\n');\n");
      const edited = launch(['check', '--help']);
      expect(edited.code).toBe(0);
      expect(edited.stdout).toContain('Brug (redigeret): npm run check');
      expect(edited.stderr).toContain('modul redigeret');
    } finally {
      writeFileSync(command, originalCommand);
      writeFileSync(deep, originalDeep);
    }
    const restored = launch(['check', '--help']);
    expect(restored.stdout).toContain('Brug: npm run check');
    expect(restored.stderr).not.toContain('modul redigeret');
  });

  it('never runs compiled code it did not write: an altered file is compiled again', () => {
    launch(['--compile']);
    const compiled = path.join(compiledDir(), 'scripts', 'cli', 'check.js');
    writeFileSync(compiled, "process.stdout.write('FORFALSKET\\n');\n");
    const r = launch(['check', '--help']);
    expect(r.stdout).not.toContain('FORFALSKET');
    expect(r.stdout).toContain('Brug: npm run check');
  });

  it('ignores a manifest that this machine did not sign', () => {
    launch(['--compile']);
    const dir = compiledDir();
    const compiled = path.join(dir, 'scripts', 'cli', 'check.js');
    const forged = "process.stdout.write('FORFALSKET\\n');\n";
    writeFileSync(compiled, forged);
    // A manifest that vouches for the altered file, signed under another key.
    const manifest = readFileSync(path.join(dir, 'manifest'), 'utf8');
    const body = JSON.parse(manifest.slice(manifest.indexOf('\n') + 1)) as { files: Record<string, { output: string }> };
    body.files['cli/check.ts']!.output = createHash('sha256').update(forged).digest('hex');
    writeFileSync(path.join(dir, 'manifest'), `${'0'.repeat(64)}\n${JSON.stringify(body)}`);
    expect(launch(['check', '--help']).stdout).not.toContain('FORFALSKET');
  });

  it('removes the compiled module of a removed source', () => {
    const extra = source('basics/extra-module.ts');
    writeFileSync(extra, 'export const x = 1;\n');
    launch(['--compile']);
    const compiled = path.join(compiledDir(), 'scripts', 'basics', 'extra-module.js');
    expect(existsSync(compiled)).toBe(true);
    rmSync(extra);
    launch(['--compile']);
    expect(existsSync(compiled)).toBe(false);
  });

  it('runs from the sources through tsx when the cache folder lies inside the checkout', () => {
    const inside = path.join(checkout, '.cache', 'aftaler');
    const r = launch(['check', '--help'], inside);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Brug: npm run check');
    expect(existsSync(inside)).toBe(false);
    expect(launch(['--compile'], inside).stderr).toContain('Kunne ikke oversætte');
  });

  it('makes the folder again when it holds anything it did not write, and runs none of it', () => {
    launch(['--compile']);
    const dir = compiledDir();
    // A package placed where Node looks first, an extra module, and a checkout file pointing elsewhere.
    const planted = path.join(dir, 'scripts', 'node_modules', 'yaml');
    mkdirSync(planted, { recursive: true });
    writeFileSync(path.join(planted, 'package.json'), '{ "name": "yaml", "main": "index.js" }');
    writeFileSync(path.join(planted, 'index.js'), "process.stdout.write('FORFALSKET\\n');");
    writeFileSync(path.join(dir, 'scripts', 'ekstra.js'), '');
    const r = launch(['check', '--help']);
    expect(r.stdout).not.toContain('FORFALSKET');
    expect(existsSync(planted)).toBe(false);
    expect(existsSync(path.join(dir, 'scripts', 'ekstra.js'))).toBe(false);

    writeFileSync(path.join(dir, 'checkout'), scratch);
    expect(launch(['check', '--help']).code).toBe(0);
    expect(readFileSync(path.join(dir, 'checkout'), 'utf8')).toBe(checkout);
  });

  it('does not follow a symbolic link in scripts/', () => {
    const outside = path.join(scratch, 'outside');
    mkdirSync(outside, { recursive: true });
    writeFileSync(path.join(outside, 'fremmed.ts'), 'export const x = 1;\n');
    const link = source('basics/linked');
    symlinkSync(outside, link, 'dir');
    try {
      launch(['--compile']);
      expect(existsSync(path.join(compiledDir(), 'scripts', 'basics', 'linked', 'fremmed.js'))).toBe(false);
    } finally {
      rmSync(link);
    }
  });

  it('runs the compiled code without TypeScript, and says in Danish when it cannot start at all', () => {
    launch(['--compile']);
    const modules = path.join(checkout, 'node_modules');
    const removed = ['typescript', 'tsx'];
    for (const name of removed) rmSync(path.join(modules, name));
    const command = source('cli/check.ts');
    const original = readFileSync(command, 'utf8');
    try {
      // Nothing changed: the compiled code runs.
      expect(launch(['check', '--help'])).toMatchObject({ code: 0, stderr: '' });
      // A changed source cannot be compiled, and there is no tsx to run it: a Danish line, exit 2.
      writeFileSync(command, original.replace('Brug: npm run check', 'Brug (ny): npm run check'));
      const r = launch(['check', '--help']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('Kommandoen kan ikke startes: hverken TypeScript eller tsx er installeret. Kør npm ci (med udviklingspakkerne).\n');
      expect(r.stdout).toBe('');
      const compile = launch(['--compile']);
      expect(compile.code).toBe(0);
      expect(compile.stderr).toContain('Kunne ikke oversætte');
    } finally {
      writeFileSync(command, original);
      for (const name of removed) symlinkSync(path.join(REPO_ROOT, 'node_modules', name), path.join(modules, name));
    }
    expect(launch(['check', '--help']).stdout).toContain('Brug: npm run check');
  });

  it('refuses an unknown command in Danish', () => {
    const r = launch(['findesikke']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('ukendt kommando: findesikke');
    expect(launch(['../cli/check']).code).toBe(2);
  });
});
