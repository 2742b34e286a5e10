import { defineRule } from '../rule.ts';
import { danishDate } from './support/calendar.ts';

export default defineRule({
  id: 'dato/sag-moede',
  severity: 'error',
  description: 'Sundhedsrådets møde om en sag ligger efter de tidligere beslutninger og før møderne i den videre politiske proces.',
  citation: 'Sag EMN-2025-10366, »Videre politisk proces« og »Tidligere politiske beslutninger«',
  check({ repo, report }) {
    for (const doc of repo.ofKind('sag')) {
      const moede = doc.data.moede.dato;
      if (moede === null) continue; // the meeting date is not known yet
      const related = [{ doc, path: ['moede', 'dato'], message: 'sagens møde' }];
      for (const [i, next] of doc.data.videre_proces.entries()) {
        if (next.dato === null || next.dato > moede) continue;
        report({
          doc,
          path: ['videre_proces', i, 'dato'],
          message: `${next.organ} behandler sagen ${danishDate(next.dato)}, men det skal være efter sundhedsrådets møde ${danishDate(moede)}`,
          related,
        });
      }
      for (const [i, before] of doc.data.tidligere_beslutninger.entries()) {
        if (before.dato < moede) continue;
        report({
          doc,
          path: ['tidligere_beslutninger', i, 'dato'],
          message: `Den tidligere beslutning i ${before.organ} er dateret ${danishDate(before.dato)}, men skal ligge før sagens møde ${danishDate(moede)}`,
          related,
        });
      }
    }
  },
});
