import { danishDate } from './support/calendar.ts';
import { deadlineRule } from './support/deadline-rule.ts';

export default deadlineRule({
  id: 'forsinket/delingsaftale-udkast',
  description: 'Når fristen for udkast til delingsaftale er passeret, er fremsendelsen registreret.',
  frist: 'delingsaftale-udkast',
  kind: 'delingsaftale',
  must: 'be recorded',
  dates: (doc) => [[['udkast_fremsendt'], doc.data.udkast_fremsendt]],
  skip: (doc) => doc.data.status === 'opsagt',
  message: (deadline) =>
    `Fristen ${danishDate(deadline.dato)} for udkast til delingsaftale er overskredet, men det er ikke registreret, hvornår udkastet blev sendt til regionen`,
});
