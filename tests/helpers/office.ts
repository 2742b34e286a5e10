/**
 * LibreOffice for the .docx tests: where it is installed, and a conversion that runs headless
 * with a profile of its own (no clash with a LibreOffice the user has open, nothing left in
 * $HOME). The tests that need it skip, saying why, where it is missing.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

function find(): string | undefined {
  const which = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() || undefined : undefined;
}

/** The soffice binary, or undefined where LibreOffice is not installed. */
export const SOFFICE = find();

export const NO_OFFICE = 'LibreOffice (soffice) is not installed (apt-get install libreoffice-writer-nogui): skipped; the mammoth and schema checks still run';

/** Converts `file` to `format` (pdf, fodt, …) into `outDir`, as `soffice --convert-to` does. */
export function officeConvert(file: string, format: string, outDir: string): SpawnSyncReturns<string> {
  if (SOFFICE === undefined) throw new Error(NO_OFFICE);
  const profile = mkdtempSync(path.join(tmpdir(), 'aftaler-lo-profile-'));
  try {
    return spawnSync(
      SOFFICE,
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', format, '--outdir', outDir, file],
      { encoding: 'utf8', timeout: 120_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
