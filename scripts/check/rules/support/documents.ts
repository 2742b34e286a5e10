import { registry } from '../../../kinds/index.ts';
import type { Repository } from '../../../model/repository.ts';
import type { SourceDocument } from '../../../model/source-document.ts';
import { canonical } from '../../../model/canonical.ts';

// Lives in the model (model/decisions.ts needs it too); the rules keep importing it from here.
export { canonical };

/** What a bilag group holds, for messages: »samarbejdsaftalerne om akutsygepleje«. */
export function groupName(repo: Repository, doc: SourceDocument): string {
  return registry.isDocument(doc.kind) ? registry.of(doc).groupName(repo, doc) : doc.kind;
}

/**
 * True when the case lists a bilag that points at nothing loadable: a missing id, or a file
 * with errors of its own. Derived numbers and coverage are then uncertain, and the reference
 * rules (or the broken file's own errors) already say what to fix.
 */
export function unresolvedBilag(repo: Repository, sag: SourceDocument<'sag'>): string[] {
  return sag.data.bilag.flatMap((b) => (b.dokument !== undefined && !repo.byId(b.dokument) ? [b.dokument] : []));
}

/** A case's bilag that points at a document in the repository, with that document's version. */
export interface AttachedDocument {
  sag: SourceDocument<'sag'>;
  /** The bilag's index in the case's list. */
  index: number;
  dokument: string;
  /** The version the case attaches, if it names one. */
  attached: string | undefined;
  target: SourceDocument;
  /** The document's current version: undefined for kinds without versions, null for a draft without one. */
  current: string | null | undefined;
}

/** Every bilag of every case that resolves to a document; broken references are ref/ukendt-dokument's. */
export function* attachedDocuments(repo: Repository): Generator<AttachedDocument> {
  for (const sag of canonical(repo, 'sag')) {
    for (const [index, b] of sag.data.bilag.entries()) {
      if (b.dokument === undefined) continue;
      const target = repo.byId(b.dokument);
      if (!target || !registry.isDocument(target.kind)) continue;
      yield { sag, index, dokument: b.dokument, attached: b.version, target, current: (target.data as { version?: string | null }).version };
    }
  }
}
