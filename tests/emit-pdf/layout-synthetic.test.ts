/**
 * Page layout of the synthetic 46-kommune dataset (scripts/bench/generate.ts: the whole Region
 * Østdanmark, 214 documents of every kind — HSAs drafted, approved and signed with names in the
 * signature block, delingsaftaler, anmodninger, cases, tillæg and consolidated texts), checked
 * by the same rules as the shipped documents (./layout-checks.ts), on every document.
 */
import path from 'node:path';
import { expect } from 'vitest';
import { generateScaleRepo } from '../../scripts/bench/generate.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { describeLayout } from './layout-checks.ts';

/** Seal time and »today« as in the benchmark, so the build does not depend on the clock. */
const SOURCE_DATE_EPOCH = '1771891200';
const TODAY = '2026-01-15';

describeLayout(
  'layout of the synthetic 46-kommune documents',
  async (scratch) => {
    const root = path.join(scratch, 'repo');
    const out = path.join(scratch, 'out');
    const dataset = await generateScaleRepo(root, { kommuner: 46 });
    expect(dataset.documents).toBe(214);
    // Its own cache folder: 214 throw-away outputs would crowd this checkout's build cache.
    const env = { SOURCE_DATE_EPOCH, AFTALER_CACHE_DIR: path.join(scratch, 'cache') };
    // One render thread: the suite runs a test file per core already, and a build on every core
    // besides starved the tests that wait for a child process (watch) on a 2-core machine.
    const run = await runInProcess('build', ['--root', root, '--force', '--quiet', '--jobs', '1', '--today', TODAY, '--out', out], env);
    expect(run.code, run.stderr).toBe(0);
    return out;
  },
  { minDocuments: 214, timeout: 300_000 },
);
