import { danishDate } from './support/calendar.ts';
import { deadlineRule } from './support/deadline-rule.ts';
import { capitalize, dateLabel } from './support/labels.ts';

export default deadlineRule({
  id: 'frist/hsa-godkendelse',
  description: 'En horisontal samarbejdsaftale er godkendt af både regionsrådet og kommunalbestyrelsen senest på fristen for godkendelse.',
  frist: 'hsa-godkendelse',
  kind: 'hsa',
  must: 'by',
  dates: (doc) => (['regionsraad', 'kommunalbestyrelse'] as const).map((organ) => [['godkendelser', organ], doc.data.godkendelser[organ]] as const),
  message: (date, deadline, path) =>
    `${capitalize(dateLabel(path))} er dateret ${danishDate(date)}, efter fristen ${danishDate(deadline.dato)} (${deadline.betegnelse})`,
});
