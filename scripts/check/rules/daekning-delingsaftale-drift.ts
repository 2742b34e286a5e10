import { defineRule } from '../rule.ts';
import { kommuneName, opgaveTerm } from '../../model/names.ts';
import { casesWithDecisions, decidedBy, delingsaftalerOf } from './support/coverage.ts';

export default defineRule({
  id: 'daekning/delingsaftale-drift',
  severity: 'error',
  description: 'Hvor indstillingen overdrager driften til regionen, dækker kommunens delingsaftale driften af opgaven (overdragelse: drift).',
  citation: 'Q&A: Flytning af opgaver fra kommunerne til regionen (opdateret 23. januar 2026), regional drift (delingsaftale); Forårsaftale 2025, afsnit 6',
  check({ repo, report }) {
    for (const { sag, raad, outcome, decisions } of casesWithDecisions(repo)) {
      for (const d of decisions) {
        if (d.model !== 'regional' || !raad.kommuner.includes(d.kommune)) continue;
        const { found } = delingsaftalerOf(repo, d.kommune);
        if (found.length === 0) continue; // daekning/delingsaftale
        const entries = found.flatMap((doc) => doc.data.opgaver.map((o, i) => ({ doc, o, i })).filter(({ o }) => o.opgave === d.opgave));
        if (entries.some(({ o }) => o.overdragelse === 'drift')) continue;
        const kommune = kommuneName(repo, d.kommune);
        const term = opgaveTerm(repo, d.opgave);
        report({
          doc: sag,
          path: d.at,
          message: `${decidedBy(outcome, d)} overdrager driften af ${term} til regionen, men delingsaftalen med ${kommune} ${entries.length > 0 ? 'overdrager kun myndighedsansvaret for opgaven' : 'omfatter ikke opgaven'}; der skal stå »opgave: ${d.opgave}« med »overdragelse: drift«`,
          related:
            entries.length > 0
              ? entries.map(({ doc, i }) => ({ doc, path: ['opgaver', i, 'overdragelse'], message: 'opgaven i delingsaftalen' }))
              : found.map((doc) => ({ doc, path: ['opgaver'], target: 'key' as const, message: 'delingsaftalens opgaver' })),
        });
      }
    }
  },
});
