import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/repo.ts';

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
  if?: string;
}
// null: the key written with no value.
type Permissions = Record<string, string> | string | null;
interface Job {
  name?: string;
  'runs-on': string;
  'timeout-minutes'?: number;
  if?: string;
  needs?: string | string[];
  environment?: string | { name: string };
  outputs?: Record<string, string>;
  env?: Record<string, string>;
  permissions?: Permissions;
  strategy?: { matrix?: Record<string, unknown> };
  steps: Step[];
}
interface Workflow {
  name: string;
  on: Record<string, unknown>;
  permissions?: Permissions;
  env?: Record<string, string>;
  jobs: Record<string, Job>;
}

const DIR = path.join(REPO_ROOT, '.github/workflows');
const DEPENDABOT = path.join(REPO_ROOT, '.github/dependabot.yml');
const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
const workflows = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();
const source = (file: string) => readFileSync(path.join(DIR, file), 'utf8');
const load = (file: string) => parse(source(file)) as Workflow;
const steps = (w: Workflow) => Object.values(w.jobs).flatMap((j) => j.steps);
const runs = (w: Workflow) => steps(w).flatMap((s) => (s.run ? [s.run] : []));
const jobRuns = (job: Job) => job.steps.flatMap((s) => (s.run ? [s.run] : []));
const environmentOf = (job: Job) => (typeof job.environment === 'object' ? job.environment.name : job.environment);

/** The only jobs that may hold a write permission, and exactly what they may write. */
const WRITERS: Record<string, Record<string, Record<string, string>>> = {
  'pull-request.yml': { comment: { 'pull-requests': 'write' } },
  'publish.yml': { release: { contents: 'write' } },
};

/** The guard that keeps a hand-started run on another branch from sealing. */
const MAIN_ONLY = "github.ref == 'refs/heads/main'";

/**
 * Scripts whose command file another engineer is still writing: `npm run diff` (scripts/cli/diff.ts).
 * The workflow may name them already; their package.json entry must exist, and once the file
 * lands the full check applies by itself.
 */
const IN_PROGRESS = new Set(['diff']);

