import { defineRule } from '../rule.ts';
import { kommuneName } from '../../model/names.ts';
import { casesWithDecisions, delingsaftalerOf } from './support/coverage.ts';

export default defineRule({
  id: 'daekning/delingsaftale',
  severity: 'error',
  description: 'Hver kommune, indstillingen afgør driftsmodeller for, har en delingsaftale med regionen.',
  citation: 'Sag EMN-2025-10366, sagsfremstilling »Indgåelse af delingsaftaler« (også om myndighedsansvaret, selv uden aktiver og passiver)',
  check({ repo, report }) {
    for (const { sag, raad, decisions } of casesWithDecisions(repo)) {
      const reported = new Set<string>();
      for (const d of decisions) {
        if (!raad.kommuner.includes(d.kommune) || reported.has(d.kommune)) continue;
        reported.add(d.kommune);
        const { found, uncertain } = delingsaftalerOf(repo, d.kommune);
        if (found.length > 0 || uncertain) continue;
        report({
          doc: sag,
          path: d.at,
          message: `${kommuneName(repo, d.kommune)} har ingen delingsaftale med regionen; den skal dække driften af de opgaver, der overgår til regionen, og myndighedsansvaret for dem, kommunen driver videre`,
        });
      }
    }
  },
});
