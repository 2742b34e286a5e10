import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Property tests run with a fixed seed, so that CI's verdict depends on the commit alone.
    setupFiles: ['tests/helpers/fast-check-seed.ts'],
    // PDF rendering and signing tests spawn the CLI; give them room on a 2-core CI machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // In CI, a machine-readable result too, from which .ci/run prints the plain summary line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.cache/vitest.json' }]] : ['default'],
  },
});
