import { defineRule } from '../rule.ts';
import type { Godkendelser, Status } from '../../model/types.ts';
import { cite } from './support/calendar.ts';
import { dateLabel, listText } from './support/labels.ts';

const approved: readonly Status[] = ['godkendt', 'underskrevet'];

export default defineRule({
  id: 'status/godkendt-uden-dato',
  severity: 'error',
  locked: true,
  description: 'En aftale med status godkendt eller underskrevet har begge godkendelsesdatoer, og en underskrevet samarbejdsaftale har datoen for underskrift.',
  citation: cite({ frister: ['hsa-godkendelse', 'delingsaftale-indgaaelse'] }),
  check({ repo, report }) {
    for (const doc of repo.documentsOfKinds(['hsa', 'delingsaftale'])) {
      const data = doc.data as { status: Status; godkendelser: Godkendelser; underskrevet?: string | null };
      if (!approved.includes(data.status)) continue;
      const missing: string[][] = (['regionsraad', 'kommunalbestyrelse'] as const).filter((o) => data.godkendelser[o] === null).map((o) => ['godkendelser', o]);
      const unsigned = doc.kind === 'hsa' && data.status === 'underskrevet' && !data.underskrevet;
      if (missing.length === 0 && !unsigned) continue;
      const labels = [...missing.map(dateLabel), ...(unsigned ? ['datoen for underskrift (»underskrevet«)'] : [])];
      report({
        doc,
        path: ['status'],
        message: `Status er »${data.status}«, men ${listText(labels)} er ikke registreret`,
        related: [...missing, ...(unsigned && data.underskrevet === null ? [['underskrevet']] : [])].map((path) => ({ doc, path, message: 'ikke udfyldt' })),
      });
    }
  },
});
