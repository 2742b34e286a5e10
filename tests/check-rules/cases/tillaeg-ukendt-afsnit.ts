import type { RuleCases } from '../rule-tester.ts';
import { approvedHsa, tillaeg } from '../tillaeg-documents.ts';

const misspelled = tillaeg({ felter: [], afsnit: [{ titel: 'Kvalitet', efter: 'Økonomi og afregnig' }] });

export default {
  rule: 'tillaeg/ukendt-afsnit',
  valid: [
    {
      name: 'accepts a clause after one of the agreement’s, after one added before it, or without a place',
      files: [
        approvedHsa(),
        tillaeg({ felter: [], afsnit: [{ titel: 'Kvalitet', efter: 'Økonomi og afregning' }, { titel: 'Data', efter: 'Kvalitet' }, { titel: 'Tilsyn' }] }),
        tillaeg({ nummer: 2, ikrafttraeden: '2027-04-01', felter: [], afsnit: [{ titel: 'Økonomi', efter: 'Data' }] }),
      ],
    },
  ],
  invalid: [
    {
      name: 'reports a heading the agreement does not have, with a suggestion',
      files: [approvedHsa(), misspelled],
      errors: [
        {
          at: `${misspelled.file}:20:14`,
          message: 'Aftalen hsa-holbaek-akutsygepleje har intet afsnit med overskriften »Økonomi og afregnig«; mente du »Økonomi og afregning«?',
        },
      ],
    },
  ],
} satisfies RuleCases;
