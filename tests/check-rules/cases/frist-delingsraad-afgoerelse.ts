import { delingsaftale } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const late = delingsaftale({ delingsraad: '2026-10-02' });

export default {
  rule: 'frist/delingsraad-afgoerelse',
  valid: [{ name: 'accepts the deadline day', files: [delingsaftale({ delingsraad: '2026-10-01' })] }],
  invalid: [{ name: 'reports a decision after 1 October 2026', files: [late], errors: [{ at: `${late.file}:44:15` }] }],
} satisfies RuleCases;
