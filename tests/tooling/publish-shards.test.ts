/**
 * The publish workflow's own steps, run: the plan job, one build job per part and the publish
 * job that merges them, each on its own »runner« (a fresh clone of a small repository, its own
 * cache folder and temp folder), artifacts handed over by copying what upload-artifact's `path:`
 * names. The merged out/ must equal a single-machine `npm run build` of the same commit byte for
 * byte, and the publish job must then verify, pack and upload it as it does on GitHub.
 *
 * Only the expressions this test knows are filled in (the `${{ … }}` in `env:`, `with:`,
 * `outputs:` and the matrix); any other makes it fail, so a workflow edit that needs a new value
 * is seen here. The steps that set up the machine (the Debian tools, `npm ci`) are stood in for:
 * node_modules is linked and the code compiled, which is what `npm ci`'s prepare script does.
 */
import { spawnSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ciShards, DOCUMENTS_PER_SHARD, MAX_SHARDS } from '../../scripts/pipeline/shard.ts';
import { hashTree } from '../helpers/files.ts';
import { REPO_ROOT, RepoCopy } from '../helpers/repo.ts';
import { createTestPki, PASSPHRASE, type TestPki } from '../sign/pki.ts';
import { removeTempDirs } from '../sign/tools.ts';

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string | number | boolean>;
  env?: Record<string, string>;
}
interface Job {
  needs?: string | string[];
  env?: Record<string, string>;
  outputs?: Record<string, string>;
  strategy?: { matrix?: Record<string, unknown> };
  steps: Step[];
}

const workflow = parse(readFileSync(path.join(REPO_ROOT, '.github/workflows/publish.yml'), 'utf8')) as { jobs: Record<string, Job> };

/** Forced through the administrators' variable, as the shipped data is far below the break-even. */
const PARTS = 3;

/** Stood in for on a test machine, with the reason. Any other `run:` step runs as written. */
const SET_UP = [
  { matches: (run: string) => run.includes('sudo apt-get'), reason: 'Debian tools: zip is installed where the test runs it' },
  { matches: (run: string) => run.trim() === 'npm ci --no-audit --no-fund', reason: 'node_modules linked, code compiled as prepare does' },
];

/** The values of `${{ … }}`: exactly these expressions, nothing else. */
type Context = Record<string, string>;

function substitute(text: string, context: Context, where: string): string {
  return text.replace(/\$\{\{\s*(.*?)\s*\}\}/g, (_, expression: string) => {
    const value = context[expression];
    if (value === undefined) throw new Error(`${where}: the test does not know the expression »${expression}«`);
    return value;
  });
}

/** `${{ fromJSON(x) }}` as a whole value (the matrix), else a list written out. */
function matrixValues(value: unknown, context: Context, where: string): string[] {
  if (Array.isArray(value)) return value.map(String);
  const m = /^\$\{\{\s*fromJSON\((.+?)\)\s*\}\}$/.exec(String(value));
  if (!m) throw new Error(`${where}: the test does not know the matrix »${String(value)}«`);
  return JSON.parse(substitute(`\${{ ${m[1]!} }}`, context, where)) as string[];
}

/** KEY=VALUE lines, as $GITHUB_OUTPUT and $GITHUB_ENV take them (no multi-line values here). */
function readCommandFile(file: string): Record<string, string> {
  if (!existsSync(file)) return {};
  const values: Record<string, string> = {};
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const at = line.indexOf('=');
    if (at < 0 || line.includes('<<')) throw new Error(`the test reads KEY=VALUE lines only, not »${line}«`);
    values[line.slice(0, at)] = line.slice(at + 1);
  }
  return values;
}

/**
 * Runners in turn, as GitHub's: every job starts from a fresh clone in the same workspace path,
 * with an empty temp folder and its own cache folder, so no job sees another's files but through
 * the artifacts.
 */
class Runners {
  readonly workspace: string;
  private readonly cache: string;
  private readonly temp: string;
  private readonly compiled: string;
  readonly artifacts: string;
  readonly skipped: string[] = [];

