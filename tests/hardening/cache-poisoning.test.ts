import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { cacheKey, sha256 } from '../../scripts/basics/cache-file.ts';
import { loadValidators } from '../../scripts/validate/schemas.ts';
import { STACK_TRACE } from '../helpers/cli.ts';
import { hashTree } from '../helpers/files.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

/**
 * A pull request force-adds cache files (`git add -f .cache/…`) to poison what a fresh clone
 * checks, renders and seals: validator code that runs, parsed data that replaces a file's
 * content, a build cache that vouches for a forged output. Each route is tried on a scratch
 * checkout of the whole project (its own scripts/, so its own code root), committed (check and
 * build refuse) and merely present (ignored: the output equals a clean build); entries in the
 * real cache folder that this machine did not write are ignored too.
 */

const HSA_ID = 'hsa-holbaek-akutsygepleje';
const HSA = 'agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml';
const TODAY = '2026-01-15';
const EPOCH = '1767225600'; // 2026-01-01: the same seal time in every build
const FORGED_AMOUNT = 987654321;

let checkout: string;
const temps: string[] = [];
const temp = (prefix: string) => {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
};

const git = (...args: string[]) =>
  execFileSync('git', ['-C', checkout, ...args], {
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' },
  });

/** Runs a command of the scratch checkout's own code, with its own cache folder. */
function run(command: string, args: readonly string[], cacheDir: string, marker: string) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(checkout, 'scripts', 'cli', `${command}.ts`), ...args], {
    cwd: checkout,
    encoding: 'utf8',
    env: { ...process.env, AFTALER_CACHE_DIR: cacheDir, POISON_MARKER: marker, SOURCE_DATE_EPOCH: EPOCH, AFTALER_SIGN_P12: '', AFTALER_SIGN_P12_BASE64: '' },
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

const build = (cacheDir: string, marker: string) => run('build', ['--only', HSA_ID, '--today', TODAY, '--quiet', '--jobs', '1'], cacheDir, marker);

/** The old cache file layout: key and a plain checksum, which anyone can compute. */
const oldEntry = (key: string, body: string) => `// aftaler-cache ${key} ${sha256(body)}\n${body}`;

/** Writes the poisoned files into the checkout's .cache/ and a forged out/. */
function plant(forgedOutput: Buffer, buildIndex: string, marker: string): string[] {
  // 1. Validator code that runs: the real validators plus a line that leaves a marker file.
  const scratch = temp('aftaler-validators-');
  loadValidators(checkout, scratch);
  const [name] = readdirSync(scratch).filter((n) => n.endsWith('.cjs'));
  const key = name!.replace(/\.cjs$/, '');
  const real = readFileSync(path.join(scratch, name!), 'utf8');
  const code = `require('node:fs').writeFileSync(process.env.POISON_MARKER || ${JSON.stringify(marker)}, 'kørt');\n${real.slice(real.indexOf('\n') + 1)}`;
  const files: Array<[string, string | Buffer]> = [[`.cache/validators/${key}.cjs`, oldEntry(key, code)]];

  // 2. Parsed data that replaces the HSA's content: an amount no YAML holds.
  const text = readFileSync(path.join(checkout, HSA), 'utf8');
  const data = parse(text) as { finansiering: { aarligt_beloeb_kr: number | null } };
  data.finansiering.aarligt_beloeb_kr = FORGED_AMOUNT;
  const parsedKey = parsedCacheKey();
  files.push([
    `.cache/parsed/${sha256(path.resolve(checkout)).slice(0, 16)}.json`,
    oldEntry(parsedKey, JSON.stringify({ [sha256(text)]: JSON.stringify(data) })),
  ]);

  // 3. A build cache that vouches for a forged output, and the forged output itself.
  files.push([`.cache/build/${sha256(path.resolve(checkout, 'out')).slice(0, 16)}.json`, buildIndex]);
  files.push([`out/midt-og-vestsjaelland/316-holbaek/${HSA_ID}.pdf`, forgedOutput]);

  for (const [file, content] of files) {
    mkdirSync(path.dirname(path.join(checkout, file)), { recursive: true });
    writeFileSync(path.join(checkout, file), content);
  }
  return files.map(([file]) => file);
}

/** The parse cache's key as the code computes it (the parser's source and the yaml version). */
function parsedCacheKey(): string {
  // Reproduced from parse-cache.ts's codeKey(): the route must be tried with a key that matches.
  const yamlVersion = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'node_modules', 'yaml', 'package.json'), 'utf8')) as { version: string }).version;
  const parser = readFileSync(path.join(checkout, 'scripts', 'load', 'parse-yaml.ts'), 'utf8');
  return cacheKey(['parsed 1', yamlVersion, parser]);
}

