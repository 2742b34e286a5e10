import { hsa } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';
import { terminated } from '../termination.ts';

const early = terminated(hsa(), { dato: '2027-03-15', ophoer: '2027-12-14' });
const twelve = terminated(hsa({ kommune: '326', varsel: '12' }), { dato: '2027-05-31', ophoer: '2028-02-29' });

export default {
  rule: 'opsigelse/varsel',
  valid: [
    {
      name: 'accepts no end date (computed), the earliest end date and a later one',
      files: [
        terminated(hsa(), { dato: '2027-03-15' }),
        terminated(hsa({ kommune: '326' }), { dato: '2027-03-15', ophoer: '2027-12-15' }),
        terminated(hsa({ kommune: '350' }), { dato: '2027-05-31', ophoer: '2028-02-29' }),
        terminated(hsa({ kommune: '370' }), { dato: '2027-03-15', ophoer: '2028-01-31' }),
      ],
    },
  ],
  invalid: [
    {
      name: 'reports an end date before the notice day plus the notice period, a day early',
      files: [early],
      errors: [
        {
          at: `${early.file}:27:13`,
          message:
            'Ophørsdatoen 14. december 2027 er før meddelelsesdatoen 15. marts 2027 plus opsigelsesvarslet på 9 måneder; aftalen kan tidligst ophøre 15. december 2027',
          related: [`${early.file}:23:20 aftalens opsigelsesvarsel`],
        },
      ],
    },
    {
      name: 'uses the agreement’s own notice period when it is longer than the minimum',
      files: [twelve],
      errors: [{ at: `${twelve.file}:27:13`, message: /på 12 måneder; aftalen kan tidligst ophøre 31\. maj 2028$/ }],
    },
  ],
} satisfies RuleCases;
