import { sag } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const onTheDay = sag({ moede: '2026-04-01' });
const anmodninger = sag({ moede: '2026-04-20', underpunkter: [{ opgave: 'akutsygepleje', driftsmodel: 'anmodning' }] });

export default {
  rule: 'frist/sag-moede',
  valid: [
    {
      name: 'accepts a meeting before the deadline, an unknown date, and a case with only regional drift',
      files: [
        sag({ moede: '2026-03-31' }),
        sag({ id: 'sag-ukendt-dato' }),
        sag({ id: 'sag-regional', moede: '2026-06-01', underpunkter: [{ opgave: 'specialiseret-rehabilitering', driftsmodel: 'regional' }] }),
      ],
    },
  ],
  invalid: [
    {
      name: 'reports a meeting that does not come before the deadline its kommunal drift serves',
      files: [onTheDay],
      errors: [
        {
          at: `${onTheDay.file}:8:9`,
          message: /^Mødet 1\. april 2026 ligger ikke før fristen 1\. april 2026, som indstillingen om kommunal drift skal nå/,
          related: [`${onTheDay.file}:21:24 indstillingen om kommunal drift`],
        },
      ],
    },
    {
      name: 'reports a case deciding anmodninger against the anmodning deadline',
      files: [anmodninger],
      errors: [{ at: `${anmodninger.file}:8:9`, message: /fristen 15\. april 2026, som indstillingen om anmodning om fortsat kommunal drift skal nå/ }],
    },
  ],
} satisfies RuleCases;
