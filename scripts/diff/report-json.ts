import type { DiffResult } from './types.ts';

/**
 * The comparison for tools: documents added, removed and changed; per changed document its
 * changed fields and its changed clauses with their changed lines (unchanged ones are left out).
 */
export function reportJson(result: DiffResult): string {
  const changed = result.changed.map((d) => ({
    id: d.id,
    kind: d.kind,
    name: d.name,
    file: d.file,
    kommuner: d.kommuner,
    fields: d.fields,
    clauses: d.clauses.filter((c) => c.status !== 'equal').map((c) => ({ ...c, lines: c.lines.filter((l) => l.status !== 'equal') })),
  }));
  return JSON.stringify({ ...result, changed }, null, 2) + '\n';
}
