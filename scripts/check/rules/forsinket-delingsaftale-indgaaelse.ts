import { danishDate, frist, hasPassed } from './support/calendar.ts';
import { deadlineRule } from './support/deadline-rule.ts';

export default deadlineRule({
  id: 'forsinket/delingsaftale-indgaaelse',
  description: 'Når fristen for at indgå delingsaftalen er passeret, er aftalen indgået eller Delingsrådets afgørelse registreret.',
  frist: 'delingsaftale-indgaaelse',
  alsoCites: ['delingsraad-afgoerelse'],
  kind: 'delingsaftale',
  must: 'be recorded',
  dates: (doc) => [[['aftalt'], doc.data.aftalt]],
  skip: (doc) => Boolean(doc.data.delingsraad) || doc.data.status === 'opsagt',
  message(agree, _missing, { repo, today }) {
    const decide = frist(repo, 'delingsraad-afgoerelse');
    // One finding per agreement: once the Delingsråd's deadline has passed too, that is the
    // step that is missing, and the earlier one is implied.
    return decide && hasPassed(decide, today)
      ? `Delingsaftalen er hverken registreret som indgået inden ${danishDate(agree.dato)} eller afgjort af Delingsrådet inden ${danishDate(decide.dato)}`
      : `Fristen ${danishDate(agree.dato)} for at indgå delingsaftalen er overskredet, men det er ikke registreret, at den er indgået${decide ? `; uden enighed afgør Delingsrådet sagen senest ${danishDate(decide.dato)}` : ''}`;
  },
});
