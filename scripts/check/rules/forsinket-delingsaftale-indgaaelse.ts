import { defineRule } from '../rule.ts';
import { cite, danishDate, frist, hasPassed } from './support/calendar.ts';

export default defineRule({
  id: 'forsinket/delingsaftale-indgaaelse',
  severity: 'warning',
  overdue: true,
  description: 'Når fristen for at indgå delingsaftalen er passeret, er aftalen indgået eller Delingsrådets afgørelse registreret.',
  citation: cite({ frister: ['delingsaftale-indgaaelse', 'delingsraad-afgoerelse'] }),
  check({ repo, today, report }) {
    const agree = frist(repo, 'delingsaftale-indgaaelse');
    if (!agree || !hasPassed(agree, today)) return;
    const decide = frist(repo, 'delingsraad-afgoerelse');
    for (const doc of repo.ofKind('delingsaftale')) {
      if (doc.data.aftalt !== null || doc.data.delingsraad || doc.data.status === 'opsagt') continue;
      // One finding per agreement: once the Delingsråd's deadline has passed too, that is the
      // step that is missing, and the earlier one is implied.
      const message =
        decide && hasPassed(decide, today)
          ? `Delingsaftalen er hverken registreret som indgået inden ${danishDate(agree.dato)} eller afgjort af Delingsrådet inden ${danishDate(decide.dato)}`
          : `Fristen ${danishDate(agree.dato)} for at indgå delingsaftalen er overskredet, men det er ikke registreret, at den er indgået${decide ? `; uden enighed afgør Delingsrådet sagen senest ${danishDate(decide.dato)}` : ''}`;
      report({ doc, path: ['aftalt'], message });
    }
  },
});