  constructor(
    private readonly base: string,
    private readonly origin: string,
  ) {
    this.workspace = path.join(base, 'work', 'aftaler');
    this.cache = path.join(base, 'cache');
    this.temp = path.join(base, 'runner-temp');
    this.compiled = path.join(base, 'compiled');
    this.artifacts = path.join(base, 'artifacts');
    mkdirSync(this.artifacts);
    // What `npm ci` leaves on every machine: compiled once here, copied to each runner's cache.
    this.newMachine();
    this.bash('node scripts/launch.mjs --compile', {});
    cpSync(this.cache, this.compiled, { recursive: true });
  }

  /** A new machine: the checkout, node_modules and the compiled code, nothing else. */
  newMachine(): void {
    for (const dir of [this.workspace, this.cache, this.temp]) rmSync(dir, { recursive: true, force: true });
    mkdirSync(this.temp, { recursive: true });
    mkdirSync(path.dirname(this.workspace), { recursive: true });
    const clone = spawnSync('git', ['clone', '-q', this.origin, this.workspace], { encoding: 'utf8' });
    if (clone.status !== 0) throw new Error(clone.stderr);
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(this.workspace, 'node_modules'), 'dir');
    if (existsSync(this.compiled)) cpSync(this.compiled, this.cache, { recursive: true });
  }

  /** Bash as GitHub runs a step (`bash --noprofile --norc -eo pipefail`), with only the env given. */
  bash(script: string, env: Record<string, string>): string {
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !/^(AFTALER_|SOURCE_DATE_EPOCH$|GITHUB_|RUNNER_|INIT_CWD$|npm_)/.test(name)),
    );
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd: this.workspace,
      encoding: 'utf8',
      env: { ...inherited, CI: 'true', RUNNER_TEMP: this.temp, AFTALER_CACHE_DIR: this.cache, ...env },
      timeout: 120_000,
    });
    if (result.status !== 0) throw new Error(`step failed (${String(result.status ?? result.signal)}):\n${script}\n${result.stdout}${result.stderr}`);
    return result.stdout;
  }

  /** Runs one job of the workflow; returns its outputs. `after` sees the workspace after each step. */
  job(id: string, context: Context, after?: (step: Step) => void): Record<string, string> {
    const job = workflow.jobs[id]!;
    this.newMachine();
    const where = (step: Step) => `${id} › ${step.name ?? step.uses ?? step.run ?? 'step'}`;
    const stepOutputs: Context = {};
    const known = () => ({ ...context, ...stepOutputs });
    const env: Record<string, string> = {};
    for (const [name, value] of Object.entries(job.env ?? {})) env[name] = substitute(value, known(), `${id} › env`);
    for (const [index, step] of job.steps.entries()) {
      const files = {
        GITHUB_OUTPUT: path.join(this.temp, `output-${index}`),
        GITHUB_ENV: path.join(this.temp, `env-${index}`),
        GITHUB_STEP_SUMMARY: path.join(this.temp, `summary-${index}`),
      };
      const withValue = (key: string) => {
        const value = step.with?.[key];
        return value === undefined ? undefined : substitute(String(value), known(), where(step));
      };
      if (step.run !== undefined) {
        const setUp = SET_UP.find((s) => s.matches(step.run!));
        if (setUp) {
          this.skipped.push(`${where(step)}: ${setUp.reason}`);
          continue;
        }
        const stepEnv: Record<string, string> = {};
        for (const [name, value] of Object.entries(step.env ?? {})) stepEnv[name] = substitute(value, known(), where(step));
        this.bash(step.run, { ...env, ...stepEnv, ...files });
        if (step.id) for (const [name, value] of Object.entries(readCommandFile(files.GITHUB_OUTPUT))) stepOutputs[`steps.${step.id}.outputs.${name}`] = value;
        Object.assign(env, readCommandFile(files.GITHUB_ENV));
      } else {
        const action = step.uses!.replace(/@.*/, '');
        if (action === 'actions/checkout' || action === 'actions/setup-node') {
          // The fresh clone, and this process's Node.
        } else if (action === 'actions/upload-artifact') {
          const name = withValue('name')!;
          const from = path.join(this.workspace, withValue('path')!);
          const to = path.join(this.artifacts, name);
          if (existsSync(to) && step.with?.overwrite !== true) throw new Error(`${where(step)}: artifact ${name} exists`);
          if (!existsSync(from) || readdirSync(from).length === 0) throw new Error(`${where(step)}: nothing to upload at ${from}`);
          rmSync(to, { recursive: true, force: true });
          cpSync(from, to, { recursive: true });
        } else if (action === 'actions/download-artifact') {
          const into = path.join(this.workspace, withValue('path')!);
          const name = withValue('name');
          if (name !== undefined) {
            cpSync(path.join(this.artifacts, name), into, { recursive: true });
          } else {
            // With a pattern, each artifact lands in a folder of its name (no merge-multiple).
            const pattern = withValue('pattern')!;
            const glob = new RegExp(
              `^${pattern
                .split('*')
                .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
                .join('[^/]*')}$`,
            );
            const found = readdirSync(this.artifacts).filter((a) => glob.test(a));
            if (found.length === 0) throw new Error(`${where(step)}: no artifact matches ${pattern}`);
            for (const a of found) cpSync(path.join(this.artifacts, a), path.join(into, a), { recursive: true });
          }
        } else {
          throw new Error(`${where(step)}: the test does not know the action ${action}`);
        }
      }
      after?.(step);
    }
    return Object.fromEntries(Object.entries(job.outputs ?? {}).map(([name, value]) => [name, substitute(value, known(), `${id} › outputs`)]));
  }
}

