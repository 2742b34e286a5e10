import { defineRule } from '../rule.ts';
import { cite, danishDate, frist } from './support/calendar.ts';
import { capitalize, dateLabel } from './support/labels.ts';

export default defineRule({
  id: 'frist/hsa-godkendelse',
  severity: 'error',
  description: 'En horisontal samarbejdsaftale er godkendt af både regionsrådet og kommunalbestyrelsen senest på fristen for godkendelse.',
  citation: cite({ frister: ['hsa-godkendelse'] }),
  check({ repo, report }) {
    const deadline = frist(repo, 'hsa-godkendelse');
    if (!deadline) return;
    for (const doc of repo.ofKind('hsa')) {
      for (const organ of ['regionsraad', 'kommunalbestyrelse'] as const) {
        const date = doc.data.godkendelser[organ];
        if (date === null || date <= deadline.dato) continue;
        const path = ['godkendelser', organ];
        report({
          doc,
          path,
          message: `${capitalize(dateLabel(path))} er dateret ${danishDate(date)}, efter fristen ${danishDate(deadline.dato)} (${deadline.betegnelse})`,
        });
      }
    }
  },
});