describe('CI workflows', () => {
  it('are the two workflows the issue asks for', () => {
    expect(workflows).toEqual(['publish.yml', 'pull-request.yml']);
  });

  it.each(workflows)('%s parses and has a name, triggers, permissions and jobs with runners, time limits and steps', (file) => {
    const w = load(file);
    expect(typeof w.name).toBe('string');
    expect(w.on).toBeTypeOf('object');
    expect(w.permissions).toBeDefined();
    expect(Object.keys(w.jobs).length).toBeGreaterThan(0);
    for (const [id, job] of Object.entries(w.jobs)) {
      expect(job['runs-on'], id).toMatch(/^ubuntu-/);
      expect(job['timeout-minutes'], id).toBeGreaterThan(0);
      expect(job.steps.length, id).toBeGreaterThan(0);
      for (const step of job.steps) expect(Boolean(step.uses) !== Boolean(step.run), `${id}: a step has either uses or run`).toBe(true);
    }
  });

  it.each(workflows)('%s sets up Node 24 where npm runs; the test job runs Node 20, 22 and 24', (file) => {
    const w = load(file);
    for (const [id, job] of Object.entries(w.jobs)) {
      const setups = job.steps.filter((s) => s.uses?.startsWith('actions/setup-node@'));
      const usesNpm = jobRuns(job).some((r) => /\bnpm\b/.test(r));
      expect(setups.length, id).toBe(usesNpm ? 1 : 0);
      if (!usesNpm) continue;
      if (id === 'test') {
        expect(job.strategy?.matrix?.node, id).toEqual([20, 22, 24]);
        expect(setups[0]?.with?.['node-version'], id).toBe('${{ matrix.node }}');
      } else {
        expect(String(setups[0]?.with?.['node-version']), id).toBe('24');
      }
    }
    expect(runs(w).some((r) => /^npm ci\b/m.test(r))).toBe(true);
  });

  it.each(workflows)('%s runs only npm scripts that exist in package.json, with their files', (file) => {
    const used = new Set(runs(load(file)).flatMap((r) => [...r.matchAll(/\bnpm run ([\w:-]+)/g)].map((m) => m[1]!)));
    expect(used.size).toBeGreaterThan(0);
    for (const name of used) {
      const script = pkg.scripts[name];
      expect(script, `npm run ${name}: no such script in package.json`).toBeDefined();
      for (const target of script!.match(/\bscripts\/[\w/.-]+\.ts\b/g) ?? []) {
        if (IN_PROGRESS.has(name) && !existsSync(path.join(REPO_ROOT, target))) continue;
        expect(existsSync(path.join(REPO_ROOT, target)), `npm run ${name} → ${target}`).toBe(true);
      }
    }
  });

  it('pull-request.yml checks with inline findings on the changed files and the rest in the job summary, builds, and uploads the PDFs, the redlines (PDF and Word) and the diff', () => {
    const w = load('pull-request.yml');
    expect(Object.keys(w.on)).toEqual(['pull_request']);
    const all = runs(w).join('\n');
    expect(all).toMatch(/npm run check -- --format github/);
    // Annotations only for what the pull request changes (and errors anywhere); everything in the job summary.
    const check = steps(w).find((s) => s.run?.includes('npm run check'));
    expect(check?.run).toBe('npm run check -- --format github --changed-since "origin/$BASE_REF" --summary "$GITHUB_STEP_SUMMARY"');
    expect(check?.env).toEqual({ BASE_REF: '${{ github.base_ref }}' });
    expect(all).toMatch(/npm run build\b/);
    const diff = steps(w).find((s) => s.run?.includes('npm run diff'));
    // Word redlines (tracked changes) beside the PDF ones, in the folder one artifact uploads.
    expect(diff?.run).toBe('npm run diff -- "origin/$BASE_REF" HEAD --out diff.md --pdf aendringer --docx aendringer');
    expect(diff?.env).toEqual({ BASE_REF: '${{ github.base_ref }}' });
    // A change that breaks a rule fails the check step; its redline is still made and uploaded.
    expect(diff?.if).toBe('${{ !cancelled() }}');
    const uploads = steps(w).filter((s) => s.uses?.startsWith('actions/upload-artifact@'));
    for (const path of ['diff.md', 'aendringer/']) expect(uploads.find((s) => s.with?.path === path)?.if).toMatch(/always\(\)|!cancelled\(\)/);
    expect(steps(w).some((s) => s.uses?.startsWith('actions/upload-artifact@') && s.with?.path === 'out/')).toBe(true);
    expect(steps(w).some((s) => s.uses?.startsWith('actions/upload-artifact@') && s.with?.name === 'diff')).toBe(true);
    expect(steps(w).find((s) => s.uses?.startsWith('actions/checkout@'))?.with?.['fetch-depth']).toBe(0);
  });

  it('pull-request.yml comments the diff from its own job, which runs no code from the pull request', () => {
    const { jobs } = load('pull-request.yml');
    const comment = jobs.comment!;
    expect(comment.needs).toBe('check-and-build');
    // Posted also when the check failed: the report then opens with the findings.
    expect(comment.if).toBe('${{ !cancelled() && github.event.pull_request.head.repo.full_name == github.repository }}');
    expect(comment.steps.map((s) => s.uses?.replace(/@.*/, ''))).toEqual(['actions/download-artifact', 'actions/github-script']);
    expect(comment.steps[0]?.with?.name).toBe('diff');
    expect(String(comment.steps[1]?.with?.script)).toContain("readFileSync('diff.md'");
  });

  it('publish.yml seals with the certificate from the publish environment on main and publishes the kommune bundles', () => {
    const w = load('publish.yml');
    expect(w.on.push).toEqual({ branches: ['main'] });
    const { build, publish } = w.jobs;
    for (const job of [build!, publish!]) expect(environmentOf(job)).toBe('publish');
    const seal = build!.steps.find((s) => s.run?.includes('npm run build'));
    expect(seal?.run).toMatch(/--require-certificate/);
    expect(seal?.env).toEqual({
      AFTALER_SIGN_P12_BASE64: '${{ secrets.AFTALER_SIGN_P12_BASE64 }}',
      AFTALER_SIGN_PASSPHRASE: '${{ secrets.AFTALER_SIGN_PASSPHRASE }}',
      SHARD: '${{ matrix.shard }}',
      SOURCE_DATE_EPOCH: '${{ needs.plan.outputs.epoch }}',
    });
    expect(steps(w).some((s) => s.uses?.startsWith('actions/upload-artifact@') && s.with?.path === 'out/kommuner/')).toBe(true);
    // Only the build step sees the key.
    expect(steps(w).filter((s) => JSON.stringify(s).includes('AFTALER_SIGN'))).toEqual([seal]);
  });

  it('publish.yml builds in parts the plan job decides, all sealed at the commit time, and merges them before verifying', () => {
    const { plan, build, publish } = load('publish.yml').jobs;
    // The plan job checks and counts: no key, no environment.
    expect(environmentOf(plan!)).toBeUndefined();
    expect(JSON.stringify(plan)).not.toMatch(/secrets\./);
    expect(jobRuns(plan!).join('\n')).toMatch(/npm run check -- --format github --summary "\$GITHUB_STEP_SUMMARY" --ci-shards "\$RUNNER_TEMP\/shards\.json"/);
    expect(plan!.outputs).toEqual({ shards: '${{ steps.parts.outputs.shards }}', epoch: '${{ steps.time.outputs.epoch }}' });
    expect(build!.needs).toBe('plan');
    expect(build!.strategy?.matrix).toEqual({ shard: '${{ fromJSON(needs.plan.outputs.shards) }}' });
    expect(publish!.needs).toEqual(['plan', 'build']);
    expect(publish!.env).toEqual({ SOURCE_DATE_EPOCH: '${{ needs.plan.outputs.epoch }}' });
    const order = publish!.steps.map((s) => (s.run?.match(/npm run (merge|verify)/)?.[1] ?? s.uses?.replace(/@.*/, '')) as string);
    expect(order.indexOf('actions/download-artifact')).toBeLessThan(order.indexOf('merge'));
    expect(order.indexOf('merge')).toBeLessThan(order.indexOf('verify'));
  });

  it('publish.yml makes the release in its own job from the built artifact, only when asked', () => {
    const { jobs } = load('publish.yml');
    const release = jobs.release!;
    expect(release.needs).toBe('publish');
    expect(release.if).toContain(MAIN_ONLY);
    expect(release.if).toContain("github.event_name == 'workflow_dispatch' && inputs.udgivelse");
    expect(release.steps.map((s) => s.uses?.replace(/@.*/, ''))).toEqual(['actions/download-artifact', 'softprops/action-gh-release']);
    expect(release.steps[1]?.with?.files).toBe('dist/*');
  });
});

