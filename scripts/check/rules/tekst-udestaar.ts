import { defineRule } from '../rule.ts';
import { agreementDocuments, kindOf } from '../../kinds/index.ts';
import { scalarAt, type DataPath } from '../../basics/locate.ts';
import { scalarOffsets, sourceSpan } from '../../basics/scalar-offsets.ts';
import type { Status } from '../../model/types.ts';

const approved: readonly Status[] = ['godkendt', 'underskrevet'];

/** The drafting note's word, in any case (»Udestår:«, »udestår«). */
const MARKER = /udestår/giu;

/** Every string value of the data with its path, in document order. */
function strings(value: unknown, path: DataPath, out: Array<{ path: DataPath; text: string }> = []) {
  if (typeof value === 'string') out.push({ path, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => strings(v, [...path, i], out));
  else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) strings(v, [...path, k], out);
  return out;
}

export default defineRule({
  id: 'tekst/udestaar',
  severity: 'error',
  locked: true,
  description: 'En godkendt eller underskrevet aftale indeholder ingen »Udestår«: al tekst er skrevet, før parterne godkender den.',
  citation: 'Q&A: Flytning af opgaver fra kommunerne til regionen (opdateret 23. januar 2026): regionsråd og kommunalbestyrelse godkender aftalens indhold',
  check({ repo, files, report }) {
    for (const { doc, agreement } of agreementDocuments(repo)) {
      const status = agreement.status(doc);
      if (!approved.includes(status)) continue;
      let source: string | undefined | null = null;
      for (const { path, text } of strings(doc.data, [])) {
        for (const m of text.matchAll(MARKER)) {
          if (source === null) source = files?.text(doc.file);
          const node = scalarAt(doc.yaml, path);
          const offsets = source && node ? scalarOffsets(source, node, text) : undefined;
          report({
            doc,
            path,
            span: offsets ? sourceSpan(offsets, m.index, m.index + m[0].length) : undefined,
            message: `Status er »${status}«, men teksten har stadig »${m[0]}«: skriv den tekst, der udestår, eller sæt status tilbage til udkast`,
          });
        }
      }
      // What the template writes as »Udestår« for data not yet stated (a null list, an absent clause).
      for (const { path, what } of kindOf(doc).pending?.(doc) ?? []) {
        report({
          doc,
          // A clause left out of the file is reported at the status that requires it.
          path: doc.yaml.hasIn(path) ? path : ['status'],
          message: `Status er »${status}«, men ${what} udestår (feltet er tomt og vises som »Udestår«): skriv teksten, eller for en liste [] hvis der ingen er`,
        });
      }
    }
  },
});