describe('cache poisoning through a commit', () => {
  let clean: Map<string, string>;
  let cleanCache: string;
  /** The commit of the clean build: every .docx names the commit it was built from. */
  let cleanCommit: string;

  beforeAll(() => {
    checkout = temp('aftaler-checkout-');
    for (const part of ['agreements', 'schemas', 'templates', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json', '.gitignore']) {
      cpSync(path.join(REPO_ROOT, part), path.join(checkout, part), { recursive: true });
    }
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(checkout, 'node_modules'));
    git('init', '-q', '-b', 'main');
    git('add', 'agreements', 'schemas', 'templates', 'scripts', 'package.json', 'package-lock.json', 'tsconfig.json', '.gitignore');
    git('commit', '-q', '-m', 'ren');
    cleanCommit = git('rev-parse', 'HEAD').trim();

    cleanCache = temp('aftaler-cache-clean-');
    const r = build(cleanCache, path.join(checkout, 'marker-clean'));
    expect(r.code, r.out).toBe(0);
    clean = hashTree(path.join(checkout, 'out'));
    rmSync(path.join(checkout, 'out'), { recursive: true });
  }, 180_000);

  afterAll(() => {
    for (const dir of temps) rmSync(dir, { recursive: true, force: true });
  });

  /** A build cache index as this code writes it, with the HSA's PDF replaced by `forged`. */
  function forgedIndex(forged: Buffer): string {
    const [file] = readdirSync(cleanCache, { recursive: true, encoding: 'utf8' }).filter((f) => f.includes(`build${path.sep}`) && f.endsWith('.json'));
    const text = readFileSync(path.join(cleanCache, file!), 'utf8');
    const pdf = `midt-og-vestsjaelland/316-holbaek/${HSA_ID}.pdf`;
    return text.slice(text.indexOf('\n') + 1).replaceAll(clean.get(pdf)!, sha256(forged));
  }

  it('a committed cache or output: check and build refuse it at each file, run nothing and write nothing', () => {
    const marker = path.join(checkout, 'marker-committed');
    const forged = Buffer.from('%PDF-1.7\nFORFALSKET\n%%EOF\n');
    const files = plant(forged, forgedIndex(forged), marker);
    git('add', '-f', ...files);
    git('commit', '-q', '-m', 'tilføj cache');
    try {
      const cacheDir = temp('aftaler-cache-');
      const check = run('check', ['--today', TODAY], cacheDir, marker);
      expect(check.code, check.out).toBe(1);
      for (const file of files)
        expect(check.out).toMatch(new RegExp(`^${file.replace(/[.]/g, '\\.')}:1:1 +fejl +repo/genereret-fil-i-git +Filen er dannet af programmet`, 'm'));
      expect(check.out).not.toMatch(STACK_TRACE);
      const built = build(cacheDir, marker);
      expect(built.code, built.out).toBe(1);
      expect(built.out).toContain('repo/genereret-fil-i-git');
      expect(existsSync(marker), 'the committed validator code ran').toBe(false);
      expect(readFileSync(path.join(checkout, `out/midt-og-vestsjaelland/316-holbaek/${HSA_ID}.pdf`))).toEqual(forged); // untouched: the build stopped
    } finally {
      // Back to the clean commit (the files stay in the work tree, untracked): the tests below
      // compare with the clean build, and a .docx names the commit it is built from.
      git('reset', '-q', cleanCommit);
    }
  }, 180_000);

  it('cache files in the work tree (not committed) are never read: the sealed output equals a clean build', () => {
    const marker = path.join(checkout, 'marker-tree');
    const forged = Buffer.from('%PDF-1.7\nFORFALSKET\n%%EOF\n');
    plant(forged, forgedIndex(forged), marker);
    const built = build(temp('aftaler-cache-'), marker);
    expect(built.code, built.out).toBe(0);
    expect(existsSync(marker), 'validator code from the work tree ran').toBe(false);
    expect(hashTree(path.join(checkout, 'out'))).toEqual(clean);
    rmSync(path.join(checkout, '.cache'), { recursive: true });
    rmSync(path.join(checkout, 'out'), { recursive: true });
  }, 180_000);

  it('entries in the cache folder that this machine did not write are ignored (e.g. restored from a shared CI cache)', () => {
    const marker = path.join(checkout, 'marker-home');
    const forged = Buffer.from('%PDF-1.7\nFORFALSKET\n%%EOF\n');
    // The cache folder of a machine that built before, its key kept, with every entry replaced by
    // a poisoned one under the plain checksum an attacker can compute (written elsewhere).
    const cacheDir = temp('aftaler-cache-restored-');
    cpSync(cleanCache, cacheDir, { recursive: true });
    const planted = plant(forged, forgedIndex(forged), marker);
    const [codeDir] = readdirSync(cacheDir).filter((n) => n !== 'key');
    for (const sub of ['validators', 'parsed']) {
      const [file] = planted.filter((f) => f.startsWith(`.cache/${sub}/`));
      for (const name of readdirSync(path.join(cacheDir, codeDir!, sub)))
        writeFileSync(path.join(cacheDir, codeDir!, sub, name), readFileSync(path.join(checkout, file!)));
    }
    const buildDir = path.join(cacheDir, codeDir!, 'build');
    for (const name of readdirSync(buildDir, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.json'))) {
      writeFileSync(path.join(buildDir, name), oldEntry('build 3', forgedIndex(forged)));
    }
    rmSync(path.join(checkout, '.cache'), { recursive: true });

    const built = build(cacheDir, marker);
    expect(built.code, built.out).toBe(0);
    expect(existsSync(marker), 'validator code not written by this machine ran').toBe(false);
    expect(hashTree(path.join(checkout, 'out'))).toEqual(clean);
  }, 180_000);
});
