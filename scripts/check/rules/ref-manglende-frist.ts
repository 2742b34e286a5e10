import { defineRule } from '../rule.ts';
import { fristIds, vilkaarIds } from './support/calendar.ts';

export default defineRule({
  id: 'ref/manglende-frist',
  formerId: 'ref/missing-frist',
  severity: 'error',
  locked: true,
  description: 'Fristkalenderen indeholder alle de frister og vilkår, reglerne kontrollerer datoer imod.',
  citation: 'agreements/reference/frister.yaml (fristkalenderen; reglerne har ingen datoer i koden)',
  check({ repo, report }) {
    // With no calendar at all, ref/manglende-referencedata has already said so.
    const calendar = repo.ofKind('frister')[0];
    if (!calendar) return;
    for (const id of fristIds) {
      if (repo.frist(id)) continue;
      report({
        doc: calendar,
        path: ['frister'],
        target: 'key',
        message: `Fristen »${id}« mangler i fristkalenderen, så de regler, der bruger den, kan ikke kontrollere noget`,
      });
    }
    for (const id of vilkaarIds) {
      if (repo.vilkaar(id)) continue;
      report({
        doc: calendar,
        path: ['vilkaar'],
        target: 'key',
        message: `Vilkåret »${id}« mangler i fristkalenderen, så de regler, der bruger det, kan ikke kontrollere noget`,
      });
    }
  },
});
