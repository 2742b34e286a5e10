import type { DataPath } from '../basics/locate.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { kindOf, renderedDocuments } from './index.ts';

/** One reference from a document to something else, with the data path it sits at. */
export interface Reference {
  doc: SourceDocument;
  path: DataPath;
  value: string;
}

/** Every place a kommunekode is used: the region's sundhedsråd, then what each document's kind names. */
export function* kommuneReferences(repo: Repository): Generator<Reference> {
  for (const doc of repo.ofKind('region')) {
    for (const [i, s] of doc.data.sundhedsraad.entries()) {
      for (const [j, code] of s.kommuner.entries()) yield { doc, path: ['sundhedsraad', i, 'kommuner', j], value: code };
    }
  }
  for (const doc of renderedDocuments(repo)) for (const m of kindOf(doc).kommuneMentions(doc)) yield { doc, ...m };
}

/** Every place an opgave id is used. */
export function* opgaveReferences(repo: Repository): Generator<Reference> {
  for (const doc of renderedDocuments(repo)) for (const m of kindOf(doc).opgaveMentions(doc)) yield { doc, ...m };
}

/**
 * Every DokID in the repository: documents' own first, then the external documents they attach,
 * so that a document's own DokID counts as the first owner when an attachment repeats it.
 */
export function* dokidReferences(repo: Repository): Generator<Reference & { external?: { titel: string } }> {
  for (const doc of renderedDocuments(repo)) {
    const dokid = (doc.data as { dokid?: string | null }).dokid;
    if (dokid) yield { doc, path: ['dokid'], value: dokid };
  }
  for (const doc of renderedDocuments(repo)) {
    for (const { titel, ...m } of kindOf(doc).externalDokids?.(doc) ?? []) yield { doc, ...m, external: { titel } };
  }
}
