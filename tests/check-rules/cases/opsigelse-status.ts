import { hsa } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';
import { terminated } from '../termination.ts';

const noRecord = hsa({ status: 'opsagt' });
const notOpsagt = terminated(hsa({ kommune: '326', status: 'underskrevet' }), { dato: '2027-03-15', status: null });

export default {
  rule: 'opsigelse/status',
  valid: [
    {
      name: 'accepts a terminated agreement with its notice recorded, and one that is not terminated',
      files: [terminated(hsa(), { dato: '2027-03-15', part: 'region' }), hsa({ kommune: '326' })],
    },
  ],
  invalid: [
    {
      name: 'reports status opsagt without a recorded notice',
      files: [noRecord],
      errors: [{ at: `${noRecord.file}:5:9`, message: /^Status er »opsagt«, men opsigelsen er ikke registreret; angiv opsigelse\.meddelt/ }],
    },
    {
      name: 'reports a recorded notice while the status is not opsagt',
      files: [notOpsagt],
      errors: [
        {
          at: `${notOpsagt.file}:24:3`,
          message:
            'Opsigelsen er registreret (meddelt 15. marts 2027), men status er »underskrevet«; sæt »status: opsagt«, eller fjern opsigelse.meddelt, hvis aftalen ikke er opsagt',
          related: [`${notOpsagt.file}:5:9 aftalens status`],
        },
      ],
    },
  ],
} satisfies RuleCases;
