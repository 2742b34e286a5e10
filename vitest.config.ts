import { availableParallelism } from 'node:os';
import path from 'node:path';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The full-build system tests, longest first: each takes about a minute on a 2-core CI machine.
 * On a fresh clone vitest orders files by source size, which put them last: the 46-kommune
 * layout test then ran alone for its last minute while the other worker had nothing left to do
 * (CI of 2026-12-03, 640 s of tests). Started first, the many short files fill in beside them.
 */
const SLOW_FIRST = [
  'tests/tooling/publish-shards.test.ts',
  'tests/pipeline/incremental.test.ts',
  'tests/emit-pdf/layout-synthetic.test.ts',
  'tests/render/build.test.ts',
];

/** vitest's order (failed first, then longest, from its cache when there is one), with SLOW_FIRST ahead of it. */
class SlowFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification): number => {
      const at = SLOW_FIRST.indexOf(path.relative(spec.project.config.root, spec.moduleId).split(path.sep).join('/'));
      return at === -1 ? SLOW_FIRST.length : at;
    };
    // Array#sort is stable: the rest keeps vitest's order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Property tests run with a fixed seed, so that CI's verdict depends on the commit alone.
    setupFiles: ['tests/helpers/fast-check-seed.ts'],
    // One test file per core: vitest's default leaves a core for itself (1 worker on 2 cores),
    // but it is idle while the files run.
    maxWorkers: availableParallelism(),
    sequence: { sequencer: SlowFirst },
    // Files share their worker's loaded modules (the PDF stack, ajv, pdfmake's fonts) instead of
    // loading them again per file. Safe here: no test mocks modules, and every test that changes
    // process.env, the working directory or a global puts it back (tests/helpers/in-process.ts
    // for the commands run in-process; the two tests that register a kind in the registry remove
    // it again in a finally or afterAll).
    isolate: false,
    // PDF rendering and signing tests spawn the CLI; give them room on a 2-core CI machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // In CI, a machine-readable result too, from which .ci/run prints the plain summary line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.cache/vitest.json' }]] : ['default'],
  },
});
