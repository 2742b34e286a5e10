/**
 * The hostile corpus, second part: what surrounds the data. Each case prepares a fresh git
 * repository holding a copy of the data, schemas and templates (or shard folders, or sealed
 * PDFs), runs one command as a user would — check, build, diff, merge or verify — with a 256 MB
 * heap, and expects exit 1 with a positioned Danish line, no stack trace, and the sources and
 * any existing out/ untouched. tests/hardening/corpus.test.ts holds the first part (the data
 * itself, in-process).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manifestEntry, serializeManifest, type ManifestEntry } from '../../scripts/emit/manifest.ts';
import { STACK_TRACE } from '../helpers/cli.ts';
import { RepoCopy } from '../helpers/repo.ts';
import { DIR, ENV, HSA, TODAY, runCommand, runInThisProcess, treeHashes, type NodeRun } from './support.ts';

const HEAP_MB = 256;

/**
 * The first case of each command, and any case that could hang if its fix regressed, runs as a
 * user runs it: a new Node process with a 256 MB heap (a blown heap or a hang shows as a signal
 * or a timeout). The other cases run the same command inside this process, which spares starting
 * Node for each (tests/helpers/in-process.ts).
 */
const spawnedCommands = new Set<string>();
async function run(command: string, args: readonly string[], options: { env?: NodeJS.ProcessEnv; spawn?: boolean } = {}): Promise<NodeRun> {
  const first = !spawnedCommands.has(command);
  spawnedCommands.add(command);
  if (first || options.spawn) return runCommand(command, args, { heapMb: HEAP_MB, env: options.env });
  // In this process a build renders on this thread alone: the worker threads it would start
  // while checking (and that these refused builds never use) are the spawned build's to test.
  return runInThisProcess(command, command === 'build' ? [...args, '--jobs', '1'] : args, { env: options.env });
}
/** Generous: a run includes starting Node and tsx on a busy 2-core machine. */
const RUN_MS = 20_000;

const GIT_ENV = {
  GIT_AUTHOR_NAME: 't',
  GIT_AUTHOR_EMAIL: 't@t',
  GIT_COMMITTER_NAME: 't',
  GIT_COMMITTER_EMAIL: 't@t',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};
const git = (root: string, ...args: string[]) =>
  execFileSync('git', ['-C', root, '-c', 'commit.gpgsign=false', ...args], { env: { ...process.env, ...GIT_ENV }, encoding: 'utf8' });

/** A fresh repository: the data, schemas and templates, committed. */
function repository(): RepoCopy {
  const repo = new RepoCopy(['agreements', 'schemas', 'templates'], 'aftaler-corpus2-');
  git(repo.root, 'init', '-q', '-b', 'main');
  git(repo.root, 'add', '-A');
  git(repo.root, 'commit', '-q', '-m', 'data');
  return repo;
}

const commitForced = (repo: RepoCopy, files: Record<string, string>) => {
  for (const [file, text] of Object.entries(files)) repo.write(file, text);
  git(repo.root, 'add', '-f', ...Object.keys(files));
  git(repo.root, 'commit', '-q', '-m', 'tilføjet');
};

const PARTIAL = 'templates/partials/underskrifter.md.hbs';
const escape = (t: string) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** The start of a positioned finding line: `file:line:col  fejl  rule  `. */
const finding = (file: string, line: number, column: number, rule: string) =>
  new RegExp(`^${escape(`${file}:${line}:${column}`)} +fejl +${escape(rule)} +\\S`, 'm');

interface RepoCase {
  name: string;
  command: 'check' | 'build' | 'diff';
  /** Changes the fresh repository; some also return extra arguments for the command. */
  setup: ((repo: RepoCopy) => void) | ((repo: RepoCopy) => string[]);
  expect: (repo: RepoCopy) => RegExp;
  /** Runs in a process of its own even when it is not the command's first case (see run). */
  spawn?: boolean;
}

let MERGE_CASES = 0;
let VERIFY_CASES = 0;

