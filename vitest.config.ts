import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // PDF rendering and signing tests spawn the CLI; give them room on a 2-core CI machine.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // In CI, a machine-readable result too, from which .ci/run prints the plain summary line.
    reporters: process.env.CI ? ['default', ['json', { outputFile: '.cache/vitest.json' }]] : ['default'],
  },
});
