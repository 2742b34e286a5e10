import { delingsaftale } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const late = delingsaftale({ udkast: '2026-04-20', aftalt: '2026-07-02' });

export default {
  rule: 'frist/delingsaftale-indgaaelse',
  valid: [
    {
      name: 'accepts the deadline day, and a late agreement after a Delingsråd decision',
      files: [delingsaftale({ aftalt: '2026-07-01' }), delingsaftale({ kommune: '326', aftalt: '2026-09-01', delingsraad: '2026-08-15' })],
    },
  ],
  invalid: [
    {
      name: 'reports an agreement after 1 July 2026 without a Delingsråd decision',
      files: [late],
      errors: [{ at: `${late.file}:10:9`, message: /^Delingsaftalen er indgået 2\. juli 2026, efter fristen 1\. juli 2026/ }],
    },
  ],
} satisfies RuleCases;