const REPO_CASES: RepoCase[] = [
  // Committed generated files: caches, outputs, the development certificate.
  {
    name: 'committed validator cache',
    command: 'check',
    setup: (r) => commitForced(r, { '.cache/validators/k.cjs': 'require("fs").writeFileSync("/tmp/x","")' }),
    expect: () => finding('.cache/validators/k.cjs', 1, 1, 'repo/genereret-fil-i-git'),
  },
  {
    name: 'committed parsed-data cache',
    command: 'build',
    setup: (r) => commitForced(r, { '.cache/parsed/p.json': '{}' }),
    expect: () => finding('.cache/parsed/p.json', 1, 1, 'repo/genereret-fil-i-git'),
  },
  {
    name: 'committed build cache',
    command: 'build',
    setup: (r) => commitForced(r, { '.cache/build/b.json': '{}' }),
    expect: () => finding('.cache/build/b.json', 1, 1, 'repo/genereret-fil-i-git'),
  },
  {
    name: 'committed output PDF',
    command: 'build',
    setup: (r) => commitForced(r, { 'out/midt-og-vestsjaelland/x.pdf': '%PDF-1.7' }),
    expect: () => finding('out/midt-og-vestsjaelland/x.pdf', 1, 1, 'repo/genereret-fil-i-git'),
  },
  {
    name: 'committed development key',
    command: 'check',
    setup: (r) => commitForced(r, { '.signing/udviklingsnoegle.pem': 'x' }),
    expect: () => finding('.signing/udviklingsnoegle.pem', 1, 1, 'repo/genereret-fil-i-git'),
  },
  {
    name: 'committed installed package',
    command: 'check',
    setup: (r) => commitForced(r, { 'node_modules/handlebars/index.js': 'x' }),
    expect: () => finding('node_modules/handlebars/index.js', 1, 1, 'repo/genereret-fil-i-git'),
  },
  {
    name: 'committed cache with .gitignore emptied',
    command: 'check',
    setup: (r) => commitForced(r, { '.gitignore': '', '.cache/validators/k.cjs': 'x' }),
    expect: () => finding('.cache/validators/k.cjs', 1, 1, 'repo/genereret-fil-i-git'),
  },

  // .gitattributes that would make the reviewed bytes differ from the built ones.
  {
    name: 'export-ignore on an HSA',
    command: 'check',
    setup: (r) => commitForced(r, { '.gitattributes': `${HSA} export-ignore\n` }),
    expect: () => finding(HSA, 1, 1, 'repo/git-attribut'),
  },
  {
    name: 'export-subst on an HSA',
    command: 'build',
    setup: (r) => commitForced(r, { '.gitattributes': `${HSA} export-subst\n` }),
    expect: () => finding(HSA, 1, 1, 'repo/git-attribut'),
  },
  {
    name: 'a filter on a template',
    command: 'build',
    setup: (r) => commitForced(r, { '.gitattributes': `${PARTIAL} filter=ond\n` }),
    expect: () => finding(PARTIAL, 1, 1, 'repo/git-attribut'),
  },
  {
    name: 'working-tree-encoding on the data',
    command: 'check',
    setup: (r) => commitForced(r, { 'agreements/.gitattributes': '*.yaml working-tree-encoding=UTF-16\n' }),
    expect: () => finding(HSA, 1, 1, 'repo/git-attribut'),
  },

  // A configuration that would switch off a rule that keeps the output truthful.
  {
    name: 'config: duplicate ids off',
    command: 'check',
    setup: (r) => void r.write('.aftalerrc.json', '{\n  "rules": {\n    "ref/dobbelt-id": "off"\n  }\n}\n'),
    expect: () => finding('.aftalerrc.json', 3, 5, 'config/laast-regel'),
  },
  {
    name: 'config: status consistency a warning',
    command: 'build',
    setup: (r) => void r.write('.aftalerrc.json', '{"rules": {"status/godkendt-uden-dato": "warning"}}'),
    expect: () => finding('.aftalerrc.json', 1, 12, 'config/laast-regel'),
  },
  {
    name: 'config: unknown reference off',
    command: 'check',
    setup: (r) => void r.write('.aftalerrc.json', '{"rules": {"kapacitet/ukendt": "off", "ref/ukendt-dokument": "off"}}'),
    expect: () => finding('.aftalerrc.json', 1, 39, 'config/laast-regel'),
  },

  // Links among the inputs.
  {
    name: 'a partial that is a link to the environment',
    command: 'build',
    setup: (r) => {
      rmSync(r.path(PARTIAL));
      symlinkSync('/proc/self/environ', r.path(PARTIAL));
    },
    expect: () => finding(PARTIAL, 1, 1, 'template/syntax'),
  },
  {
    name: 'a schema that is a link',
    command: 'check',
    setup: (r) => {
      rmSync(r.path('schemas/hsa.schema.json'));
      symlinkSync('/proc/self/environ', r.path('schemas/hsa.schema.json'));
    },
    expect: () => finding('schemas/hsa.schema.json', 1, 1, 'fil/symbolsk-link'),
  },
  {
    name: 'a folder link to a parent folder',
    command: 'build',
    setup: (r) => symlinkSync('../..', r.path(`${DIR}/holbaek/loop`)),
    expect: () => finding(`${DIR}/holbaek/loop`, 1, 1, 'fil/symbolsk-link'),
  },

  // Schemas are committed like the data: their own mistakes are positioned findings too.
  {
    name: 'a schema that is not JSON',
    command: 'check',
    setup: (r) => r.replace('schemas/hsa.schema.json', '"formaal": {', '"formaal": {,'),
    expect: (r) => finding('schemas/hsa.schema.json', r.lineOf('schemas/hsa.schema.json', '"formaal": {,'), 17, 'skema/ugyldigt-skema'),
  },
  {
    name: 'a schema $ref to a remote URL (nothing is fetched)',
    command: 'build',
    setup: (r) =>
      r.replace('schemas/hsa.schema.json', '"formaal": { "$ref": "common.schema.json#/$defs/markdown"', '"formaal": { "$ref": "https://example.com/x.json"'),
    expect: () => finding('schemas', 1, 1, 'skema/ugyldigt-skema'),
  },

  {
    name: 'a schema pattern that backtracks exponentially, and a value made for it',
    command: 'check',
    setup: (r) => {
      const id = 'Filen skal hedde <id>.yaml.",\n      "type": "string",\n      "pattern": ';
      r.replace('schemas/common.schema.json', `${id}"^[a-z0-9]+(-[a-z0-9]+)*$"`, `${id}"^([a-z0-9]+|-)+$"`);
      r.replace(HSA, 'id: hsa-holbaek-akutsygepleje', `id: ${'a'.repeat(36)}!`);
    },
    expect: (r) => finding(HSA, r.lineOf(HSA, `id: ${'a'.repeat(36)}!`), 5, 'skema/moenster'),
    spawn: true, // a regression would hang: a process of its own can be timed out
  },

  // diff: a revision that cannot be rendered, and a tree git would not check out.
  {
    name: 'diff to a revision with a schema error',
    command: 'diff',
    setup: (r) => {
      r.replace(HSA, 'kommune: "316"', 'kommune: 316');
      git(r.root, 'commit', '-q', '-am', 'fejl');
      return ['HEAD~1', 'HEAD'];
    },
    expect: (r) => finding(HSA, r.lineOf(HSA, 'kommune: 316'), 10, 'skema/type'),
  },
  {
    name: 'diff to a crafted tree with »..«',
    command: 'diff',
    setup: (r) => {
      const blob = execFileSync('git', ['-C', r.root, 'hash-object', '-w', '--stdin'], { input: 'x' }).toString().trim();
      const evil = execFileSync('git', ['-C', r.root, 'mktree'], { input: `100644 blob ${blob}\t..\n` })
        .toString()
        .trim();
      const agreements = execFileSync('git', ['-C', r.root, 'mktree'], { input: `040000 tree ${evil}\tx\n` })
        .toString()
        .trim();
      const rest = git(r.root, 'ls-tree', 'HEAD')
        .split('\n')
        .filter((l) => l && !l.endsWith('\tagreements'));
      const tree = execFileSync('git', ['-C', r.root, 'mktree'], { input: [...rest, `040000 tree ${agreements}\tagreements`].join('\n') + '\n' })
        .toString()
        .trim();
      const commit = execFileSync('git', ['-C', r.root, 'commit-tree', tree, '-p', 'HEAD', '-m', 'ond'], { env: { ...process.env, ...GIT_ENV } })
        .toString()
        .trim();
      return ['HEAD', commit];
    },
    expect: () => /^Revisionen indeholder stien »agreements\/x\/\.\.«, som git ikke ville tjekke ud/m,
  },
];

