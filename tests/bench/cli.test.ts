import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { STACK_TRACE } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

/** The figures are checked one by one below; the targets are listed by id. */
interface BenchJson {
  targets: Array<{ id: string; ok: unknown }>;
  [figure: string]: unknown;
}

// Vitest types its asymmetric matchers as `any`; as `unknown` they go into expected objects as they are.
const aNumber: unknown = expect.any(Number);
const aString: unknown = expect.any(String);
const anEditedHsa: unknown = expect.stringMatching(/^agreements\/.+\/hsa-.+\.yaml$/);

describe('npm run bench -- --json --kommuner 4 (smoke test, without pandoc)', () => {
  let code: number | null;
  let stdout: string;
  let stderr: string;

  beforeAll(() => {
    // Through npm, as staff run it; --silent keeps npm's own banner off stdout.
    const run = spawnSync('npm', ['run', '--silent', 'bench', '--', '--json', '--kommuner', '4', '--no-pandoc'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 150_000,
    });
    ({ stdout, stderr } = run);
    code = run.status;
  }, 180_000);

  it('measures every step and prints one JSON document with all figures', () => {
    expect(stderr).not.toMatch(STACK_TRACE);
    expect(code, stderr).toBe(0);
    const r = JSON.parse(stdout) as BenchJson;
    expect(r.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.machine).toMatchObject({ nproc: aNumber, cpu: aString, node: process.version });
    expect(r.kommuner).toBe(4);
    expect(r.startupSeconds).toBeGreaterThan(0);
    expect(r.dataset).toMatchObject({ kommuner: 4, documents: 22, hsa: 11, delingsaftaler: 4, anmodninger: 0, sager: 5, tillaeg: 1, konsolideret: 1 });
    expect(r.check).toMatchObject({ seconds: aNumber, exitCode: 0, errors: 0, maxRssMb: aNumber, cpuSeconds: aNumber });
    for (const step of ['fullBuild', 'noopBuild', 'editBuild']) {
      expect(r[step], step).toMatchObject({ seconds: aNumber, documents: 22, maxRssMb: aNumber, cpuSeconds: aNumber });
      for (const field of ['buildSeconds', 'rendered', 'reused', 'bundles', 'files']) expect(r[step], `${step}.${field}`).toHaveProperty(field);
    }
    expect(r.editBuild).toMatchObject({ editedFile: anEditedHsa, field: 'finansiering.aarligt_beloeb_kr' });
    // The preview: another HSA edited, only it built, in a new process.
    expect(r.previewBuild).toMatchObject({
      seconds: aNumber,
      cpuSeconds: aNumber,
      maxRssMb: aNumber,
      editedFile: anEditedHsa,
      field: 'opfoelgning',
      rendered: 1,
    });
    const preview = r.previewBuild as { editedFile: string; only: string };
    expect(preview.editedFile).not.toBe((r.editBuild as { editedFile: string }).editedFile);
    expect(preview.editedFile.endsWith(`/${preview.only}.yaml`)).toBe(true);
    expect(r.markdownStage).toMatchObject({ documents: 22, cpuPerDocumentMs: aNumber, wallPerDocumentMs: aNumber, firstPassCpuPerDocumentMs: aNumber });
    expect(r.wordStage).toMatchObject({ documents: 22, cpuPerDocumentMs: aNumber, bytesPerDocument: aNumber, firstPassCpuPerDocumentMs: aNumber });
    expect(r.documentsPerSecond).toBeGreaterThan(0);
    // CPU of all threads per rendered document: the full build renders all 22 (plus startup and bundles).
    const full = r.fullBuild as { cpuSeconds: number; rendered: number };
    expect(full.rendered).toBe(22);
    expect(r.cpuPerDocumentMs).toBeCloseTo((full.cpuSeconds * 1000) / 22, 6);
    // The CPU is the process's, every thread included: a build that spent a second of wall time spent CPU too.
    expect(full.cpuSeconds).toBeGreaterThan(0.5);
    expect(r.peakRssMb).toBeGreaterThan(0);
    expect(r.pandoc).toEqual({ available: false, reason: aString });
    // Typst only where its optional package is installed (not in CI): then every document compiles.
    const typst = r.typst as { available: boolean; reason?: string };
    if (typst.available) expect(typst).toMatchObject({ documents: 22, failed: 0, cpuPerDocumentMs: aNumber, cpuRatio: aNumber, wallRatio: aNumber });
    else expect(typst.reason).toMatch(/ikke installeret \(npm install --no-save @myriaddreamin\/typst-ts-node-compiler\)/);
    expect(r.targets.map((t) => t.id)).toEqual([
      'cpu-mod-typst',
      'markdown',
      'forhaandsvisning',
      'check',
      'uaendret-build',
      'en-hsa-build',
      'fuld-build',
      'hukommelse',
    ]);
    for (const t of r.targets) expect(t.ok === null || typeof t.ok === 'boolean').toBe(true);
    expect(typeof r.allTargetsMet).toBe('boolean');
    expect(typeof r.codeChanged).toBe('boolean');
    expect(r.tempDir).toBeNull();
  });

  it('removes its temporary repository without --keep', () => {
    const dir = /i (\S+aftaler-bench-\S+)$/m.exec(stderr)?.[1];
    expect(dir).toBeDefined();
    expect(existsSync(dir!)).toBe(false);
  });
});

/** In-process (tests/helpers/in-process.ts): the smoke test above is the real process. */
describe('npm run bench usage', () => {
  it('explains itself in Danish', async () => {
    const r = await runInProcess('bench', ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Brug: npm run bench/);
    expect(r.stdout).toMatch(/--kommuner N/);
    expect(r.stdout).toMatch(/--no-typst/);
  });

  it('refuses a bad number of kommuner with exit 2 and no stack trace', async () => {
    for (const value of ['0', 'mange', '1000']) {
      const r = await runInProcess('bench', ['--kommuner', value]);
      expect(r.code, value).toBe(2);
      expect(r.stderr).toMatch(/--kommuner skal være et helt tal fra 1 til 145/);
      expect(r.stderr).not.toMatch(STACK_TRACE);
    }
  });
});
