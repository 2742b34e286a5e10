import type { DocumentKind } from '../model/kinds.ts';
import { kommuneName, opgaveTerm } from '../model/names.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';

/**
 * A short name for a document in lists and calendar titles, where the full generated name
 * (model/names.ts documentName) is too long: »Samarbejdsaftale om akutsygepleje«.
 */
export function shortDocumentLabel(repo: Repository, doc: SourceDocument<DocumentKind>): string {
  switch (doc.kind) {
    case 'hsa':
      return `Samarbejdsaftale om ${opgaveTerm(repo, (doc as SourceDocument<'hsa'>).data.opgave)}`;
    case 'delingsaftale':
      return 'Delingsaftale';
    case 'anmodning':
      return `Anmodning om fortsat drift af ${opgaveTerm(repo, (doc as SourceDocument<'anmodning'>).data.opgave)}`;
    case 'sag': {
      const d = (doc as SourceDocument<'sag'>).data;
      return `Sag ${d.sags_id}, punkt ${d.punkt}`;
    }
  }
}

/** Who a document concerns, shortly: »Holbæk« or, for a case, its sundhedsråd's name. */
export function concernsLabel(repo: Repository, doc: SourceDocument<DocumentKind>): string {
  if (doc.kind === 'sag') {
    const id = (doc as SourceDocument<'sag'>).data.sundhedsraad;
    return repo.sundhedsraad(id)?.navn ?? id;
  }
  const code = (doc.data as { kommune: string }).kommune;
  return repo.kommune(code)?.kortnavn ?? kommuneName(repo, code);
}
