import { defineRule } from '../rule.ts';
import { suggest } from '../../basics/quote.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every date field of a document by its dotted path (»godkendelser.regionsraad«), arrays left out. */
function dateFields(value: unknown, prefix = ''): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, v]) => {
    const dotted = prefix ? `${prefix}.${key}` : key;
    return typeof v === 'string' && ISO_DATE.test(v) ? [dotted] : dateFields(v, dotted);
  });
}

/**
 * A begrundelse explains one late date, so its key must name a date field the document has
 * (a mistyped key would leave the late date an error and the begrundelse unread).
 */
export default defineRule({
  id: 'forsinkelse/ukendt-felt',
  severity: 'error',
  description: 'Hver begrundelse under »forsinkelser« står ved stien til et datofelt med en dato i samme dokument.',
  citation: 'Projektets datamodel: en dato efter fristen er en fejl uden begrundelse og en advarsel med (README, »Aftalens liv«)',
  check({ repo, report }) {
    for (const doc of repo.documents) {
      const forsinkelser = (doc.data as { forsinkelser?: Record<string, string> }).forsinkelser;
      if (!forsinkelser) continue;
      const fields = dateFields(doc.data).filter((f) => !f.startsWith('forsinkelser.'));
      for (const key of Object.keys(forsinkelser)) {
        if (fields.includes(key)) continue;
        const guess = suggest(key, fields);
        report({
          doc,
          path: ['forsinkelser', key],
          target: 'key',
          message: `»${key}« er ikke et datofelt med en dato i dokumentet; en begrundelse står ved stien til den dato, den forklarer${guess ? ` (mente du »${guess}«?)` : ', fx godkendelser.regionsraad'}`,
        });
      }
    }
  },
});
