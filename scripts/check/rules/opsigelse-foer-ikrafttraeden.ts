import { defineRule } from '../rule.ts';
import { cite, danishDate } from './support/calendar.ts';
import { terminationOf } from '../../kinds/index.ts';

export default defineRule({
  id: 'opsigelse/foer-ikrafttraeden',
  severity: 'warning',
  description:
    'En samarbejdsaftale opsiges normalt tidligst, når den er trådt i kraft; en opsigelse meddelt før ikrafttrædelsen er lovlig, men usædvanlig, så datoen bør efterses.',
  citation: cite({ frister: ['ikrafttraeden'], vilkaar: ['hsa-opsigelsesvarsel'] }),
  check({ repo, report }) {
    for (const doc of repo.ofKind('hsa')) {
      const t = terminationOf(doc);
      if (!t || t.meddelt >= doc.data.ikrafttraeden) continue;
      report({
        doc,
        path: [...t.path, 'dato'],
        message: `Opsigelsen er meddelt ${danishDate(t.meddelt)}, før aftalen træder i kraft ${danishDate(doc.data.ikrafttraeden)}; det er usædvanligt, men lovligt. Er datoen rigtig? Varslet regnes fra meddelelsesdatoen (ophør ${danishDate(t.ophoer)})`,
        related: [{ doc, path: ['ikrafttraeden'], message: 'aftalens ikrafttræden' }],
      });
    }
  },
});
