import { anmodning, delingsaftale, hsa } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const approvedLate = hsa({ regionsraad: '2026-03-17', kommunalbestyrelse: '2026-03-10', ikrafttraeden: '2026-03-12' });
const agreedEarly = delingsaftale({ udkast: '2026-05-01', regionsraad: '2026-04-20', kommunalbestyrelse: '2026-06-10', aftalt: '2026-06-01' });
const decidedEarly = delingsaftale({ udkast: '2026-05-01', delingsraad: '2026-04-01' });
const endsEarly = anmodning({ meddelt: '2026-04-10', start: '2027-01-01', slut: '2026-12-31' });

export default {
  rule: 'dato/raekkefoelge',
  valid: [
    {
      name: 'accepts dates in order, equal dates and unknown dates',
      files: [
        hsa({ regionsraad: '2026-03-17', kommunalbestyrelse: '2026-03-10' }),
        delingsaftale({ udkast: '2026-05-01', regionsraad: '2026-06-16', kommunalbestyrelse: '2026-06-10', aftalt: '2026-06-20' }),
        delingsaftale({ kommune: '326', udkast: '2026-05-01', aftalt: '2026-09-01', delingsraad: '2026-08-20' }),
        anmodning({ meddelt: '2026-04-10' }),
      ],
    },
  ],
  invalid: [
    {
      // Signatures before the approvals are underskrift/mangler's (each party signs after both).
      name: 'reports an HSA in force before it was approved, at the entry into force, naming the approval',
      files: [approvedLate],
      errors: [
        {
          at: `${approvedLate.file}:25:16`,
          message:
            'Ikrafttrædelsen (12. marts 2026) ligger før regionsrådets godkendelse (17. marts 2026); datoerne skal følge hinanden i den rækkefølge, trinnene sker',
          related: [`${approvedLate.file}:27:16 regionsrådets godkendelse`],
        },
      ],
    },
    {
      // Sorted by position: aftalt (line 10) before the regionsråd's approval (line 12).
      name: 'reports a delingsaftale agreed before its approvals and approved before the draft was sent',
      files: [agreedEarly],
      errors: [
        { at: `${agreedEarly.file}:10:9`, related: [`${agreedEarly.file}:13:23 kommunalbestyrelsens godkendelse`] },
        { at: `${agreedEarly.file}:12:16` },
      ],
    },
    { name: 'reports a Delingsråd decision before the draft', files: [decidedEarly], errors: [{ at: `${decidedEarly.file}:44:15` }] },
    {
      name: 'reports an anmodning period that ends before it starts',
      files: [endsEarly],
      errors: [{ at: `${endsEarly.file}:7:15`, message: /^Periodens slut \(31\. december 2026\) ligger før periodens start \(1\. januar 2027\)/ }],
    },
  ],
} satisfies RuleCases;
