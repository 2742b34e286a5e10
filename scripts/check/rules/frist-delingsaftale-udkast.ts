import { defineRule } from '../rule.ts';
import { cite, danishDate, frist } from './support/calendar.ts';

export default defineRule({
  id: 'frist/delingsaftale-udkast',
  severity: 'error',
  description: 'Kommunalbestyrelsen har sendt udkastet til delingsaftale til regionen senest på fristen.',
  citation: cite({ frister: ['delingsaftale-udkast'] }),
  check({ repo, report }) {
    const deadline = frist(repo, 'delingsaftale-udkast');
    if (!deadline) return;
    for (const doc of repo.ofKind('delingsaftale')) {
      const date = doc.data.udkast_fremsendt;
      if (date === null || date <= deadline.dato) continue;
      report({
        doc,
        path: ['udkast_fremsendt'],
        message: `Udkastet er sendt ${danishDate(date)}, efter fristen ${danishDate(deadline.dato)} (${deadline.betegnelse})`,
      });
    }
  },
});
