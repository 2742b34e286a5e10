import { defineRule } from '../rule.ts';
import { kommuneName } from '../../model/names.ts';

export default defineRule({
  id: 'region/kommune-i-flere-sundhedsraad',
  severity: 'error',
  description: 'En kommune hører til højst ét sundhedsråd.',
  citation: 'agreements/reference/region.yaml (regionens seks sundhedsråd og deres kommuner)',
  check({ repo, report }) {
    for (const doc of repo.ofKind('region')) {
      const first = new Map<string, { i: number; j: number }>();
      for (const [i, raad] of doc.data.sundhedsraad.entries()) {
        for (const [j, code] of raad.kommuner.entries()) {
          const earlier = first.get(code);
          if (!earlier) {
            first.set(code, { i, j });
            continue;
          }
          // The same råd listing a kommune twice is schema-valid but not this rule's point.
          if (earlier.i === i) continue;
          report({
            doc,
            path: ['sundhedsraad', i, 'kommuner', j],
            message: `${kommuneName(repo, code)} står allerede under ${doc.data.sundhedsraad[earlier.i]!.navn}; en kommune hører til ét sundhedsråd`,
            related: [{ doc, path: ['sundhedsraad', earlier.i, 'kommuner', earlier.j], message: 'første sundhedsråd med kommunen' }],
          });
        }
      }
    }
  },
});
