/**
 * Page layout of every shipped document (the rules are in ./layout-checks.ts): the shipped data
 * is built once and every per-document PDF is read back with poppler.
 */
import path from 'node:path';
import { expect } from 'vitest';
import { runInProcess } from '../helpers/in-process.ts';
import { describeLayout } from './layout-checks.ts';

const ENV = { SOURCE_DATE_EPOCH: '1771891200' };

describeLayout(
  'layout of the shipped documents',
  async (scratch) => {
    const out = path.join(scratch, 'out');
    const run = await runInProcess('build', ['--force', '--quiet', '--today', '2026-01-15', '--out', out], ENV);
    expect(run.code, run.stderr).toBe(0);
    return out;
  },
  { minDocuments: 30, timeout: 120_000 },
);
