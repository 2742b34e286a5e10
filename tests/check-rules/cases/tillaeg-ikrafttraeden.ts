import { hsa } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';
import { HSA_FILE, approvedHsa, tillaeg } from '../tillaeg-documents.ts';

const early = tillaeg({ ikrafttraeden: '2026-12-01' });
const second = tillaeg({ nummer: 2, ikrafttraeden: '2027-02-01' });
const draftBase = tillaeg();

export default {
  rule: 'tillaeg/ikrafttraeden',
  valid: [
    { name: 'accepts a tillæg in force after the approved agreement', files: [approvedHsa(), tillaeg(), tillaeg({ nummer: 2, ikrafttraeden: '2027-04-01' })] },
  ],
  invalid: [
    {
      name: 'reports an agreement not yet approved',
      files: [hsa({ regionsraad: '2026-03-17' }), draftBase],
      errors: [
        {
          at: `${draftBase.file}:10:16`,
          message:
            'Aftalen hsa-holbaek-akutsygepleje er ikke godkendt (kommunalbestyrelsens godkendelse mangler); et udkast rettes i aftalen selv, ikke ved et tillæg',
          related: [`${HSA_FILE}:28:23 ikke godkendt`],
        },
      ],
    },
    {
      name: 'reports a tillæg in force before the agreement',
      files: [approvedHsa(), early],
      errors: [
        {
          at: `${early.file}:10:16`,
          message: 'Tillægget træder i kraft 1. december 2026, før aftalen hsa-holbaek-akutsygepleje selv træder i kraft (1. januar 2027)',
          related: [`${HSA_FILE}:25:16 aftalens ikrafttræden`],
        },
      ],
    },
    {
      name: 'reports tillæg in force out of nummer order',
      files: [approvedHsa(), tillaeg(), second],
      errors: [
        {
          at: `${second.file}:10:16`,
          message: 'Tillæg 2 træder i kraft 1. februar 2027, før tillæg 1 (1. marts 2027); tillæggene træder i kraft i nummerorden',
          related: ['agreements/tillaeg-holbaek-akutsygepleje-1.yaml:10:16 tillæg 1s ikrafttræden'],
        },
      ],
    },
  ],
} satisfies RuleCases;
