import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { gitSync as git } from './git-sync.ts';

/**
 * Folders and files the pipeline itself makes (outputs, caches, the development certificate,
 * installed packages), relative to the repository root. They are gitignored, but `git add -f`
 * commits them all the same, and a checkout then holds them as if this machine had made them: a
 * forged output, a certificate, a cache entry. So committing one is an error, whatever the
 * current .gitignore says (a pull request can change that too).
 */
const GENERATED_PATHSPECS = [':(glob).cache/**', ':(glob).signing/**', ':(glob)out/**', ':(glob)out.*', ':(glob)out.*/**', ':(glob)node_modules/**'] as const;

/** Files listed per run; the rest are counted in one more finding. */
const LISTED = 20;

/**
 * Files under `root` that git tracks although they are generated: under one of
 * GENERATED_PATHSPECS, or matched by the repository's own ignore rules. Paths relative to
 * `root`, sorted; empty when `root` is not in a git repository.
 */
export function trackedGeneratedFiles(root: string): string[] {
  const split = (out: string | undefined) => (out ?? '').split('\0').filter((f) => f !== '');
  const named = split(git(root, ['ls-files', '-z', '--cached', '--', ...GENERATED_PATHSPECS]));
  const ignored = split(git(root, ['ls-files', '-z', '--cached', '--ignored', '--exclude-standard']));
  return [...new Set([...named, ...ignored])].sort();
}

/** One error per committed generated file (rule repo/genereret-fil-i-git), the first LISTED of them. */
export function trackedGeneratedDiagnostics(root: string): Diagnostic[] {
  const files = trackedGeneratedFiles(root);
  const findings: Diagnostic[] = files.slice(0, LISTED).map((file) => ({
    rule: 'repo/genereret-fil-i-git',
    severity: 'error',
    file,
    message: `Filen er dannet af programmet (output, cache eller udviklingscertifikat) og må ikke ligge i git: den kunne ændre, hvad der kontrolleres og forsegles. Fjern den med »git rm --cached -- '${file.replace(/'/g, `'\\''`)}'«`,
  }));
  if (files.length > LISTED) {
    findings.push({
      rule: 'repo/genereret-fil-i-git',
      severity: 'error',
      file: files[LISTED]!,
      message: `… og ${files.length - LISTED} flere dannede filer i git`,
    });
  }
  return findings;
}
