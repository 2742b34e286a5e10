import { danishDate } from './support/calendar.ts';
import { deadlineRule } from './support/deadline-rule.ts';

export default deadlineRule({
  id: 'frist/delingsaftale-referencedato',
  description: 'En delingsaftale opgør aktiver, passiver, rettigheder, pligter og ansatte pr. den fælles skæringsdato.',
  frist: 'referencedato-deling',
  kind: 'delingsaftale',
  must: 'on',
  dates: (doc) => [[['referencedato'], doc.data.referencedato]],
  message: (date, deadline) => `Anvendelsen er opgjort pr. ${danishDate(date)}, men skal opgøres pr. ${danishDate(deadline.dato)} (${deadline.betegnelse})`,
});
