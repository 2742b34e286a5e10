import { danishDate } from './support/calendar.ts';
import { deadlineRule } from './support/deadline-rule.ts';

export default deadlineRule({
  id: 'frist/delingsaftale-indgaaelse',
  description: 'En delingsaftale er indgået senest på fristen; ellers har Delingsrådet truffet afgørelse.',
  frist: 'delingsaftale-indgaaelse',
  alsoCites: ['delingsraad-afgoerelse'],
  kind: 'delingsaftale',
  must: 'by',
  dates: (doc) => [[['aftalt'], doc.data.aftalt]],
  // Agreeing late is allowed only as the outcome of a Delingsråd decision, whose own date
  // frist/delingsraad-afgoerelse checks.
  skip: (doc) => Boolean(doc.data.delingsraad),
  message: (date, deadline) =>
    `Delingsaftalen er indgået ${danishDate(date)}, efter fristen ${danishDate(deadline.dato)} (${deadline.betegnelse}); uden enighed inden fristen afgør Delingsrådet sagen, og afgørelsen registreres under »delingsraad«`,
});
