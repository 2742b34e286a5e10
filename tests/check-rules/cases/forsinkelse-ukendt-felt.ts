import { hsa } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const typo = hsa({ regionsraad: '2026-04-20', extra: ['forsinkelser:', '  godkendelser.regionsrad: Mødet blev flyttet.'] });
const notADate = hsa({ kommune: '326', extra: ['forsinkelser:', '  formaal: Skrevet sent.'] });

export default {
  rule: 'forsinkelse/ukendt-felt',
  valid: [
    {
      name: 'accepts a begrundelse at the path of a date the document has',
      files: [hsa({ regionsraad: '2026-03-30', extra: ['forsinkelser:', '  godkendelser.regionsraad: Mødet blev flyttet.'] })],
    },
  ],
  invalid: [
    {
      name: 'reports a mistyped path at its key, with the date field it most likely means',
      files: [typo],
      errors: [
        {
          at: `${typo.file}:30:3`,
          message:
            '»godkendelser.regionsrad« er ikke et datofelt med en dato i dokumentet; en begrundelse står ved stien til den dato, den forklarer (mente du »godkendelser.regionsraad«?)',
        },
      ],
    },
    {
      name: 'reports a path to a field that holds no date',
      files: [notADate],
      errors: [{ at: `${notADate.file}:30:3`, message: /^»formaal« er ikke et datofelt/ }],
    },
  ],
} satisfies RuleCases;
