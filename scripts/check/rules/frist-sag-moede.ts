import { defineRule } from '../rule.ts';
import { justification } from './support/deadline-rule.ts';
import type { DataPath } from '../../basics/locate.ts';
import type { OperatingModel } from '../../model/types.ts';
import { cite, danishDate, frist, type FristId } from './support/calendar.ts';

/** The deadline a decision serves: the region reports kommunal drift and anmodninger by these dates. */
const served: Partial<Record<OperatingModel, { frist: FristId; what: string }>> = {
  kommunal: { frist: 'hsa-godkendelse', what: 'kommunal drift' },
  anmodning: { frist: 'anmodning-meddelelse', what: 'anmodning om fortsat kommunal drift' },
};

export default defineRule({
  id: 'frist/sag-moede',
  severity: 'error',
  description: 'En sag, der indstiller kommunal drift eller anmodning, behandles i sundhedsrådet før den frist, indstillingen skal nå.',
  citation: cite({ frister: ['hsa-godkendelse', 'anmodning-meddelelse'] }),
  check({ repo, report }) {
    for (const doc of repo.ofKind('sag')) {
      const moede = doc.data.moede.dato;
      if (moede === null) continue; // the meeting date is not known yet
      const first = new Map<OperatingModel, DataPath>();
      for (const [i, punkt] of doc.data.indstilling.punkter.entries()) {
        for (const [j, u] of (punkt.underpunkter ?? []).entries()) {
          if (u.driftsmodel && !first.has(u.driftsmodel)) first.set(u.driftsmodel, ['indstilling', 'punkter', i, 'underpunkter', j, 'driftsmodel']);
        }
      }
      for (const [model, path] of first) {
        const serves = served[model];
        const deadline = serves && frist(repo, serves.frist);
        if (!serves || !deadline || moede < deadline.dato) continue;
        report({
          doc,
          path: ['moede', 'dato'],
          message: `Mødet ${danishDate(moede)} ligger ikke før fristen ${danishDate(deadline.dato)}, som indstillingen om ${serves.what} skal nå (${deadline.betegnelse})`,
          related: [{ doc, path, message: `indstillingen om ${serves.what}` }],
          ...justification(doc, ['moede', 'dato']),
        });
      }
    }
  },
});
