import { danishDate } from './support/calendar.ts';
import { deadlineRule } from './support/deadline-rule.ts';

export default deadlineRule({
  id: 'frist/hsa-ikrafttraeden',
  description: 'En horisontal samarbejdsaftale træder i kraft på datoen for opgaveflyttets ikrafttræden.',
  frist: 'ikrafttraeden',
  kind: 'hsa',
  must: 'on',
  dates: (doc) => [[['ikrafttraeden'], doc.data.ikrafttraeden]],
  message: (date, deadline) => `Aftalen træder i kraft ${danishDate(date)}, men skal træde i kraft ${danishDate(deadline.dato)} (${deadline.betegnelse})`,
});
