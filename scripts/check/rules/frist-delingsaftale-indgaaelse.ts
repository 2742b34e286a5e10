import { defineRule } from '../rule.ts';
import { cite, danishDate, frist } from './support/calendar.ts';

export default defineRule({
  id: 'frist/delingsaftale-indgaaelse',
  severity: 'error',
  description: 'En delingsaftale er indgået senest på fristen; ellers har Delingsrådet truffet afgørelse.',
  citation: cite({ frister: ['delingsaftale-indgaaelse', 'delingsraad-afgoerelse'] }),
  check({ repo, report }) {
    const deadline = frist(repo, 'delingsaftale-indgaaelse');
    if (!deadline) return;
    for (const doc of repo.ofKind('delingsaftale')) {
      const date = doc.data.aftalt;
      // Agreeing late is allowed only as the outcome of a Delingsråd decision, whose own date
      // frist/delingsraad-afgoerelse checks.
      if (date === null || date <= deadline.dato || doc.data.delingsraad) continue;
      report({
        doc,
        path: ['aftalt'],
        message: `Delingsaftalen er indgået ${danishDate(date)}, efter fristen ${danishDate(deadline.dato)} (${deadline.betegnelse}); uden enighed inden fristen afgør Delingsrådet sagen, og afgørelsen registreres under »delingsraad«`,
      });
    }
  },
});
