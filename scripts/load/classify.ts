import type { Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { registry } from '../kinds/index.ts';
import type { Kind } from '../model/kinds.ts';
import { quote, suggest } from '../basics/quote.ts';
import { locate } from '../basics/locate.ts';

/** The kind of a file's data: a section whose `dokumenttype` is a known kind; else undefined. */
function kindOf(data: unknown): Kind | undefined {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const value = (data as Record<string, unknown>).dokumenttype;
  // The registry's kinds are the shipped ones (and a test's toy kind), whose ids Kind lists.
  return typeof value === 'string' && registry.isFileKind(value) ? (value as Kind) : undefined;
}

/**
 * Tells which kind a parsed file is from its `dokumenttype`; a file of no known kind is
 * reported. `doc` gives the syntax tree, asked for only to position a finding.
 */
export function classify(file: string, doc: () => Document.Parsed, data: unknown): { kind?: Kind; diagnostic?: Diagnostic } {
  const kind = kindOf(data);
  if (kind) return { kind };
  const fail = (message: string, span = locate(doc(), [], 'key')): { diagnostic: Diagnostic } => ({
    diagnostic: { rule: 'fil/ukendt-dokumenttype', severity: 'error', file, span, message },
  });
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return fail('Filen skal være et afsnit med felter, der begynder med »dokumenttype: …«');
  }
  const value = (data as Record<string, unknown>).dokumenttype;
  const kinds = registry
    .all()
    .map((k) => k.id)
    .filter((id) => registry.isFileKind(id));
  if (value === undefined) return fail(`Feltet »dokumenttype« mangler; brug en af: ${kinds.join(', ')}`);
  const guess = typeof value === 'string' ? suggest(value, kinds) : undefined;
  return fail(
    `Ukendt dokumenttype ${quote(value)}; brug en af: ${kinds.join(', ')}${guess ? ` (mente du »${guess}«?)` : ''}`,
    locate(doc(), ['dokumenttype'], 'value'),
  );
}
