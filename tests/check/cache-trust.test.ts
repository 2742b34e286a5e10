import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfig, configDiagnostics } from '../../scripts/check/config.ts';
import { rules } from '../../scripts/check/rules/index.ts';
import { CODE_ROOT, cacheHome, codeCacheDir, readCacheFile, sha256, writeCacheFile } from '../../scripts/basics/cache-file.ts';
import { trackedGeneratedDiagnostics, trackedGeneratedFiles } from '../../scripts/load/tracked-generated.ts';

const temps: string[] = [];
const temp = () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'aftaler-trust-'));
  temps.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('cache entries are bound to this machine', () => {
  const saved = process.env.AFTALER_CACHE_DIR;
  let home: string;
  beforeEach(() => {
    home = temp();
    process.env.AFTALER_CACHE_DIR = home;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.AFTALER_CACHE_DIR;
    else process.env.AFTALER_CACHE_DIR = saved;
  });

  it('live outside the checkout, one folder per checkout, under AFTALER_CACHE_DIR', () => {
    expect(cacheHome()).toBe(home);
    expect(codeCacheDir()).toBe(path.join(home, sha256(CODE_ROOT).slice(0, 16)));
    expect(cacheHome({ XDG_CACHE_HOME: '/x/cache' })).toBe('/x/cache/aftaler');
    expect(cacheHome({ XDG_CACHE_HOME: 'relative' })).not.toContain('relative'); // the XDG spec ignores relative paths
  });

  it('are off when the cache folder would be inside the checkout or the data root', () => {
    process.env.AFTALER_CACHE_DIR = path.join(CODE_ROOT, '.cache');
    expect(codeCacheDir()).toBeUndefined();
    const file = path.join(CODE_ROOT, '.cache', 'never', 'x.json');
    writeCacheFile(file, 'k', 'body');
    expect(readCacheFile(file, 'k')).toBeUndefined();
    process.env.AFTALER_CACHE_DIR = path.join(home, 'data', '.cache');
    expect(codeCacheDir(path.join(home, 'data'))).toBeUndefined();
    expect(codeCacheDir(path.join(home, 'other'))).toBeDefined();
  });

  it('make the machine key once, readable by the owner only', () => {
    const file = path.join(home, 'entries', 'a.json');
    writeCacheFile(file, 'k', 'body');
    const key = path.join(home, 'key');
    expect(statSync(key).mode & 0o777).toBe(0o600);
    expect(statSync(key).size).toBe(32);
    const first = readFileSync(key);
    writeCacheFile(file, 'k', 'body 2');
    expect(readFileSync(key).equals(first)).toBe(true);
    expect(readCacheFile(file, 'k')).toBe('body 2');
  });

  it('ignore an entry with a checksum anyone can compute, or written under another machine key', () => {
    const file = path.join(home, 'entries', 'a.json');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `// aftaler-cache k ${sha256('forged')}\nforged`);
    expect(readCacheFile(file, 'k')).toBeUndefined();

    writeCacheFile(file, 'k', 'mine');
    const mine = readFileSync(file);
    expect(readCacheFile(file, 'k')).toBe('mine');
    // Another machine: another home, so another key; the same bytes are not accepted there.
    process.env.AFTALER_CACHE_DIR = temp();
    expect(readCacheFile(file, 'k')).toBeUndefined();
    writeFileSync(file, mine);
    expect(readCacheFile(file, 'k')).toBeUndefined();
  });

  it('ignore an entry whose body was changed, or that is read under another key', () => {
    const file = path.join(home, 'entries', 'a.json');
    writeCacheFile(file, 'k', 'original');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('original', 'changed!'));
    expect(readCacheFile(file, 'k')).toBeUndefined();
    writeCacheFile(file, 'k', 'original');
    expect(readCacheFile(file, 'other')).toBeUndefined();
  });
});

