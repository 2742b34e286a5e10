import { defineRule } from '../rule.ts';
import { suggest } from '../../basics/quote.ts';

export default defineRule({
  id: 'ref/ukendt-sundhedsraad',
  formerId: 'ref/unknown-sundhedsraad',
  severity: 'error',
  locked: true,
  description: 'En sag hører til et sundhedsråd, der findes i referencedata.',
  citation: 'agreements/reference/region.yaml (regionens seks sundhedsråd)',
  check({ repo, report }) {
    const ids = repo.sundhedsraadList.map((s) => s.id);
    if (ids.length === 0) return;
    for (const doc of repo.ofKind('sag')) {
      if (repo.sundhedsraad(doc.data.sundhedsraad)) continue;
      const guess = suggest(doc.data.sundhedsraad, ids);
      report({
        doc,
        path: ['sundhedsraad'],
        message: `Ukendt sundhedsråd »${doc.data.sundhedsraad}«; brug en af: ${ids.join(', ')}${guess ? ` (mente du »${guess}«?)` : ''}`,
      });
    }
  },
});
