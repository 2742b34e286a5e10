/**
 * A fingerprint of the program code (scripts/ and the lock file). The build's cache is keyed on
 * it, so if someone edits the code while the benchmark runs — in a shared checkout — the no-op
 * and one-HSA builds render everything again; the report then says why, instead of showing a
 * cache that seems not to work.
 */
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../cli/cli.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.isFile() ? [path.join(dir, e.name)] : []));
}

export function codeFingerprint(root = REPO_ROOT): string {
  const hash = createHash('sha256');
  for (const file of [...filesUnder(path.join(root, 'scripts')), path.join(root, 'package-lock.json')]) {
    hash.update(`${path.relative(root, file)}\n`);
    try {
      hash.update(readFileSync(file));
    } catch {
      // deleted between listing and reading: that is a change, and the name alone records it
    }
  }
  return hash.digest('hex');
}
