import type { Kind } from './kinds.ts';
import type { Repository } from './repository.ts';
import type { SourceDocument } from './source-document.ts';

/**
 * The documents of a kind that own their id. A second file with the same id is already
 * `ref/dobbelt-id`; counting it again (e.g. as a second HSA for the same kommune) would
 * report one mistake twice.
 */
export function canonical<K extends Kind>(repo: Repository, kind: K): SourceDocument<K>[] {
  return repo.ofKind(kind).filter((doc) => repo.byId(doc.data.id) === doc);
}
