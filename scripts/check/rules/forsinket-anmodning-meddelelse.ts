import { danishDate } from './support/calendar.ts';
import { deadlineRule } from './support/deadline-rule.ts';

export default deadlineRule({
  id: 'forsinket/anmodning-meddelelse',
  description: 'Når fristen for at meddele ministeriet anmodninger er passeret, er meddelelsen registreret.',
  frist: 'anmodning-meddelelse',
  kind: 'anmodning',
  must: 'be recorded',
  dates: (doc) => [[['meddelt'], doc.data.meddelt]],
  message: (deadline) =>
    `Fristen ${danishDate(deadline.dato)} for at meddele ministeriet anmodninger er overskredet, men det er ikke registreret, at denne anmodning er meddelt`,
});
