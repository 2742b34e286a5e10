import { delingsaftale } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const june = delingsaftale({ referencedato: '2025-06-01' });

export default {
  rule: 'frist/delingsaftale-referencedato',
  valid: [{ name: 'accepts 25 May 2025', files: [delingsaftale()] }],
  invalid: [
    {
      name: 'reports a reference date other than 25 May 2025',
      files: [june],
      errors: [{ at: `${june.file}:7:16`, message: /^Anvendelsen er opgjort pr\. 1\. juni 2025, men skal opgøres pr\. 25\. maj 2025/ }],
    },
  ],
} satisfies RuleCases;
