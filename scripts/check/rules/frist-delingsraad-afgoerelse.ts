import { defineRule } from '../rule.ts';
import { cite, danishDate, frist } from './support/calendar.ts';

export default defineRule({
  id: 'frist/delingsraad-afgoerelse',
  severity: 'error',
  description: 'Delingsrådets afgørelse om en delingsaftale er truffet senest på fristen.',
  citation: cite({ frister: ['delingsraad-afgoerelse'] }),
  check({ repo, report }) {
    const deadline = frist(repo, 'delingsraad-afgoerelse');
    if (!deadline) return;
    for (const doc of repo.ofKind('delingsaftale')) {
      const date = doc.data.delingsraad?.afgoerelse;
      if (date === undefined || date <= deadline.dato) continue;
      report({
        doc,
        path: ['delingsraad', 'afgoerelse'],
        message: `Delingsrådets afgørelse er dateret ${danishDate(date)}, efter fristen ${danishDate(deadline.dato)} (${deadline.betegnelse})`,
      });
    }
  },
});
