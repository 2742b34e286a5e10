import { sag } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

// Every case is punkt 1 (line 9, value at col 8) of Sundhedsråd Midt- og Vestsjælland; the meeting date is on line 8.
const first = sag({ id: 'sag-a', moede: '2026-03-10' });
const second = sag({ id: 'sag-b', moede: '2026-03-10' });

export default {
  rule: 'moede/dobbelt-punkt',
  valid: [
    {
      name: 'accepts the same number at different meetings, different numbers at one meeting, and cases without a meeting date',
      files: [first, sag({ id: 'sag-b', moede: '2026-04-14' }), sag({ id: 'sag-c', moede: '2026-03-10' }), sag({ id: 'sag-d' }), sag({ id: 'sag-e' })],
      edits: [['agreements/sag-c.yaml', 'punkt: 1', 'punkt: 2']],
    },
  ],
  invalid: [
    {
      name: 'reports the later file of two cases with one number at one meeting, pointing at the first',
      files: [second, first],
      errors: [
        {
          at: `${second.file}:9:8`,
          message: 'Punkt 1 på sundhedsrådets møde 10. marts 2026 er allerede sagen »sag-a«; giv sagen sit eget punktnummer',
          related: [`${first.file}:9:8 punkt 1 på samme møde`],
        },
      ],
    },
  ],
} satisfies RuleCases;
