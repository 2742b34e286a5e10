import { hsa, places } from '../documents.ts';
import { lineIn, shipped, type RuleCases } from '../rule-tester.ts';

const REGION = 'agreements/reference/region.yaml';
const limit = `${REGION}:${lineIn(shipped(REGION), 'sundheds_og_omsorgspladser: 193')}:33`;
const hsaOf = (slug: string) => `agreements/hsa-${slug}-sundheds-og-omsorgspladser.yaml`;

/**
 * HSAs for sundheds- og omsorgspladser in Sundhedsråd Midt- og Vestsjælland (193 pladser in the
 * shipped region.yaml). Files are checked in path order: holbaek, kalundborg, lejre, naestved,
 * odsherred, ringsted, slagelse, soroe. The kapacitet block is on lines 29–30 (pladser at col 12).
 */
export default {
  rule: 'kapacitet/pladser',
  valid: [
    {
      name: 'accepts a total up to the number, and ignores HSAs for other opgaver and other råd',
      files: [...places(() => '24'), hsa({ kommune: '316', opgave: 'akutsygepleje', pladser: '500' })], // 192
      others: { 'kapacitet/ukendt': [] },
    },
  ],
  invalid: [
    {
      name: 'reports the agreement that takes the råd over its number, with the limit and the others as related',
      files: places(() => '30'),
      errors: [
        {
          at: `${hsaOf('slagelse')}:30:12`,
          message:
            'Samarbejdsaftalerne i Sundhedsråd Midt- og Vestsjælland aftaler i alt 240 sundheds- og omsorgspladser, flere end sundhedsrådets 193; med denne aftale (30 pladser) overskrides antallet',
          related: [
            `${limit} sundhedsrådets antal pladser (193)`,
            `${hsaOf('holbaek')}:30:12 Holbæk Kommune: 30 pladser`,
            `${hsaOf('kalundborg')}:30:12 Kalundborg Kommune: 30 pladser`,
            `${hsaOf('lejre')}:30:12 Lejre Kommune: 30 pladser`,
            `${hsaOf('naestved')}:30:12 Næstved Kommune: 30 pladser`,
            `${hsaOf('odsherred')}:30:12 Odsherred Kommune: 30 pladser`,
            `${hsaOf('ringsted')}:30:12 Ringsted Kommune: 30 pladser`,
            `${hsaOf('soroe')}:30:12 Sorø Kommune: 30 pladser`,
          ],
        },
      ],
    },
  ],
} satisfies RuleCases;
