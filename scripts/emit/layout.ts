import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';

/** Folder for documents of kommuner whose sundhedsråd no source confirms. */
export const NO_SUNDHEDSRAAD = 'uden-sundhedsraad';

export function kommuneFolder(repo: Repository, code: string): string {
  return `${code}-${repo.kommune(code)?.slug ?? 'ukendt'}`;
}

/**
 * Where a document's outputs go, without extension: per sundhedsråd, then per kommune
 * (»midt-og-vestsjaelland/316-holbaek/hsa-holbaek-akutsygepleje«); a case sits at its
 * sundhedsråd's top.
 */
export function outputBase(repo: Repository, doc: SourceDocument): string {
  if (doc.kind === 'sag') return `${(doc as SourceDocument<'sag'>).data.sundhedsraad}/${doc.data.id}`;
  const code = (doc.data as { kommune: string }).kommune;
  const raad = repo.sundhedsraadOf(code)?.id ?? NO_SUNDHEDSRAAD;
  return `${raad}/${kommuneFolder(repo, code)}/${doc.data.id}`;
}
