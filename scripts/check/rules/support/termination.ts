import { kindOf, renderedDocuments, terminationOf, type Termination } from '../../../kinds/index.ts';
import type { Repository } from '../../../model/repository.ts';
import type { SourceDocument } from '../../../model/source-document.ts';
import type { Status } from '../../../model/types.ts';

interface Terminable {
  doc: SourceDocument;
  /** The agreement's status. */
  status: Status;
  /** The recorded termination, if any (whatever the status says). */
  termination: Termination | undefined;
}

/** Every document (own id) of a kind that can be terminated and has a status, with its termination. */
export function terminables(repo: Repository): Terminable[] {
  return renderedDocuments(repo).flatMap((doc) => {
    const kind = kindOf(doc);
    if (!kind.terminates || !kind.agreement || repo.byId(doc.data.id) !== doc) return [];
    return [{ doc, status: kind.agreement.status(doc), termination: terminationOf(doc) }];
  });
}