describe(`hostile repositories through check, build and diff (${HEAP_MB} MB heap)`, () => {
  for (const c of REPO_CASES) {
    it(`${c.command}: ${c.name}`, async () => {
      const repo = repository();
      try {
        const extra = c.setup(repo) ?? [];
        const before = treeHashes(repo.root);
        const args =
          c.command === 'diff' ? ['--root', repo.root, ...extra] : ['--root', repo.root, '--today', TODAY, ...(c.command === 'build' ? ['--quiet'] : [])];
        const r = await run(c.command, args, { env: ENV, spawn: c.spawn });
        const output = r.stdout + r.stderr;
        expect(r.code, output).toBe(1);
        expect(r.signal).toBeNull();
        expect(output).toMatch(c.expect(repo));
        expect(output).not.toMatch(STACK_TRACE);
        expect(output).not.toMatch(/intern fejl|FATAL|heap/);
        expect(r.ms).toBeLessThan(RUN_MS);
        // Nothing written into the repository (the lock and staging folders are gone too).
        expect(treeHashes(repo.root)).toEqual(before);
      } finally {
        repo.remove();
      }
    });
  }
});

describe(`crafted shard manifests through merge (${HEAP_MB} MB heap)`, () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), 'aftaler-corpus2-merge-'));
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  const entry = (relative: string, bytes: string): ManifestEntry =>
    manifestEntry(relative, { kind: 'hsa', id: relative, kommuner: [], opgave: null, version: null, status: null, sources: [] }, bytes);

  const cases: Array<{ name: string; make: (shard: string) => void; message: RegExp }> = [
    {
      name: '../evil.txt',
      make: (s) => writeFileSync(path.join(s, 'manifest.json'), serializeManifest([entry('a.pdf', 'a'), entry('../evil.txt', 'evil')])),
      message: /stien »\.\.\/evil\.txt« kan ikke bruges: stien går op over mappen/,
    },
    {
      name: 'an absolute path',
      make: (s) => writeFileSync(path.join(s, 'manifest.json'), serializeManifest([entry('/tmp/evil.txt', 'evil')])),
      message: /stien er absolut/,
    },
    {
      name: 'a NUL in a path',
      make: (s) => writeFileSync(path.join(s, 'manifest.json'), serializeManifest([entry('a.pdf\u0000/../../evil.txt', 'evil')])),
      message: /NUL-tegn/,
    },
    {
      name: 'a backslash path',
      make: (s) => writeFileSync(path.join(s, 'manifest.json'), serializeManifest([entry('a\\..\\..\\evil.txt', 'evil')])),
      message: /omvendt skråstreg/,
    },
    {
      name: 'a listed file that is a link',
      make: (s) => {
        rmSync(path.join(s, 'a.pdf'));
        symlinkSync('/etc/passwd', path.join(s, 'a.pdf'));
        writeFileSync(path.join(s, 'manifest.json'), serializeManifest([entry('a.pdf', 'a')]));
      },
      message: /link/,
    },
  ];

  MERGE_CASES = cases.length;
  for (const c of cases) {
    it(`merge: ${c.name}`, async () => {
      const dir = mkdtempSync(path.join(work, 'case-'));
      const shard = path.join(dir, 'shard');
      mkdirSync(shard);
      writeFileSync(path.join(shard, 'a.pdf'), 'a');
      writeFileSync(path.join(dir, 'evil.txt'), 'evil');
      c.make(shard);
      const before = treeHashes(dir);
      const r = await run('merge', ['--out', path.join(dir, 'merged'), shard]);
      const output = r.stdout + r.stderr;
      expect(r.code, output).toBe(1);
      expect(output).toMatch(/manifest\.json(:\d+:\d+)?: /);
      expect(output).toMatch(c.message);
      expect(output).not.toMatch(STACK_TRACE);
      expect(r.ms).toBeLessThan(RUN_MS);
      expect(existsSync(path.join(dir, 'merged'))).toBe(false);
      expect(existsSync('/tmp/evil.txt')).toBe(false);
      expect(treeHashes(dir)).toEqual(before);
    });
  }
});