describe('the publish workflow, split into parts', () => {
  let base: RepoCopy;
  let pki: TestPki;
  let runners: Runners;
  let sha: string;
  let secrets: Context;
  let vars: Context;
  /** The commit's time: what the plan job hands every part as SOURCE_DATE_EPOCH. */
  let commitTime: string;
  /** The plan job's outputs, as the later jobs see them. */
  let needs: Context = {};

  beforeAll(() => {
    // A seal time inside the test certificate's validity, which starts when it is made.
    pki = createTestPki();
    const leaf = new X509Certificate(readFileSync(pki.region.leafPem));
    commitTime = String(Math.floor(Date.parse(leaf.validFrom) / 1000) + 3600);
    // The origin: a small repository (the shipped data) as one commit at a known time.
    base = new RepoCopy([], 'aftaler-publish-');
    const origin = base.path('origin');
    for (const part of ['agreements', 'schemas', 'templates', 'scripts', '.github', 'package.json', 'package-lock.json', '.gitignore'])
      cpSync(path.join(REPO_ROOT, part), path.join(origin, part), { recursive: true });
    const git = (...args: string[]) => {
      const r = spawnSync('git', args, {
        cwd: origin,
        encoding: 'utf8',
        env: {
          ...process.env,
          GIT_AUTHOR_NAME: 'Test',
          GIT_AUTHOR_EMAIL: 'test@example.invalid',
          GIT_COMMITTER_NAME: 'Test',
          GIT_COMMITTER_EMAIL: 'test@example.invalid',
          GIT_AUTHOR_DATE: `@${commitTime} +0000`,
          GIT_COMMITTER_DATE: `@${commitTime} +0000`,
        },
      });
      if (r.status !== 0) throw new Error(r.stderr);
      return r.stdout.trim();
    };
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '--no-gpg-sign', '-m', 'data');
    sha = git('rev-parse', 'HEAD');
    runners = new Runners(base.root, origin);

    secrets = {
      'secrets.AFTALER_SIGN_P12_BASE64': readFileSync(pki.region.p12).toString('base64'),
      'secrets.AFTALER_SIGN_PASSPHRASE': PASSPHRASE,
    };
    vars = {
      'vars.AFTALER_VERIFY_CA_PEM': readFileSync(pki.region.caPem, 'utf8'),
      'vars.AFTALER_VERIFY_SIGNER_SHA256': leaf.fingerprint256,
    };
  }, 60_000);

  afterAll(() => {
    base.remove();
    removeTempDirs();
  });

  it('plans, builds each part on its own machine and merges into exactly what one build makes; then verifies and publishes it', () => {
    const github = { 'github.sha': sha };

    // The plan: the check, the parts and the seal time every part uses.
    const plan = runners.job('plan', { ...github, 'vars.AFTALER_SHARD_COUNT': String(PARTS) });
    expect(plan).toEqual({ shards: JSON.stringify(ciShards(0, PARTS)), epoch: commitTime });
    needs = Object.fromEntries(Object.entries(plan).map(([name, value]) => [`needs.plan.outputs.${name}`, value]));

    // One build job per part of the matrix, each on a fresh machine.
    const shards = matrixValues(workflow.jobs.build!.strategy?.matrix?.shard, needs, 'build › matrix');
    expect(shards).toEqual(['1/3', '2/3', '3/3']);
    for (const [index, shard] of shards.entries()) {
      runners.job('build', { ...github, ...needs, ...secrets, 'matrix.shard': shard, 'strategy.job-index': String(index) });
    }
    const parts = readdirSync(runners.artifacts).sort();
    expect(parts).toEqual(shards.map((_, i) => `del-${i}-${sha}`));
    for (const part of parts) expect(hashTree(path.join(runners.artifacts, part)).size, part).toBeGreaterThan(1);

    // The publish job, looked at right after the merge, before status and frister add to out/.
    let merged: Map<string, string> | undefined;
    runners.job('publish', { ...github, ...needs, ...vars }, (step) => {
      if (step.run?.includes('npm run merge')) merged = hashTree(path.join(runners.workspace, 'out'));
    });
    expect(merged, 'the publish job merges').toBeDefined();
    const published = hashTree(path.join(runners.artifacts, `out-${sha}`));
    expect(hashTree(path.join(runners.artifacts, `kommunepakker-${sha}`)).size).toBeGreaterThan(0);
    expect([...hashTree(path.join(runners.artifacts, `udgivelse-${sha}`)).keys()].filter((f) => f.endsWith('.zip')).length).toBeGreaterThan(0);

    // Left to itself (the variable unset), the plan builds the shipped data as one part.
    expect(runners.job('plan', { ...github, 'vars.AFTALER_SHARD_COUNT': '' }).shards).toBe('["1/1"]');

    // One machine, the old way: the whole build with the same key and commit.
    runners.newMachine();
    runners.bash('npm run build -- --require-certificate --quiet', {
      AFTALER_SIGN_P12_BASE64: secrets['secrets.AFTALER_SIGN_P12_BASE64']!,
      AFTALER_SIGN_PASSPHRASE: PASSPHRASE,
      SOURCE_DATE_EPOCH: commitTime,
    });
    const single = hashTree(path.join(runners.workspace, 'out'));
    expect(single.size).toBeGreaterThan(100);
    expect(merged).toEqual(single);
    // What was published is that out/ plus status and frister's files.
    for (const [file, hash] of single) expect(published.get(file), file).toBe(hash);
    expect(runners.skipped.length).toBeGreaterThan(0);
  }, 180_000);

  it('stops before merging when a part is missing, which merge alone could not tell', () => {
    expect(Object.keys(needs)).not.toHaveLength(0);
    rmSync(path.join(runners.artifacts, `del-1-${sha}`), { recursive: true });
    expect(() => runners.job('publish', { 'github.sha': sha, ...needs, ...vars })).toThrow(/Der er hentet 2 dele, men planen har 3/);
  });
});

describe('the number of parts', () => {
  it('is one below twice the documents per part, then one per that many documents, at most the cap; or as fixed', () => {
    expect(ciShards(0)).toEqual(['1/1']);
    expect(ciShards(2 * DOCUMENTS_PER_SHARD - 1)).toEqual(['1/1']);
    expect(ciShards(2 * DOCUMENTS_PER_SHARD)).toEqual(['1/2', '2/2']);
    expect(ciShards(3 * DOCUMENTS_PER_SHARD + 1)).toHaveLength(3);
    expect(ciShards(100 * DOCUMENTS_PER_SHARD)).toHaveLength(MAX_SHARDS);
    expect(ciShards(10_000, 1)).toEqual(['1/1']);
  });
});
