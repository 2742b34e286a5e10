import { defineRule } from '../rule.ts';
import { kommuneName } from '../../model/names.ts';
import { capacities } from './support/capacity.ts';

const citation = 'Q&A: Flytning af opgaver fra kommunerne til regionen (opdateret 23. januar 2026), skema over sundheds- og omsorgspladser pr. sundhedsråd';

export default defineRule({
  id: 'kapacitet/pladser',
  severity: 'error',
  description: 'De sundheds- og omsorgspladser, samarbejdsaftalerne i et sundhedsråd aftaler, er tilsammen højst sundhedsrådets antal.',
  citation,
  check({ repo, report }) {
    for (const { raad, region, limitPath, hsas } of capacities(repo)) {
      const limit = raad.sundheds_og_omsorgspladser;
      if (limit === null) continue; // kapacitet/ukendt
      const known = hsas.filter((h): h is (typeof hsas)[number] & { pladser: number } => h.pladser !== null);
      const total = known.reduce((sum, h) => sum + h.pladser, 0);
      if (total <= limit) continue;
      // Point at the agreement that takes the sum over the limit, in file order.
      let running = 0;
      const over = known.find((h) => (running += h.pladser) > limit)!;
      report({
        doc: over.doc,
        path: over.path,
        message: `Samarbejdsaftalerne i ${raad.navn} aftaler i alt ${total} sundheds- og omsorgspladser, flere end sundhedsrådets ${limit}; med denne aftale (${over.pladser} pladser) overskrides antallet`,
        related: [
          { doc: region, path: limitPath, message: `sundhedsrådets antal pladser (${limit})` },
          ...known
            .filter((h) => h !== over)
            .map((h) => ({ doc: h.doc, path: h.path, message: `${kommuneName(repo, h.doc.data.kommune)}: ${h.pladser} pladser` })),
        ],
      });
    }
  },
});
