import { hsa } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const february = hsa({ ikrafttraeden: '2027-02-01', senest: '2028-12-31' });

export default {
  rule: 'frist/hsa-ikrafttraeden',
  valid: [{ name: 'accepts 1 January 2027', files: [hsa()] }],
  invalid: [
    {
      name: 'reports an entry into force other than 1 January 2027',
      files: [february],
      errors: [{ at: `${february.file}:25:16`, message: /^Aftalen træder i kraft 1\. februar 2027, men skal træde i kraft 1\. januar 2027/ }],
    },
  ],
} satisfies RuleCases;
