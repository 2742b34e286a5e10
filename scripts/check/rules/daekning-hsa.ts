import { defineRule } from '../rule.ts';
import { kommuneName, opgaveTerm } from '../../model/names.ts';
import { suggest } from '../../basics/quote.ts';
import { casesWithDecisions, decidedBy, explainedElsewhere } from './support/coverage.ts';
import { canonical, unresolvedBilag } from './support/documents.ts';

export default defineRule({
  id: 'daekning/hsa',
  severity: 'error',
  description: 'Hvor indstillingen lægger driften hos kommunen, findes en horisontal samarbejdsaftale for kommunen og opgaven, og den er vedlagt sagen.',
  citation:
    'Q&A: Flytning af opgaver fra kommunerne til regionen (opdateret 23. januar 2026), kommunal drift under regionens myndighedsansvar (horisontal samarbejdsaftale); sag EMN-2025-10366, bilag 1–3',
  check({ repo, report }) {
    const hsas = canonical(repo, 'hsa');
    for (const { sag, raad, outcome, decisions } of casesWithDecisions(repo)) {
      const attached = new Set(sag.data.bilag.flatMap((b) => (b.dokument === undefined ? [] : [b.dokument])));
      const unresolved = unresolvedBilag(repo, sag);
      for (const d of decisions) {
        if (d.model !== 'kommunal' || !raad.kommuner.includes(d.kommune)) continue;
        const found = hsas.filter((h) => h.data.kommune === d.kommune && h.data.opgave === d.opgave);
        const kommune = kommuneName(repo, d.kommune);
        const term = opgaveTerm(repo, d.opgave);
        if (found.length === 0) {
          const slug = repo.kommune(d.kommune)?.slug ?? d.kommune;
          if (explainedElsewhere(repo, sag, `hsa-${slug}-${d.opgave}`, slug, d.opgave)) continue;
          report({
            doc: sag,
            path: d.at,
            message: `${decidedBy(outcome, d)} lægger driften af ${term} hos ${kommune}, men der er ingen horisontal samarbejdsaftale om ${term} med ${kommune}`,
          });
          continue;
        }
        if (found.some((h) => attached.has(h.data.id))) continue;
        // A misspelt bilag id is ref/ukendt-dokument's finding; this would be its echo.
        if (
          unresolved.some(
            (u) =>
              suggest(
                u,
                found.map((h) => h.data.id),
              ) !== undefined,
          )
        )
          continue;
        report({
          doc: sag,
          path: d.at,
          message: `${decidedBy(outcome, d)} lægger driften af ${term} hos ${kommune}, men samarbejdsaftalen »${found[0]!.data.id}« er ikke vedlagt sagen som bilag`,
          related: found.map((h) => ({ doc: h, path: ['id'], message: 'samarbejdsaftalen, der mangler i bilagslisten' })),
        });
      }
    }
  },
});
