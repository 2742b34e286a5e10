import { hsa } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const late = hsa({ senest: '2029-01-01' });
const early = hsa({ senest: '2026-12-31' });

export default {
  rule: 'frist/hsa-evaluering',
  valid: [{ name: 'accepts the last day of the two years', files: [hsa({ senest: '2028-12-31' })] }],
  invalid: [
    {
      name: 'reports an evaluation later than two years after entry into force, naming the limit',
      files: [late],
      errors: [
        {
          at: `${late.file}:20:11`,
          message: /de første 2 år efter ikrafttrædelsen 1\. januar 2027, dvs\. senest 31\. december 2028/,
          related: [`${late.file}:25:16 aftalens ikrafttræden`],
        },
      ],
    },
    { name: 'reports an evaluation before entry into force', files: [early], errors: [{ at: `${early.file}:20:11` }] },
  ],
} satisfies RuleCases;
