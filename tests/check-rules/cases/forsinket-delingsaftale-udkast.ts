import { delingsaftale } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const missing = delingsaftale();

export default {
  rule: 'forsinket/delingsaftale-udkast',
  valid: [
    { name: 'is quiet on the deadline day', files: [delingsaftale()], today: '2026-05-01' },
    { name: 'is quiet once recorded', files: [delingsaftale({ udkast: '2026-04-28' })], today: '2026-11-23' },
  ],
  invalid: [
    {
      name: 'warns after 1 May 2026 when the draft is not recorded as sent',
      files: [missing],
      today: '2026-05-02',
      errors: [
        {
          at: `${missing.file}:9:19`,
          message: 'Fristen 1. maj 2026 for udkast til delingsaftale er overskredet, men det er ikke registreret, hvornår udkastet blev sendt til regionen',
        },
      ],
    },
  ],
} satisfies RuleCases;
