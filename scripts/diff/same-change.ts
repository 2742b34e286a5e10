import { stripClauseNumber } from './clauses.ts';
import { changedClauses, type ChangedDocument, type SameChange } from './types.ts';

/**
 * What a document's change is, apart from where it lands: per changed clause its heading without
 * the number (an HSA with a Kapacitet section numbers its clauses differently) and the runs
 * inserted and deleted, with the document's own kommune names set aside (a template line that
 * names the kommune changes every document the same way). Unchanged context around the runs is
 * left out, as it holds each document's own data.
 */
function signature(d: ChangedDocument): string {
  const clauses = changedClauses(d).map((c) => [
    c.status,
    c.formatOnly,
    c.before === null ? null : stripClauseNumber(c.before),
    c.after === null ? null : stripClauseNumber(c.after),
    c.inserted,
    c.deleted,
  ]);
  let text = JSON.stringify(clauses);
  for (const k of d.kommuner) text = text.split(k.navn).join('\u0000kommune\u0000');
  return text;
}

/**
 * Groups the documents that changed alike without any change to their own data: a template or
 * reference-data edit, which would otherwise be shown once per document (24 times for a sentence
 * in the HSA template). Only groups of two or more; a document with its own field changes is
 * always shown on its own.
 */
export function sameChanges(changed: readonly ChangedDocument[]): SameChange[] {
  const groups = new Map<string, string[]>();
  for (const d of changed) {
    if (d.fields.length > 0) continue;
    const key = signature(d);
    const ids = groups.get(key);
    if (ids) ids.push(d.id);
    else groups.set(key, [d.id]);
  }
  return [...groups.values()].filter((ids) => ids.length > 1).map((ids) => ({ ids }));
}
