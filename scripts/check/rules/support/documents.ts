import { opgaveTerm } from '../../../model/names.ts';
import type { Kind } from '../../../model/kinds.ts';
import type { Repository } from '../../../model/repository.ts';
import type { SourceDocument } from '../../../model/source-document.ts';

/**
 * The documents of a kind that own their id. A second file with the same id is already
 * `ref/duplicate-id`; counting it again (e.g. as a second HSA for the same kommune) would
 * report one mistake twice.
 */
export function canonical<K extends Kind>(repo: Repository, kind: K): SourceDocument<K>[] {
  return repo.ofKind(kind).filter((doc) => repo.byId(doc.data.id) === doc);
}

/** What a bilag group holds, for messages: »samarbejdsaftalerne om akutsygepleje«. */
export function groupName(repo: Repository, doc: SourceDocument): string {
  const opgave = (doc.data as { opgave?: string }).opgave;
  switch (doc.kind) {
    case 'hsa':
      return `samarbejdsaftalerne om ${opgaveTerm(repo, opgave ?? '')}`;
    case 'anmodning':
      return `anmodningerne om ${opgaveTerm(repo, opgave ?? '')}`;
    case 'delingsaftale':
      return 'delingsaftalerne';
    case 'sag':
      return 'sagerne';
    default:
      return doc.kind;
  }
}

/**
 * True when the case lists a bilag that points at nothing loadable: a missing id, or a file
 * with errors of its own. Derived numbers and coverage are then uncertain, and the reference
 * rules (or the broken file's own errors) already say what to fix.
 */
export function unresolvedBilag(repo: Repository, sag: SourceDocument<'sag'>): string[] {
  return sag.data.bilag.flatMap((b) => (b.dokument !== undefined && !repo.byId(b.dokument) ? [b.dokument] : []));
}
