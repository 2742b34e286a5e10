import { delingsaftale, hsa } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const halfApproved = hsa({ status: 'godkendt', regionsraad: '2026-03-17' });
const unsignedUnapproved = hsa({ status: 'underskrevet', regionsraad: '2026-03-17' });
const unapproved = delingsaftale({ status: 'godkendt' });

export default {
  rule: 'status/godkendt-uden-dato',
  valid: [
    {
      name: 'accepts approved and signed agreements with their dates, and drafts without',
      files: [
        hsa({
          status: 'underskrevet',
          regionsraad: '2026-03-17',
          kommunalbestyrelse: '2026-03-18',
          underskrifter: { region: ['2026-03-25', '2026-03-25'], kommune: ['2026-03-26', '2026-03-26'] },
        }),
        hsa({ kommune: '326', status: 'udkast' }),
        delingsaftale({ status: 'godkendt', regionsraad: '2026-06-16', kommunalbestyrelse: '2026-06-10' }),
      ],
    },
  ],
  invalid: [
    {
      name: 'reports status godkendt without both approvals, at the status, naming the empty fields',
      files: [halfApproved],
      errors: [
        {
          at: `${halfApproved.file}:5:9`,
          message: 'Status er »godkendt«, men kommunalbestyrelsens godkendelse er ikke registreret',
          related: [`${halfApproved.file}:28:23 ikke udfyldt`],
        },
      ],
    },
    {
      name: 'reports status underskrevet without both approvals, also for a delingsaftale without approvals',
      files: [unsignedUnapproved, unapproved],
      errors: [
        {
          at: `${unapproved.file}:5:9`,
          message: 'Status er »godkendt«, men regionsrådets godkendelse og kommunalbestyrelsens godkendelse er ikke registreret',
        },
        { at: `${unsignedUnapproved.file}:5:9`, message: 'Status er »underskrevet«, men kommunalbestyrelsens godkendelse er ikke registreret' },
      ],
    },
  ],
} satisfies RuleCases;
