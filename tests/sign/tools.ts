/** Running the independent checkers (openssl, qpdf, pdfsig, certutil) and the verify CLI. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface ToolResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function run(command: string, args: readonly string[], env?: NodeJS.ProcessEnv): ToolResult {
  const result = spawnSync(command, args, { encoding: 'utf8', env: env ?? process.env });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Like run, but a non-zero exit is a test failure with the tool's own words. */
export function mustRun(command: string, args: readonly string[]): string {
  const result = run(command, args);
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stderr}${result.stdout}`);
  return result.stdout;
}

const created: string[] = [];

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `aftaler-sign-${prefix}-`));
  created.push(dir);
  return dir;
}

/** For afterAll: removes every tempDir this test file made (keys included). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** The verify CLI as CI runs it (tsx loader, no npx start-up cost). */
export function runVerifyCli(args: readonly string[]): ToolResult {
  return run(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'scripts/cli/verify.ts'), ...args]);
}

let emptyNss: string | undefined;

/**
 * pdfsig's verdict on `file`. Without `nssDir` it reads a throwaway empty NSS database of its
 * own rather than the user's default one, which other tools running beside the tests (NSS,
 * LibreOffice) may hold or be creating: once, in a full run, that gave »Unknown Validation
 * Failure« with no certificate name for a valid seal.
 */
export function pdfsig(file: string, nssDir?: string): string {
  // Made again after removeTempDirs; without certutil, pdfsig's default database it is.
  if (nssDir === undefined && (emptyNss === undefined || !existsSync(emptyNss))) {
    try {
      emptyNss = nssDatabase();
    } catch {
      emptyNss = undefined;
    }
  }
  const dir = nssDir ?? emptyNss;
  // pdfsig exits 0 even when a digest does not match, so callers assert on the text.
  const result = run('pdfsig', [...(dir ? ['-nssdir', `sql:${dir}`] : []), file]);
  return result.stdout + result.stderr;
}

function nssDatabase(): string {
  const dir = tempDir('nss');
  mustRun('certutil', ['-N', '--empty-password', '-d', `sql:${dir}`]);
  return dir;
}

/** A throwaway NSS database that trusts `caPem` for signing, for pdfsig -nssdir. */
export function nssDbTrusting(caPem: string): string {
  const dir = nssDatabase();
  mustRun('certutil', ['-A', '-n', 'aftaler-test-ca', '-t', 'CT,C,C', '-i', caPem, '-d', `sql:${dir}`]);
  return dir;
}
