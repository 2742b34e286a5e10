import { danishDate } from './support/calendar.ts';
import { deadlineRule } from './support/deadline-rule.ts';

export default deadlineRule({
  id: 'frist/anmodning-meddelelse',
  description: 'Regionen har meddelt ministeriet en anmodning om fortsat kommunal drift senest på fristen.',
  frist: 'anmodning-meddelelse',
  kind: 'anmodning',
  must: 'by',
  dates: (doc) => [[['meddelt'], doc.data.meddelt]],
  message: (date, deadline) => `Anmodningen er meddelt ${danishDate(date)}, efter fristen ${danishDate(deadline.dato)} (${deadline.betegnelse})`,
});
