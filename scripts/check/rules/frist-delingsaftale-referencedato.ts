import { defineRule } from '../rule.ts';
import { cite, danishDate, frist } from './support/calendar.ts';

export default defineRule({
  id: 'frist/delingsaftale-referencedato',
  severity: 'error',
  description: 'En delingsaftale opgør aktiver, passiver, rettigheder, pligter og ansatte pr. den fælles skæringsdato.',
  citation: cite({ frister: ['referencedato-deling'] }),
  check({ repo, report }) {
    const deadline = frist(repo, 'referencedato-deling');
    if (!deadline) return;
    for (const doc of repo.ofKind('delingsaftale')) {
      const date = doc.data.referencedato;
      if (date === deadline.dato) continue;
      report({
        doc,
        path: ['referencedato'],
        message: `Skæringsdatoen er ${danishDate(date)}, men skal være ${danishDate(deadline.dato)} (${deadline.betegnelse})`,
      });
    }
  },
});
