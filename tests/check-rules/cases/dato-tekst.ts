import { sag } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

/** Cases without underpunkter: the first videre_proces entry's dato is on line 21, its dato_tekst on 22 (col 17). */
const otherDay = sag({ underpunkter: [], videreProces: [{ organ: 'Forberedende Regionsråd', dato: '2026-03-17', dato_tekst: '18. marts' }] });
const otherYear = sag({ underpunkter: [], videreProces: [{ organ: 'Forberedende Regionsråd', dato: '2026-03-17', dato_tekst: '17. marts 2027' }] });

export default {
  rule: 'dato/tekst',
  valid: [
    {
      name: 'accepts the date as the case writes it, with or without the year',
      files: [
        sag({
          underpunkter: [],
          videreProces: [
            { organ: 'Forberedende Forretningsudvalg', dato: '2026-03-17', dato_tekst: '17. marts' },
            { organ: 'Forberedende Regionsråd', dato: '2026-03-17', dato_tekst: '17. marts 2026' },
            { organ: 'Forberedende Regionsråd', dato: '2026-03-18' },
          ],
        }),
      ],
    },
  ],
  invalid: [
    {
      name: 'reports a written date that is another day than the meeting’s',
      files: [otherDay],
      errors: [
        {
          at: `${otherDay.file}:22:17`,
          message: 'Datoen »18. marts« er ikke mødets dato 17. marts 2026; skriv »17. marts« eller »17. marts 2026«',
          related: [`${otherDay.file}:21:11 mødets dato`],
        },
      ],
    },
    {
      name: 'reports a written date with another year',
      files: [otherYear],
      errors: [{ at: `${otherYear.file}:22:17` }],
    },
  ],
} satisfies RuleCases;
