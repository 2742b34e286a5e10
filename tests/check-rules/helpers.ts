/**
 * For the few check tests that need the real data on disk or the command line: a scratch copy
 * of the repository and the CLI run as a user runs it. Rule cases run in memory instead (see
 * rule-tester.ts and cases/).
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import type { JsonDiagnostic } from '../../scripts/diagnostics/report-json.ts';
import { REPO_ROOT, RepoCopy } from '../helpers/repo.ts';

export { REPO_ROOT };

/** A scratch repository: the given parts of this one copied. */
export class Fixture extends RepoCopy {
  constructor(parts: readonly string[] = ['schemas', 'agreements/reference']) {
    super(parts, 'aftaler-rules-');
  }

  /** Deletes one file of the fixture (the whole fixture goes with cleanup()). */
  delete(file: string): void {
    rmSync(this.path(file));
  }

  cleanup(): void {
    super.remove();
  }
}

/** The findings of one rule as `file:line:column severity`, the form the tests assert. */
export function at(findings: readonly JsonDiagnostic[], rule: string): string[] {
  return findings.filter((f) => f.rule === rule).map((f) => `${f.file}:${f.line}:${f.column} ${f.severity}`);
}

/** Runs `npm run check` as a user would (through tsx), without a shell. */
export function runCheckCli(args: readonly string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'cli', 'check.ts'), ...args], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
