import { councilOf, kommuneOf } from '../kinds/index.ts';
import { SAFE_NAME } from '../model/names.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';

/** Folder for documents of kommuner whose sundhedsråd no source confirms. */
export const NO_SUNDHEDSRAAD = 'uden-sundhedsraad';

export function kommuneFolder(repo: Repository, code: string): string {
  return `${code}-${repo.kommune(code)?.slug ?? 'ukendt'}`;
}

/**
 * Where a document's outputs go, without extension: per sundhedsråd, then per kommune
 * (»midt-og-vestsjaelland/316-holbaek/hsa-holbaek-akutsygepleje«); a council's document (a
 * case) sits at its sundhedsråd's top.
 */
export function outputBase(repo: Repository, doc: SourceDocument): string {
  const council = councilOf(doc);
  if (council !== undefined) return safePath([council, doc.data.id]);
  const code = kommuneOf(doc)!;
  const raad = repo.sundhedsraadOf(code)?.id ?? NO_SUNDHEDSRAAD;
  return safePath([raad, kommuneFolder(repo, code), doc.data.id]);
}

/**
 * The parts joined, each checked again here: `check` refuses unsafe names (ref/sti-navn) before
 * a build renders anything, so this only fires if that rule was bypassed — and then no file is
 * written outside out/.
 */
function safePath(parts: readonly string[]): string {
  for (const part of parts) {
    // A kommune folder is »<code>-<slug>«: both halves are safe names, so is the whole.
    if (!SAFE_NAME.test(part)) throw new Error(`usikkert navn i en outputsti: »${JSON.stringify(part).slice(1, -1)}«`);
  }
  return parts.join('/');
}
