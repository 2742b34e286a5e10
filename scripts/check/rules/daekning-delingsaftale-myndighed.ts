import { defineRule } from '../rule.ts';
import { kommuneName, opgaveTerm } from '../../model/names.ts';
import { casesWithDecisions, decidedBy, delingsaftalerOf } from './support/coverage.ts';

export default defineRule({
  id: 'daekning/delingsaftale-myndighed',
  severity: 'error',
  description:
    'Hvor kommunen driver en opgave videre (kommunal drift eller anmodning), dækker kommunens delingsaftale myndighedsansvaret for opgaven (overdragelse: myndighedsansvar).',
  citation: 'Sag EMN-2025-10366, sagsfremstilling »Indgåelse af delingsaftaler« (delingsaftaler om myndighedsansvaret for de øvrige tre opgaver)',
  check({ repo, report }) {
    for (const { sag, raad, outcome, decisions } of casesWithDecisions(repo)) {
      for (const d of decisions) {
        if (d.model === 'regional' || !raad.kommuner.includes(d.kommune)) continue;
        const { found } = delingsaftalerOf(repo, d.kommune);
        if (found.length === 0) continue; // daekning/delingsaftale
        const entries = found.flatMap((doc) => doc.data.opgaver.map((o, i) => ({ doc, o, i })).filter(({ o }) => o.opgave === d.opgave));
        if (entries.some(({ o }) => o.overdragelse === 'myndighedsansvar')) continue;
        const kommune = kommuneName(repo, d.kommune);
        const term = opgaveTerm(repo, d.opgave);
        report({
          doc: sag,
          path: d.at,
          message: `${decidedBy(outcome, d)} lader ${kommune} drive ${term} videre, men delingsaftalen med ${kommune} ${entries.length > 0 ? 'overdrager driften af opgaven til regionen' : 'omfatter ikke opgaven'}; der skal stå »opgave: ${d.opgave}« med »overdragelse: myndighedsansvar«`,
          related:
            entries.length > 0
              ? entries.map(({ doc, i }) => ({ doc, path: ['opgaver', i, 'overdragelse'], message: 'opgaven i delingsaftalen' }))
              : found.map((doc) => ({ doc, path: ['opgaver'], target: 'key' as const, message: 'delingsaftalens opgaver' })),
        });
      }
    }
  },
});
