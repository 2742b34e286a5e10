import { defineRule } from '../rule.ts';
import { agreementDocuments } from '../../kinds/index.ts';
import { scalarAt, type DataPath } from '../../basics/locate.ts';
import { scalarOffsets, sourceSpan } from '../../basics/scalar-offsets.ts';
import type { Status } from '../../model/types.ts';

const approved: readonly Status[] = ['godkendt', 'underskrevet'];

/** The drafting note's word, in any case (»Udestår:«, »udestår«). */
const MARKER = /udestår/giu;

/** The delingsaftale's lists, where null means »not yet stated« and renders as »Udestår«. */
const LISTS = ['aktiver', 'passiver', 'rettigheder', 'pligter', 'ansatte'] as const;

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
      if (doc.kind !== 'delingsaftale') continue;
      (doc.data as { opgaver: Array<Record<(typeof LISTS)[number], unknown>> }).opgaver.forEach((o, i) => {
        for (const list of LISTS) {
          if (o[list] !== null) continue;
          report({
            doc,
            path: ['opgaver', i, list],
            message: `Status er »${status}«, men ${list} er ikke opgjort (null) og vises som »Udestår«: skriv listen, eller [] hvis der ingen er`,
          });
        }
      });
    }
  },
});
