import { hsa } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const six = hsa({ varsel: '6' });

export default {
  rule: 'frist/hsa-opsigelsesvarsel',
  valid: [{ name: 'accepts nine months or more', files: [hsa({ varsel: '9' }), hsa({ kommune: '326', varsel: '12' })] }],
  invalid: [
    {
      name: 'reports a notice period shorter than nine months',
      files: [six],
      errors: [{ at: `${six.file}:23:20`, message: /^Opsigelsesvarslet er 6 måneder, men skal være mindst 9 måneder/ }],
    },
  ],
} satisfies RuleCases;
