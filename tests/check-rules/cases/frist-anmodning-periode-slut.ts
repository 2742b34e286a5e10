import { anmodning } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const late = anmodning({ slut: '2029-01-01' });

export default {
  rule: 'frist/anmodning-periode-slut',
  valid: [{ name: 'accepts 31 December 2028', files: [anmodning({ slut: '2028-12-31' })] }],
  invalid: [
    {
      name: 'reports a period ending after 31 December 2028',
      files: [late],
      errors: [{ at: `${late.file}:7:15`, message: /^Perioden slutter 1\. januar 2029, men kan højst vare til og med 31\. december 2028/ }],
    },
  ],
} satisfies RuleCases;
