import type { Diagnostic } from './diagnostic.ts';

/**
 * Whether a finding concerns a file a pull request changes: its own file, or a place it points
 * at (a DokID used twice is reported in the untouched file too, pointing at the changed one).
 */
export function touchesChanged(d: Diagnostic, changed: ReadonlySet<string>): boolean {
  return changed.has(d.file) || (d.related ?? []).some((r) => changed.has(r.file));
}
