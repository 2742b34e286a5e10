import { defineRule } from '../rule.ts';
import { agreementDocuments } from '../../kinds/index.ts';
import type { Status } from '../../model/types.ts';
import { cite } from './support/calendar.ts';
import { dateLabel, listText } from './support/labels.ts';

const approved: readonly Status[] = ['godkendt', 'underskrevet'];

export default defineRule({
  id: 'status/godkendt-uden-dato',
  severity: 'error',
  locked: true,
  description: 'En aftale med status godkendt eller underskrevet har begge godkendelsesdatoer.',
  citation: cite({ frister: ['hsa-godkendelse', 'delingsaftale-indgaaelse'] }),
  check({ repo, report }) {
    for (const { doc, agreement } of agreementDocuments(repo)) {
      const status = agreement.status(doc);
      if (!approved.includes(status)) continue;
      const approvals = agreement.approvals(doc);
      const missing = (['regionsraad', 'kommunalbestyrelse'] as const).filter((o) => approvals[o] === null).map((o) => ['godkendelser', o]);
      if (missing.length === 0) continue;
      report({
        doc,
        path: ['status'],
        message: `Status er »${status}«, men ${listText(missing.map(dateLabel))} er ikke registreret`,
        related: missing.map((path) => ({ doc, path, message: 'ikke udfyldt' })),
      });
    }
  },
});
