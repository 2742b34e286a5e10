import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Property tests run with a fixed seed, so that CI's verdict depends on the commit alone.
    setupFiles: ['tests/helpers/fast-check-seed.ts'],
    // One test file per core: vitest's default leaves a core for itself (1 worker on 2 cores),
    // but it is idle while the files run.
    maxWorkers: availableParallelism(),
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
