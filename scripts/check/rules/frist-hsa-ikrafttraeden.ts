import { defineRule } from '../rule.ts';
import { cite, danishDate, frist } from './support/calendar.ts';

export default defineRule({
  id: 'frist/hsa-ikrafttraeden',
  severity: 'error',
  description: 'En horisontal samarbejdsaftale træder i kraft på datoen for opgaveflyttets ikrafttræden.',
  citation: cite({ frister: ['ikrafttraeden'] }),
  check({ repo, report }) {
    const deadline = frist(repo, 'ikrafttraeden');
    if (!deadline) return;
    for (const doc of repo.ofKind('hsa')) {
      const date = doc.data.ikrafttraeden;
      if (date === deadline.dato) continue;
      report({
        doc,
        path: ['ikrafttraeden'],
        message: `Aftalen træder i kraft ${danishDate(date)}, men skal træde i kraft ${danishDate(deadline.dato)} (${deadline.betegnelse})`,
      });
    }
  },
});
