import { baseOf } from '../../../kinds/tillaeg.ts';
import type { Repository } from '../../../model/repository.ts';
import type { SourceDocument } from '../../../model/source-document.ts';

type Tillaeg = SourceDocument<'tillaeg'>;

/** Where the tillæg rules take their requirement from. */
export const TILLAEG_CITATION = 'Sag EMN-2025-10366, sagsfremstilling: »I efteråret 2026 konkretiseres aftalen, og der udarbejdes tillægsaftaler«';

/** Every tillæg (the first of a duplicated id) with the agreement it amends, where that exists and can be amended. */
export function* amendedTillaeg(repo: Repository): Generator<{ doc: Tillaeg; base: NonNullable<ReturnType<typeof baseOf>> }> {
  for (const doc of repo.ofKind('tillaeg')) {
    if (repo.byId(doc.data.id) !== doc) continue;
    const base = baseOf(repo, doc.data.til);
    if (base) yield { doc, base };
  }
}

/** A base's string field, if it has one (the kinds that can be amended differ in their fields). */
export const fieldOf = (doc: SourceDocument, key: string): string | null | undefined => (doc.data as unknown as Record<string, string | null | undefined>)[key];
