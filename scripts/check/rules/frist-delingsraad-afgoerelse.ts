import { danishDate } from './support/calendar.ts';
import { deadlineRule } from './support/deadline-rule.ts';

export default deadlineRule({
  id: 'frist/delingsraad-afgoerelse',
  description: 'Delingsrådets afgørelse om en delingsaftale er truffet senest på fristen.',
  frist: 'delingsraad-afgoerelse',
  kind: 'delingsaftale',
  must: 'by',
  dates: (doc) => [[['delingsraad', 'afgoerelse'], doc.data.delingsraad?.afgoerelse]],
  message: (date, deadline) => `Delingsrådets afgørelse er dateret ${danishDate(date)}, efter fristen ${danishDate(deadline.dato)} (${deadline.betegnelse})`,
});
