import { hsa } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';
import { terminated } from '../termination.ts';

const early = terminated(hsa(), { dato: '2026-10-01' });

export default {
  rule: 'opsigelse/foer-ikrafttraeden',
  valid: [
    {
      name: 'accepts notice given on the day of entry into force or later',
      files: [terminated(hsa(), { dato: '2027-01-01' }), terminated(hsa({ kommune: '326' }), { dato: '2027-03-15' })],
    },
  ],
  invalid: [
    {
      name: 'warns about notice given before the agreement enters into force',
      files: [early],
      errors: [
        {
          at: `${early.file}:25:11`,
          severity: 'warning',
          message:
            'Opsigelsen er meddelt 1. oktober 2026, før aftalen træder i kraft 1. januar 2027; det er usædvanligt, men lovligt. Er datoen rigtig? Varslet regnes fra meddelelsesdatoen (ophør 1. juli 2027)',
          related: [`${early.file}:28:16 aftalens ikrafttræden`],
        },
      ],
    },
  ],
} satisfies RuleCases;
