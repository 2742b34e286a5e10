import { danishDate } from './support/calendar.ts';
import { deadlineRule } from './support/deadline-rule.ts';

export default deadlineRule({
  id: 'frist/delingsaftale-udkast',
  description: 'Kommunalbestyrelsen har sendt udkastet til delingsaftale til regionen senest på fristen.',
  frist: 'delingsaftale-udkast',
  kind: 'delingsaftale',
  must: 'by',
  dates: (doc) => [[['udkast_fremsendt'], doc.data.udkast_fremsendt]],
  message: (date, deadline) => `Udkastet er sendt ${danishDate(date)}, efter fristen ${danishDate(deadline.dato)} (${deadline.betegnelse})`,
});
