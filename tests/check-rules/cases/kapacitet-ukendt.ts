import { places } from '../documents.ts';
import { lineIn, shipped, type RuleCases } from '../rule-tester.ts';

const REGION = 'agreements/reference/region.yaml';
const limit = `${REGION}:${lineIn(shipped(REGION), 'sundheds_og_omsorgspladser: 193')}:33`;
const hsaOf = (slug: string) => `agreements/hsa-${slug}-sundheds-og-omsorgspladser.yaml`;

/** As kapacitet-pladser.ts: eight HSAs in path order, the kapacitet block on lines 29–30. */
export default {
  rule: 'kapacitet/ukendt',
  valid: [{ name: 'is quiet when every number is known', files: places(() => '20') }],
  invalid: [
    {
      name: 'gives one warning per råd at the first unknown agreement, listing the others',
      files: places((slug) => (slug === 'lejre' ? undefined : slug === 'soroe' ? 'null' : '20')),
      // Lejre has no kapacitet block: the finding points at its opgave (line 7).
      errors: [
        {
          at: `${hsaOf('lejre')}:7:9`,
          message:
            'Antallet af sundheds- og omsorgspladser er ikke aftalt i 2 af 8 samarbejdsaftaler i Sundhedsråd Midt- og Vestsjælland, så det kan ikke kontrolleres, at de tilsammen er højst 193 (de øvrige aftaler har 120)',
          related: [`${hsaOf('soroe')}:30:12 heller ikke aftalt (Sorø Kommune)`, `${limit} sundhedsrådets antal pladser (193)`],
        },
      ],
      others: { 'kapacitet/pladser': [] },
    },
    {
      name: 'still lets kapacitet/pladser report an excess among the known numbers',
      files: places((slug) => (slug === 'soroe' ? 'null' : '30')),
      errors: [{ at: `${hsaOf('soroe')}:30:12` }],
      others: { 'kapacitet/pladser': [`${hsaOf('slagelse')}:30:12 error`] },
    },
  ],
} satisfies RuleCases;
