import type { DocumentKind } from '../model/kinds.ts';
import type { SourceDocument } from '../model/source-document.ts';

type Doc = SourceDocument<DocumentKind>;

/**
 * The order of a kommune's bundle: each case first, followed by the documents its bilag list
 * attaches, in the list's order (so the combined PDF reads like the case's bilag 1a, 1b …); then
 * every other document in the order given, which is stable (the repository's).
 */
export function bundleOrder(docs: readonly Doc[]): Doc[] {
  const present = new Set(docs.map((d) => d.data.id));
  const rank = new Map<string, number>();
  const place = (id: string) => {
    if (present.has(id) && !rank.has(id)) rank.set(id, rank.size);
  };
  for (const d of docs) {
    if (d.kind !== 'sag') continue;
    place(d.data.id);
    for (const b of (d as SourceDocument<'sag'>).data.bilag) if (b.dokument !== undefined) place(b.dokument);
  }
  return docs
    .map((d, i) => ({ d, key: rank.get(d.data.id) ?? rank.size + i }))
    .sort((a, b) => a.key - b.key)
    .map(({ d }) => d);
}
