import { hsa } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const both = hsa();
const one = hsa({ kommune: '326', regionsraad: '2026-03-17' });

export default {
  rule: 'forsinket/hsa-godkendelse',
  valid: [
    { name: 'is quiet on the deadline day', files: [hsa()], today: '2026-04-01' },
    {
      name: 'is quiet when both approvals are recorded, and for a terminated agreement',
      files: [hsa({ regionsraad: '2026-03-17', kommunalbestyrelse: '2026-03-20' }), hsa({ kommune: '326', status: 'opsagt' })],
      today: '2026-11-23',
    },
  ],
  invalid: [
    {
      name: 'warns the day after the deadline when approvals are missing, at the first missing one',
      files: [both, one],
      today: '2026-04-02',
      errors: [
        {
          at: `${both.file}:27:16`,
          message: 'Fristen 1. april 2026 for godkendelse er overskredet, men regionsrådets og kommunalbestyrelsens godkendelse er ikke registreret',
        },
        { at: `${one.file}:28:23`, message: 'Fristen 1. april 2026 for godkendelse er overskredet, men kommunalbestyrelsens godkendelse er ikke registreret' },
      ],
    },
  ],
} satisfies RuleCases;
