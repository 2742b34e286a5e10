import { defineRule } from '../rule.ts';
import { danishDate } from './support/calendar.ts';

export default defineRule({
  id: 'dato/tekst',
  severity: 'error',
  description: 'En dato skrevet som i sagen (dato_tekst, fx »17. marts«) er samme dag som mødets dato, med eller uden år.',
  citation: 'Sag EMN-2025-10366, »Videre politisk proces« (»Forberedende Regionsråd 17. marts.«)',
  check({ repo, report }) {
    for (const doc of repo.ofKind('sag')) {
      const meetings = [{ path: ['moede'], moede: doc.data.moede }, ...doc.data.videre_proces.map((moede, i) => ({ path: ['videre_proces', i], moede }))];
      for (const { path, moede } of meetings) {
        const written = moede.dato_tekst;
        if (written === undefined) continue;
        if (moede.dato === null) {
          report({
            doc,
            path: [...path, 'dato_tekst'],
            message: `Datoen »${written}« er skrevet som i sagen, men mødets dato mangler; angiv dato (ÅÅÅÅ-MM-DD) ved siden af`,
          });
          continue;
        }
        const full = danishDate(moede.dato);
        const withoutYear = full.replace(/ \d{4}$/, '');
        if (written.replace(/\s+/g, ' ').trim() === full || written.replace(/\s+/g, ' ').trim() === withoutYear) continue;
        report({
          doc,
          path: [...path, 'dato_tekst'],
          message: `Datoen »${written}« er ikke mødets dato ${full}; skriv »${withoutYear}« eller »${full}«`,
          related: [{ doc, path: [...path, 'dato'], message: 'mødets dato' }],
        });
      }
    }
  },
});
