import { danishDate } from './support/calendar.ts';
import { deadlineRule } from './support/deadline-rule.ts';
import { dateLabel } from './support/labels.ts';

export default deadlineRule({
  id: 'forsinket/hsa-godkendelse',
  description: 'Når fristen for godkendelse er passeret, er begge godkendelser af en horisontal samarbejdsaftale registreret.',
  frist: 'hsa-godkendelse',
  kind: 'hsa',
  must: 'be recorded',
  dates: (doc) => (['regionsraad', 'kommunalbestyrelse'] as const).map((organ) => [['godkendelser', organ], doc.data.godkendelser[organ]] as const),
  skip: (doc) => doc.data.status === 'opsagt',
  message(deadline, missing) {
    const what = missing.length === 2 ? 'regionsrådets og kommunalbestyrelsens godkendelse' : dateLabel(missing[0]!);
    return `Fristen ${danishDate(deadline.dato)} for godkendelse er overskredet, men ${what} er ikke registreret`;
  },
});
