import { delingsaftale } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const late = delingsaftale({ udkast: '2026-05-02' });

export default {
  rule: 'frist/delingsaftale-udkast',
  valid: [{ name: 'accepts the deadline day', files: [delingsaftale({ udkast: '2026-05-01' })] }],
  invalid: [{ name: 'reports a draft sent after 1 May 2026', files: [late], errors: [{ at: `${late.file}:9:19` }] }],
} satisfies RuleCases;
