import { defineRule } from '../rule.ts';
import { cite, danishDate, frist, hasPassed } from './support/calendar.ts';
import { dateLabel } from './support/labels.ts';

export default defineRule({
  id: 'forsinket/hsa-godkendelse',
  severity: 'warning',
  overdue: true,
  description: 'Når fristen for godkendelse er passeret, er begge godkendelser af en horisontal samarbejdsaftale registreret.',
  citation: cite({ frister: ['hsa-godkendelse'] }),
  check({ repo, today, report }) {
    const deadline = frist(repo, 'hsa-godkendelse');
    if (!deadline || !hasPassed(deadline, today)) return;
    for (const doc of repo.ofKind('hsa')) {
      if (doc.data.status === 'opsagt') continue;
      const missing = (['regionsraad', 'kommunalbestyrelse'] as const).filter((organ) => doc.data.godkendelser[organ] === null);
      if (missing.length === 0) continue;
      const what = missing.length === 2 ? 'regionsrådets og kommunalbestyrelsens godkendelse' : dateLabel(['godkendelser', missing[0]!]);
      report({
        doc,
        path: ['godkendelser', missing[0]!],
        message: `Fristen ${danishDate(deadline.dato)} for godkendelse er overskredet, men ${what} er ikke registreret`,
      });
    }
  },
});
