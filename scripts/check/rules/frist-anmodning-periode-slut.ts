import { defineRule } from '../rule.ts';
import { cite, danishDate, frist } from './support/calendar.ts';

export default defineRule({
  id: 'frist/anmodning-periode-slut',
  severity: 'error',
  description: 'Fortsat kommunal drift efter anmodning slutter senest på den sidste tilladte dag.',
  citation: cite({ frister: ['anmodning-periode-slut'] }),
  check({ repo, report }) {
    const deadline = frist(repo, 'anmodning-periode-slut');
    if (!deadline) return;
    for (const doc of repo.ofKind('anmodning')) {
      const date = doc.data.periode_slut;
      if (date <= deadline.dato) continue;
      report({
        doc,
        path: ['periode_slut'],
        message: `Perioden slutter ${danishDate(date)}, men kan højst vare til og med ${danishDate(deadline.dato)} (${deadline.betegnelse})`,
      });
    }
  },
});