describe(`damaged and forged PDFs through verify (${HEAP_MB} MB heap)`, () => {
  let repo: RepoCopy;
  let pdf: Buffer;
  let ca: string;
  beforeAll(async () => {
    repo = repository();
    const r = await runInThisProcess('build', ['--root', repo.root, '--today', TODAY, '--only', 'hsa-holbaek-akutsygepleje', '--quiet', '--jobs', '1'], {
      env: ENV,
    });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    pdf = readFileSync(repo.path('out/midt-og-vestsjaelland/316-holbaek/hsa-holbaek-akutsygepleje.pdf'));
    // The development certificate is its own root: trusting it makes the genuine PDF valid.
    const signing = readdirSync(repo.path('.signing')).find((n) => n.endsWith('.pem') && n.includes('certifikat'))!;
    ca = repo.path(`.signing/${signing}`);
  }, 120_000);
  afterAll(() => repo.remove());

  const cases: Array<{ name: string; bytes: () => Buffer; message: RegExp }> = [
    { name: 'one changed byte in the signed part', bytes: () => Buffer.from(pdf).fill(pdf[200]! ^ 1, 200, 201), message: /\S/ },
    { name: 'bytes appended after the seal', bytes: () => Buffer.concat([pdf, Buffer.from('\n%% tilføjet\n')]), message: /\S/ },
    { name: 'not a PDF', bytes: () => Buffer.from('ikke en pdf'), message: /ingen signatur/ },
    { name: 'an empty file', bytes: () => Buffer.alloc(0), message: /ingen signatur/ },
    { name: 'a PDF cut in half', bytes: () => pdf.subarray(0, pdf.length >> 1), message: /\S/ },
  ];

  it('the genuine PDF is valid against its CA (the cases below differ from it only as named)', async () => {
    const file = path.join(repo.root, 'ægte.pdf');
    writeFileSync(file, pdf);
    const r = await run('verify', ['--ca', ca, file]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  VERIFY_CASES = cases.length;
  for (const c of cases) {
    it(`verify: ${c.name}`, async () => {
      const file = path.join(repo.root, 'forfalsket.pdf');
      const bytes = c.bytes();
      expect(bytes.equals(pdf)).toBe(false);
      writeFileSync(file, bytes);
      const r = await run('verify', ['--ca', ca, file], { spawn: c === cases[0] });
      const output = r.stdout + r.stderr;
      expect(r.code, output).toBe(1);
      // »FEJL <file>« and, indented below it, the reason in Danish.
      const [, reason] = output.match(/^FEJL .*forfalsket\.pdf\n +(.+)$/m) ?? [];
      expect(reason, output).toMatch(c.message);
      expect(output).toMatch(/^0 af 1 fil(er)? er gyldigt forseglet\.$/m);
      expect(output).not.toMatch(STACK_TRACE);
      expect(r.ms).toBeLessThan(RUN_MS);
      expect(readFileSync(file).equals(bytes)).toBe(true);
    });
  }
});

it('has at least 32 cases (with the 65 of corpus.test.ts, at least 80)', () => {
  expect(REPO_CASES.length + MERGE_CASES + VERIFY_CASES).toBeGreaterThanOrEqual(32);
});
