import type { Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { locate, pointerToPath } from '../basics/locate.ts';
import type { Kind } from '../model/kinds.ts';
import { mapAjvError } from './messages.ts';
import type { Validators } from './schemas.ts';

/**
 * Validates one document against its kind's schema; every error positioned in the source.
 * `doc` gives the syntax tree, asked for only when there is an error to position.
 */
export function validateDocument(validators: Validators, kind: Kind, file: string, doc: () => Document.Parsed, data: unknown): Diagnostic[] {
  const validate = validators[kind];
  if (validate(data)) return [];
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const error of validate.errors ?? []) {
    const mapped = mapAjvError(error, pointerToPath(error.instancePath));
    if (!mapped) continue;
    const span = locate(doc(), mapped.path, mapped.target);
    const key = `${mapped.rule}|${span?.start ?? '-'}|${mapped.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push({ rule: mapped.rule, severity: 'error', file, span, message: mapped.message });
  }
  return diagnostics;
}
