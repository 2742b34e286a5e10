import { defineRule } from '../rule.ts';
import { kommuneName } from '../../model/names.ts';
import { capacities } from './support/capacity.ts';

export default defineRule({
  id: 'kapacitet/ukendt',
  severity: 'warning',
  description: 'Antallet af sundheds- og omsorgspladser er kendt i alle samarbejdsaftaler og for sundhedsrådet, så kapaciteten kan kontrolleres.',
  citation: 'Q&A: Flytning af opgaver fra kommunerne til regionen (opdateret 23. januar 2026), skema over sundheds- og omsorgspladser pr. sundhedsråd',
  check({ repo, report }) {
    for (const { raad, region, limitPath, hsas } of capacities(repo)) {
      const limit = raad.sundheds_og_omsorgspladser;
      if (limit === null) {
        report({
          doc: region,
          path: limitPath,
          message: `Antallet af sundheds- og omsorgspladser for ${raad.navn} er ikke udfyldt, så samarbejdsaftalernes pladser kan ikke kontrolleres`,
        });
        continue;
      }
      // One warning per råd, not per agreement: the reviewer needs the list, and eight
      // identical lines would drown the rest of the report.
      const unknown = hsas.filter((h) => h.pladser === null);
      if (unknown.length === 0) continue;
      const first = unknown[0]!;
      const knownTotal = hsas.reduce((sum, h) => sum + (h.pladser ?? 0), 0);
      report({
        doc: first.doc,
        path: first.path,
        message: `Antallet af sundheds- og omsorgspladser er ikke aftalt i ${unknown.length} af ${hsas.length} samarbejdsaftaler i ${raad.navn}, så det kan ikke kontrolleres, at de tilsammen er højst ${limit}${unknown.length < hsas.length ? ` (de øvrige aftaler har ${knownTotal})` : ''}`,
        related: [
          ...unknown.slice(1).map((h) => ({ doc: h.doc, path: h.path, message: `heller ikke aftalt (${kommuneName(repo, h.doc.data.kommune)})` })),
          { doc: region, path: limitPath, message: `sundhedsrådets antal pladser (${limit})` },
        ],
      });
    }
  },
});
