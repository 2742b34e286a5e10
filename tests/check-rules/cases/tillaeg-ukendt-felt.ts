import type { RuleCases } from '../rule-tester.ts';
import { approvedHsa, tillaeg } from '../tillaeg-documents.ts';

const misspelled = tillaeg({
  felter: [
    ['opfoelgning', 'Kvartalsvis opfølgning.'],
    ['finansiering.aarligt_beloeb', '1500000'],
  ],
});
const noClause = tillaeg({ felter: [['status', 'opsagt']] });

export default {
  rule: 'tillaeg/ukendt-felt',
  valid: [
    {
      name: 'accepts fields the agreement has, nested and in lists',
      files: [
        approvedHsa(),
        tillaeg({
          felter: [
            ['finansiering.aarligt_beloeb_kr', '1500000'],
            ['ansvarsfordeling.0.ydelse', 'Drift'],
          ],
        }),
      ],
    },
  ],
  invalid: [
    {
      name: 'reports a field the agreement does not have, with a suggestion',
      files: [approvedHsa(), misspelled],
      errors: [
        {
          at: `${misspelled.file}:19:12`,
          message: 'Aftalen hsa-holbaek-akutsygepleje har intet felt »finansiering.aarligt_beloeb«; mente du »finansiering.aarligt_beloeb_kr«?',
        },
      ],
    },
    {
      name: 'reports a field outside the agreement’s clauses',
      files: [approvedHsa(), noClause],
      errors: [{ at: `${noClause.file}:17:12`, message: 'Feltet »status« hører ikke til noget afsnit af aftalen og kan ikke ændres ved et tillæg' }],
    },
  ],
} satisfies RuleCases;
