import { anmodning } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const missing = anmodning();

export default {
  rule: 'forsinket/anmodning-meddelelse',
  valid: [
    { name: 'is quiet on the deadline day', files: [anmodning()], today: '2026-04-15' },
    { name: 'is quiet once recorded', files: [anmodning({ meddelt: '2026-04-10' })], today: '2026-11-23' },
  ],
  invalid: [
    {
      name: 'warns after 15 April 2026 when the notification is not recorded',
      files: [missing],
      today: '2026-04-16',
      errors: [{ at: `${missing.file}:5:10` }],
    },
  ],
} satisfies RuleCases;
