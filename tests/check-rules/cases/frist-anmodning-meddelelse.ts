import { anmodning } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const late = anmodning({ meddelt: '2026-04-16' });

export default {
  rule: 'frist/anmodning-meddelelse',
  valid: [{ name: 'accepts the deadline day', files: [anmodning({ meddelt: '2026-04-15' })] }],
  invalid: [{ name: 'reports a notification after 15 April 2026', files: [late], errors: [{ at: `${late.file}:5:10` }] }],
} satisfies RuleCases;
