import { defineRule } from '../rule.ts';
import { cite, danishDate, frist } from './support/calendar.ts';

export default defineRule({
  id: 'frist/anmodning-meddelelse',
  severity: 'error',
  description: 'Regionen har meddelt ministeriet en anmodning om fortsat kommunal drift senest på fristen.',
  citation: cite({ frister: ['anmodning-meddelelse'] }),
  check({ repo, report }) {
    const deadline = frist(repo, 'anmodning-meddelelse');
    if (!deadline) return;
    for (const doc of repo.ofKind('anmodning')) {
      const date = doc.data.meddelt;
      if (date === null || date <= deadline.dato) continue;
      report({
        doc,
        path: ['meddelt'],
        message: `Anmodningen er meddelt ${danishDate(date)}, efter fristen ${danishDate(deadline.dato)} (${deadline.betegnelse})`,
      });
    }
  },
});
