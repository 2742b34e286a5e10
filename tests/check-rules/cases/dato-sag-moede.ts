import { sag } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

// Lines: videre_proces on 19, its entries on 20–21 and 22–23; tidligere_beslutninger on 24, entry 25–27.
const outOfOrder = sag({
  moede: '2026-03-10',
  underpunkter: [],
  videreProces: [
    { organ: 'Forberedende Forretningsudvalg', dato: '2026-03-17' },
    { organ: 'Forberedende Regionsråd', dato: '2026-03-09' },
  ],
  tidligere: [{ organ: 'Forberedende Sundhedsråd', dato: '2026-03-10' }],
});

export default {
  rule: 'dato/sag-moede',
  valid: [
    {
      name: 'accepts meetings in order and skips a case whose meeting date is unknown',
      files: [
        sag({
          moede: '2026-03-10',
          videreProces: [{ organ: 'Forberedende Regionsråd', dato: '2026-03-17' }],
          tidligere: [{ organ: 'Sundhedsråd', dato: '2026-01-19' }],
        }),
        sag({ id: 'sag-uden-dato', videreProces: [{ organ: 'Forberedende Regionsråd', dato: '2026-03-17' }] }),
      ],
    },
  ],
  invalid: [
    {
      name: 'reports a later meeting dated before the case meeting, and an earlier decision dated after it',
      files: [outOfOrder],
      errors: [
        {
          at: `${outOfOrder.file}:23:11`,
          message: 'Forberedende Regionsråd behandler sagen 9. marts 2026, men det skal være efter sundhedsrådets møde 10. marts 2026',
          related: [`${outOfOrder.file}:8:9 sagens møde`],
        },
        {
          at: `${outOfOrder.file}:26:11`,
          message: /^Den tidligere beslutning i Forberedende Sundhedsråd er dateret 10\. marts 2026, men skal ligge før sagens møde/,
        },
      ],
    },
  ],
} satisfies RuleCases;
