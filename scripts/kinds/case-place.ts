import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { Tekstgrundlag } from '../model/types.ts';
import { withProvenance } from './common.ts';
import type { DocumentMeta } from './meta.ts';
import { numberBilag } from './sag-bilag.ts';

/** The council cases that list a document among their bilag. */
function attachingCases(repo: Repository, id: string): Array<SourceDocument<'sag'>> {
  return repo.ofKind('sag').filter((sag) => sag.data.bilag.some((b) => b.dokument === id));
}

/**
 * Where a document sits as a bilag: »Bilag 3a til punkt 3, EMN-2025-10366«, with the number
 * numberBilag generates. Of several cases that attach it, the latest meeting wins (a case without
 * a meeting date counts as earliest; ties go to the last case in the repository's order).
 * Null when no case attaches the document.
 */
function bilagPlace(repo: Repository, id: string): string | null {
  const cases = attachingCases(repo, id);
  const byDate = cases.map((sag, i) => ({ sag, i })).sort((a, b) => (a.sag.data.moede.dato ?? '').localeCompare(b.sag.data.moede.dato ?? '') || a.i - b.i);
  const sag = byDate.at(-1)?.sag;
  if (!sag) return null;
  const entry = numberBilag(repo, sag).find((b) => b.entry.dokument === id);
  return entry ? `Bilag ${entry.number} til punkt ${sag.data.punkt}, ${sag.data.sags_id}` : null;
}

/**
 * What bilagPlace reads: every case (to find those that attach the document) and, for those
 * that do, every document they list (the bilag numbers follow the kinds and opgaver of the
 * neighbouring entries). Declared in a kind's reads() so an edit to them rebuilds the document.
 */
export function bilagPlaceReads(repo: Repository, id: string): SourceDocument[] {
  const cases = attachingCases(repo, id);
  const listed = cases.flatMap((sag) => sag.data.bilag.flatMap((b) => (b.dokument === undefined ? [] : (repo.byId(b.dokument) ?? []))));
  return [...repo.ofKind('sag'), ...listed];
}

/**
 * The second header line of an agreement: »DokID … · V… · Rekonstrueret tekst« on the left
 * (what is known of them), its place as a bilag on the right.
 */
export function identityLine(
  repo: Repository,
  id: string,
  parts: { dokid: string | null | undefined; version: string | null },
  t: Tekstgrundlag | undefined,
): DocumentMeta['runningSubheader'] {
  const left = withProvenance([...(parts.dokid ? [`DokID ${parts.dokid}`] : []), ...(parts.version ? [parts.version] : [])].join(' · '), t).replace(/^ · /, '');
  const right = bilagPlace(repo, id);
  return left || right ? { left, right } : undefined;
}
