import { defineRule } from '../rule.ts';
import { danishDate } from './support/calendar.ts';
import { terminables } from './support/termination.ts';

export default defineRule({
  id: 'opsigelse/status',
  severity: 'error',
  locked: true,
  description: 'En aftale har status opsagt, netop når opsigelsen er registreret (opsigelse.meddelt med dato og part).',
  citation:
    'Q&A: Flytning af opgaver fra kommunerne til regionen (opdateret 23. januar 2026), »Kan en opgave senere overdrages til regionen?« (begge parter kan opsige aftalen med ni måneders varsel)',
  check({ repo, report }) {
    for (const { doc, status, termination } of terminables(repo)) {
      if (status === 'opsagt' && !termination) {
        report({
          doc,
          path: ['status'],
          message:
            'Status er »opsagt«, men opsigelsen er ikke registreret; angiv opsigelse.meddelt med dato og part (npm run new -- opsigelse --dokument … --dato … --part …), ellers kan ophørsdatoen ikke beregnes',
        });
      } else if (status !== 'opsagt' && termination) {
        report({
          doc,
          path: termination.path,
          target: 'key',
          message: `Opsigelsen er registreret (meddelt ${danishDate(termination.meddelt)}), men status er »${status}«; sæt »status: opsagt«, eller fjern opsigelse.meddelt, hvis aftalen ikke er opsagt`,
          related: [{ doc, path: ['status'], message: 'aftalens status' }],
        });
      }
    }
  },
});
