import { defineRule } from '../rule.ts';
import { kommuneName, opgaveTerm } from '../../model/names.ts';
import { casesWithDecisions, decidedBy } from './support/coverage.ts';
import { canonical } from './support/documents.ts';

export default defineRule({
  id: 'daekning/anmodning',
  severity: 'error',
  description: 'Hvor indstillingen anmoder en kommune om fortsat drift, findes en anmodning for kommunen og opgaven.',
  citation: 'Q&A: Flytning af opgaver fra kommunerne til regionen (opdateret 23. januar 2026), anmodning om fortsat kommunal drift (til og med 2028)',
  check({ repo, report }) {
    const anmodninger = canonical(repo, 'anmodning');
    for (const { sag, raad, outcome, decisions } of casesWithDecisions(repo)) {
      for (const d of decisions) {
        if (d.model !== 'anmodning' || !raad.kommuner.includes(d.kommune)) continue;
        if (anmodninger.some((a) => a.data.kommune === d.kommune && a.data.opgave === d.opgave)) continue;
        const slug = repo.kommune(d.kommune)?.slug ?? d.kommune;
        if (repo.isBroken(`anmodning-${slug}-${d.opgave}`)) continue; // its own errors say why
        const kommune = kommuneName(repo, d.kommune);
        report({
          doc: sag,
          path: d.at,
          message: `${decidedBy(outcome, d)} anmoder ${kommune} om fortsat drift af ${opgaveTerm(repo, d.opgave)}, men der er ingen anmodning (dokumenttype: anmodning) for ${kommune} og opgaven`,
        });
      }
    }
  },
});
