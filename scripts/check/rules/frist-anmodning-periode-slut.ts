import { danishDate } from './support/calendar.ts';
import { deadlineRule } from './support/deadline-rule.ts';

export default deadlineRule({
  id: 'frist/anmodning-periode-slut',
  description: 'Fortsat kommunal drift efter anmodning slutter senest på den sidste tilladte dag.',
  frist: 'anmodning-periode-slut',
  kind: 'anmodning',
  must: 'by',
  dates: (doc) => [[['periode_slut'], doc.data.periode_slut]],
  message: (date, deadline) => `Perioden slutter ${danishDate(date)}, men kan højst vare til og med ${danishDate(deadline.dato)} (${deadline.betegnelse})`,
});
