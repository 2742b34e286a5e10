import { defineRule } from '../rule.ts';
import { cite, danishDate, frist, hasPassed } from './support/calendar.ts';

export default defineRule({
  id: 'forsinket/anmodning-meddelelse',
  severity: 'warning',
  overdue: true,
  description: 'Når fristen for at meddele ministeriet anmodninger er passeret, er meddelelsen registreret.',
  citation: cite({ frister: ['anmodning-meddelelse'] }),
  check({ repo, today, report }) {
    const deadline = frist(repo, 'anmodning-meddelelse');
    if (!deadline || !hasPassed(deadline, today)) return;
    for (const doc of repo.ofKind('anmodning')) {
      if (doc.data.meddelt !== null) continue;
      report({
        doc,
        path: ['meddelt'],
        message: `Fristen ${danishDate(deadline.dato)} for at meddele ministeriet anmodninger er overskredet, men det er ikke registreret, at denne anmodning er meddelt`,
      });
    }
  },
});
