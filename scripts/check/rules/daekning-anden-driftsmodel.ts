import { defineRule } from '../rule.ts';
import { kommuneOf, registry } from '../../kinds/index.ts';
import { kommuneName, opgaveTerm } from '../../model/names.ts';
import { formatDate } from '../../basics/format.ts';
import type { OperatingModel } from '../../model/types.ts';
import { decisionsInForce, pairKey } from './support/coverage.ts';

const models: Record<OperatingModel, string> = { kommunal: 'kommunal drift', regional: 'regional drift', anmodning: 'anmodning om fortsat kommunal drift' };

/**
 * Coverage the other way round: the daekning/… rules find the document a decided pair lacks;
 * this one finds a document for a pair that the decision in force gives another model (an HSA
 * where the region takes over the drift). Only documents that name the opgave themselves are
 * held to it (a kommune's one delingsaftale covers several opgaver and models).
 */
export default defineRule({
  id: 'daekning/anden-driftsmodel',
  severity: 'error',
  description:
    'Et dokument, der bærer en driftsmodel (samarbejdsaftale eller anmodning), findes kun, hvor den gældende beslutning giver kommunen og opgaven den driftsmodel.',
  citation:
    'Q&A: Flytning af opgaver fra kommunerne til regionen (opdateret 23. januar 2026), de tre driftsmodeller og det dokument, hver kræver; sag EMN-2025-10366, indstilling',
  check({ repo, report }) {
    const inForce = decisionsInForce(repo);
    for (const kind of registry.documents()) {
      const governs = kind.governs;
      if (!governs?.exclusive) continue;
      // Documents with a duplicated id count once, as everywhere else.
      for (const doc of repo.documents.filter((d) => d.kind === kind.id && repo.byId(d.data.id) === d)) {
        if (kind.agreement?.status(doc) === 'opsagt') continue; // a terminated agreement stays on record
        const kommune = kommuneOf(doc);
        if (kommune === undefined) continue;
        for (const opgave of repo.opgaver) {
          if (governs.fit(doc, opgave.id) !== 0) continue;
          const decided = inForce.get(pairKey(kommune, opgave.id));
          if (!decided || decided.decision.model === governs.model) continue;
          const { sag, decision, state, decidedOn } = decided;
          const how =
            state === 'besluttet'
              ? `besluttet${decidedOn ? ` ${formatDate(decidedOn)}` : ''}${decision.changedBy ? ' med ændringer' : ''}`
              : 'indstillet, endnu ikke besluttet';
          const opgavePath = kind.opgaveMentions(doc).find((m) => m.value === opgave.id)?.path ?? ['dokumenttype'];
          report({
            doc,
            path: opgavePath,
            message: `Sag ${sag.data.sags_id} (${decision.name}; ${how}) giver ${kommuneName(repo, kommune)} ${models[decision.model]} af ${opgaveTerm(repo, opgave.id)}, men dette dokument hører til ${models[governs.model]}; fjern det, eller registrér den beslutning, der ændrer driftsmodellen`,
            related: [{ doc: sag, path: decision.changedBy?.path ?? decision.at, message: `${decision.name} i sag ${sag.data.sags_id}` }],
          });
        }
      }
    }
  },
});
