import { spawn } from 'node:child_process';
import path from 'node:path';
import type { CliResult } from '../helpers/cli.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

/** tests/helpers/cli.ts's runCli, but without blocking: for commands that may run side by side. */
export function runCliAsync(command: string, args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts', 'cli', `${command}.ts`), ...args], {
      cwd: REPO_ROOT,
      env: process.env,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}