/** The hardening rules for the workflows (issue 13 §5); each failure names the file and the place. */
describe('workflow security rules', () => {
  it.each(workflows)('%s pins every action to a full commit SHA with the version in a comment', (file) => {
    const lines = source(file).split('\n');
    const usesLines = lines.flatMap((line, index) => (/^\s*(?:-\s+)?uses:/.test(line) ? [{ line, at: `${file}:${index + 1}` }] : []));
    expect(usesLines.length).toBe(steps(load(file)).filter((s) => s.uses).length);
    for (const { line, at } of usesLines) {
      expect(line, at).toMatch(/^\s*(?:-\s+)?uses: [\w.-]+\/[\w.-]+(?:\/[\w./-]+)?@[0-9a-f]{40} # v\d+(?:\.\d+){0,2}$/);
    }
  });

  it.each(workflows)('%s checks out without persisting the token', (file) => {
    const checkouts = steps(load(file)).filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkouts.length).toBeGreaterThan(0);
    for (const checkout of checkouts) expect(checkout.with?.['persist-credentials'], `${file}: ${checkout.name ?? 'checkout'}`).toBe(false);
  });

  it.each(workflows)('%s grants nothing at the top and least privilege per job; only named jobs write', (file) => {
    const w = load(file);
    const top = w.permissions;
    const readOnly = top === 'read-all' || (typeof top === 'object' && top !== null && Object.values(top).every((v) => v === 'read' || v === 'none'));
    expect(readOnly, `${file}: top-level permissions must be {} or read-only`).toBe(true);
    for (const [id, job] of Object.entries(w.jobs)) {
      const granted = job.permissions;
      expect(typeof granted === 'object' && granted !== null, `${file}: job ${id} declares its permissions as a map`).toBe(true);
      const allowed = WRITERS[file]?.[id];
      if (allowed) {
        expect(granted, `${file}: job ${id}`).toEqual(allowed);
      } else {
        for (const [scope, level] of Object.entries(granted as Record<string, string>)) {
          expect(['read', 'none'], `${file}: job ${id} may not have ${scope}: ${level}`).toContain(level);
        }
      }
    }
  });

  it.each(workflows)('%s has no ${{ … }} expression inside a run: line or a script (values go through env:)', (file) => {
    for (const [id, job] of Object.entries(load(file).jobs)) {
      for (const step of job.steps) {
        expect(step.run ?? '', `${file}: ${id} › ${step.name ?? step.uses ?? 'step'}`).not.toContain('${{');
        expect(JSON.stringify(step.with?.script ?? ''), `${file}: ${id} › ${step.name ?? step.uses ?? 'step'}`).not.toContain('${{');
      }
    }
  });

  it.each(workflows)('%s uses secrets only in jobs in the publish environment that run on main only', (file) => {
    const w = load(file);
    expect(JSON.stringify(w.env ?? {}), `${file}: top-level env`).not.toMatch(/secrets\./);
    for (const [id, job] of Object.entries(w.jobs)) {
      if (environmentOf(job) === 'publish') expect(job.if, `${file}: job ${id} is in the publish environment`).toBe(MAIN_ONLY);
      if (!/\bsecrets\./.test(JSON.stringify(job))) continue;
      expect(environmentOf(job), `${file}: job ${id} uses secrets`).toBe('publish');
      for (const step of job.steps) {
        expect(step.run ?? '', `${file}: ${id} › ${step.name ?? step.uses ?? 'step'}`).not.toMatch(/secrets\./);
        expect(JSON.stringify(step.with ?? {}), `${file}: ${id} › ${step.name ?? step.uses ?? 'step'}`).not.toMatch(/secrets\./);
      }
    }
  });

  it('publish.yml verifies the seals against a trust anchor (--ca), not just their integrity', () => {
    const w = load('publish.yml');
    const verifies = runs(w).filter((r) => r.includes('npm run verify'));
    expect(verifies.length).toBeGreaterThan(0);
    for (const run of verifies) expect(run).toMatch(/npm run verify -- --ca "\$[A-Z_]+\/[\w.-]+\.pem" /);
    // The CA comes from a variable an administrator sets, which a pull request cannot change.
    const ca = w.jobs.publish!.steps.find((s) => s.env?.CA_PEM !== undefined);
    expect(ca?.env?.CA_PEM).toBe('${{ vars.AFTALER_VERIFY_CA_PEM }}');
    // And only the region's own certificate: its fingerprint, from an administrator's variable.
    const verify = w.jobs.publish!.steps.find((s) => s.run?.includes('npm run verify'));
    expect(verify?.env?.AFTALER_VERIFY_SIGNER).toBe('${{ vars.AFTALER_VERIFY_SIGNER_SHA256 }}');
    expect(verify?.run).toContain('if [ -z "$AFTALER_VERIFY_SIGNER" ]');
  });

  it('dependabot.yml keeps the actions and the npm packages up to date, weekly', () => {
    expect(existsSync(DEPENDABOT)).toBe(true);
    const config = parse(readFileSync(DEPENDABOT, 'utf8')) as {
      version: number;
      updates: { 'package-ecosystem': string; directory: string; schedule: { interval: string } }[];
    };
    expect(config.version).toBe(2);
    const byEcosystem = new Map(config.updates.map((u) => [u['package-ecosystem'], u]));
    for (const ecosystem of ['github-actions', 'npm']) {
      const update = byEcosystem.get(ecosystem);
      expect(update, ecosystem).toBeDefined();
      expect(update?.directory, ecosystem).toBe('/');
      expect(update?.schedule.interval, ecosystem).toBe('weekly');
    }
  });
});
