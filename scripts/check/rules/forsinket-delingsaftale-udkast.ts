import { defineRule } from '../rule.ts';
import { cite, danishDate, frist, hasPassed } from './support/calendar.ts';

export default defineRule({
  id: 'forsinket/delingsaftale-udkast',
  severity: 'warning',
  overdue: true,
  description: 'Når fristen for udkast til delingsaftale er passeret, er fremsendelsen registreret.',
  citation: cite({ frister: ['delingsaftale-udkast'] }),
  check({ repo, today, report }) {
    const deadline = frist(repo, 'delingsaftale-udkast');
    if (!deadline || !hasPassed(deadline, today)) return;
    for (const doc of repo.ofKind('delingsaftale')) {
      if (doc.data.udkast_fremsendt !== null || doc.data.status === 'opsagt') continue;
      report({
        doc,
        path: ['udkast_fremsendt'],
        message: `Fristen ${danishDate(deadline.dato)} for udkast til delingsaftale er overskredet, men det er ikke registreret, hvornår udkastet blev sendt til regionen`,
      });
    }
  },
});