describe('generated files committed to git (repo/genereret-fil-i-git)', () => {
  function repo(): string {
    const dir = temp();
    const git = (...args: string[]) => execFileSync('git', ['-C', dir, ...args], { stdio: 'ignore' });
    git('init', '-q');
    writeFileSync(path.join(dir, '.gitignore'), 'out/\n.cache/\n.signing/\nnode_modules/\n*.tsbuildinfo\n');
    for (const file of [
      '.cache/validators/x.cjs',
      '.cache/parsed/y.json',
      'out/a.pdf',
      'out.old-12/b.pdf',
      '.signing/key.pem',
      'node_modules/x/index.js',
      'tsconfig.tsbuildinfo',
      'agreements/a.yaml',
      'outline.md',
    ]) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), 'x');
    }
    git('add', '.gitignore', 'agreements', 'outline.md');
    git('add', '-f', '.cache', 'out', 'out.old-12', '.signing', 'node_modules', 'tsconfig.tsbuildinfo');
    return dir;
  }

  it('lists every committed cache, output, certificate, package and ignored file, and nothing else', () => {
    expect(trackedGeneratedFiles(repo())).toEqual([
      '.cache/parsed/y.json',
      '.cache/validators/x.cjs',
      '.signing/key.pem',
      'node_modules/x/index.js',
      'out.old-12/b.pdf',
      'out/a.pdf',
      'tsconfig.tsbuildinfo',
    ]);
  });

  it('holds even when the committed .gitignore no longer ignores them', () => {
    const dir = repo();
    writeFileSync(path.join(dir, '.gitignore'), '');
    expect(trackedGeneratedFiles(dir)).toContain('.cache/validators/x.cjs');
    expect(trackedGeneratedFiles(dir)).not.toContain('tsconfig.tsbuildinfo');
  });

  it('reports each as an error naming the file and how to remove it; nothing outside git', () => {
    const findings = trackedGeneratedDiagnostics(repo());
    expect(findings).toHaveLength(7);
    expect(findings[0]).toMatchObject({ rule: 'repo/genereret-fil-i-git', severity: 'error', file: '.cache/parsed/y.json' });
    expect(findings[0]!.message).toContain("git rm --cached -- '.cache/parsed/y.json'");
    expect(trackedGeneratedDiagnostics(temp())).toEqual([]);
  });

  it('lists at most 20, then counts the rest', () => {
    const dir = repo();
    mkdirSync(path.join(dir, 'out', 'many'));
    for (let i = 0; i < 30; i++) writeFileSync(path.join(dir, 'out', 'many', `${i}.pdf`), '');
    execFileSync('git', ['-C', dir, 'add', '-f', 'out'], { stdio: 'ignore' });
    const findings = trackedGeneratedDiagnostics(dir);
    expect(findings).toHaveLength(21);
    expect(findings[20]!.message).toBe('… og 17 flere dannede filer i git');
  });
});

describe('.aftalerrc.json cannot weaken a locked rule (config/laast-regel)', () => {
  it('refuses off and warning for locked rules at the rule’s line, and keeps them errors', () => {
    const text =
      '{\n  "rules": {\n    "kapacitet/ukendt": "off",\n    "ref/dobbelt-id": "off",\n    "status/godkendt-uden-dato": "warning",\n    "ref/ukendt-dokument": "error"\n  }\n}\n';
    const config = parseConfig(text, rules);
    expect(config.rules).toEqual({ 'kapacitet/ukendt': 'off', 'ref/ukendt-dokument': 'error' });
    const findings = configDiagnostics(config);
    expect(findings.map((f) => [f.rule, f.file, text.slice(f.span!.start, f.span!.end)])).toEqual([
      ['config/laast-regel', '.aftalerrc.json', '"ref/dobbelt-id"'],
      ['config/laast-regel', '.aftalerrc.json', '"status/godkendt-uden-dato"'],
    ]);
    expect(findings[0]!.message).toMatch(/^Reglen »ref\/dobbelt-id« kan ikke sættes til "off"/);
  });

  it('locks the rules that keep the output truthful', () => {
    const locked = rules.filter((r) => r.locked).map((r) => r.id);
    for (const id of [
      'ref/dobbelt-id',
      'ref/dobbelt-dokid',
      'ref/ukendt-dokument',
      'ref/ukendt-kommune',
      'status/godkendt-uden-dato',
      'bilag/ekstern-fil',
      'bilag/sha256',
      'bilag/forkert-version',
      'ref/sti-navn',
      'ref/bilag-sig-selv',
    ])
      expect(locked).toContain(id);
    expect(locked).not.toContain('kapacitet/ukendt');
  });

  it('refuses a key written twice (JSON.parse would keep the last, hiding an »off«)', () => {
    expect(() => parseConfig('{"rules": {"ref/dobbelt-id": "error", "ref/dobbelt-id": "off"}}', rules)).toThrow(
      /^\.aftalerrc\.json:1:39: en nøgle står to gange/,
    );
  });
});
