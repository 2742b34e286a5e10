import { defineRule } from '../rule.ts';
import { addDays, addMonths, cite, danishDate, inMonths, periodText, vilkaar } from './support/calendar.ts';

export default defineRule({
  id: 'frist/hsa-evaluering',
  severity: 'error',
  description: 'Evalueringen af en horisontal samarbejdsaftale ligger inden for de første år efter ikrafttrædelsen, som vilkårene angiver.',
  citation: cite({ vilkaar: ['hsa-evaluering'] }),
  check({ repo, report }) {
    const term = vilkaar(repo, 'hsa-evaluering');
    if (!term) return;
    for (const doc of repo.ofKind('hsa')) {
      const start = doc.data.ikrafttraeden;
      const senest = doc.data.evaluering.senest;
      // »Within the first two years« of 2027-01-01 ends on 2028-12-31, not on 2029-01-01.
      const last = addDays(addMonths(start, inMonths(term)), -1);
      const related = [{ doc, path: ['ikrafttraeden'], message: 'aftalens ikrafttræden' }];
      if (senest > last) {
        report({
          doc,
          path: ['evaluering', 'senest'],
          message: `Evalueringen er sat til senest ${danishDate(senest)}, men skal ligge inden for de første ${periodText(term)} efter ikrafttrædelsen ${danishDate(start)}, dvs. senest ${danishDate(last)} (${term.betegnelse})`,
          related,
        });
      } else if (senest < start) {
        report({
          doc,
          path: ['evaluering', 'senest'],
          message: `Evalueringen er sat til senest ${danishDate(senest)}, før aftalen træder i kraft ${danishDate(start)}; samarbejdet evalueres i løbet af de første ${periodText(term)}`,
          related,
        });
      }
    }
  },
});
