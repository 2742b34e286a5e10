import type { RuleCases } from '../rule-tester.ts';
import { approvedHsa, tillaeg } from '../tillaeg-documents.ts';

const first = tillaeg({ nummer: 1 });
const third = tillaeg({ nummer: 3, ikrafttraeden: '2027-06-01' });
const second = tillaeg({ nummer: 2, ikrafttraeden: '2027-05-01' });

export default {
  rule: 'tillaeg/nummerering',
  valid: [{ name: 'accepts 1, 2, 3', files: [approvedHsa(), first, second, third] }],
  invalid: [
    {
      name: 'reports a gap',
      files: [approvedHsa(), first, third],
      errors: [
        {
          at: `${third.file}:6:9`,
          message: 'Tillæg 3 til hsa-holbaek-akutsygepleje følger efter tillæg 1; det skal have nummer 2',
          related: [`${first.file}:6:9 tillæg 1`],
        },
      ],
    },
    {
      name: 'reports a first tillæg that is not number 1',
      files: [approvedHsa(), second],
      errors: [{ at: `${second.file}:6:9`, message: 'Det første tillæg til hsa-holbaek-akutsygepleje skal have nummer 1, ikke 2' }],
    },
  ],
} satisfies RuleCases;
