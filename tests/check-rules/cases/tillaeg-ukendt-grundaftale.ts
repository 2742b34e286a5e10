import { delingsaftale, hsa } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';
import { HSA_FILE, approvedHsa, tillaeg } from '../tillaeg-documents.ts';

const misspelled = tillaeg({ til: 'hsa-holbaek-akutsygeplje' });
const newer = tillaeg({ tilVersion: '2026-03-01' });
const otherKommune = tillaeg({ kommune: '326' });
const toADelingsaftale = tillaeg({ til: 'delingsaftale-holbaek' });

export default {
  rule: 'tillaeg/ukendt-grundaftale',
  valid: [
    { name: 'accepts a tillæg to the version the HSA has, in its kommune', files: [approvedHsa(), tillaeg()] },
    { name: 'accepts a tillæg to an earlier version', files: [approvedHsa({ version: '2026-05-01' }), tillaeg()] },
  ],
  invalid: [
    {
      name: 'reports an agreement that does not exist, with a suggestion',
      files: [approvedHsa(), misspelled],
      errors: [{ at: `${misspelled.file}:4:6`, message: 'Der findes ingen aftale med id »hsa-holbaek-akutsygeplje«; mente du »hsa-holbaek-akutsygepleje«?' }],
    },
    {
      name: 'reports a version the agreement does not have yet',
      files: [approvedHsa(), newer],
      errors: [
        {
          at: `${newer.file}:5:14`,
          message: 'Tillægget ændrer V20260301 af hsa-holbaek-akutsygepleje, men aftalen er V20260224; den nyere version findes ikke',
          related: [`${HSA_FILE}:4:10 aftalens gældende version`],
        },
      ],
    },
    {
      name: 'reports a kommune other than the agreement’s',
      files: [hsa({ status: 'godkendt', regionsraad: '2026-03-17', kommunalbestyrelse: '2026-03-20' }), otherKommune],
      errors: [
        {
          at: `${otherKommune.file}:7:10`,
          message: 'Tillægget hører til Kalundborg Kommune, men aftalen hsa-holbaek-akutsygepleje til Holbæk Kommune; brug aftalens kommunekode »316«',
          related: [`${HSA_FILE}:6:10 aftalens kommune`],
        },
      ],
    },
    {
      name: 'reports a document that cannot be amended by a tillæg',
      files: [approvedHsa(), delingsaftale(), toADelingsaftale],
      errors: [
        {
          at: `${toADelingsaftale.file}:4:6`,
          message:
            "»delingsaftale-holbaek« (agreements/delingsaftale-holbaek.yaml) er ikke en aftale, der kan ændres ved et tillæg; brug id'et på en samarbejdsaftale",
        },
      ],
    },
  ],
} satisfies RuleCases;
