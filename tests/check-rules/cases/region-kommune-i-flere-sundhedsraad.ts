import { file, type RuleCases } from '../rule-tester.ts';

const REGION = 'agreements/reference/region.yaml';
const region = (second: string) =>
  [
    'dokumenttype: region',
    'id: region',
    'navn: Region Østdanmark',
    'sundhedsraad:',
    '  - id: vest',
    '    navn: Sundhedsråd Vest',
    '    sundheds_og_omsorgspladser: 10',
    '    kommuner: ["316", "326"]',
    '    kilde: { dokument: Kilde, afsnit: Afsnit }',
    '  - id: oest',
    '    navn: Sundhedsråd Øst',
    '    sundheds_og_omsorgspladser: 10',
    `    kommuner: ${second}`,
    '    kilde: { dokument: Kilde, afsnit: Afsnit }',
    'kommuner:',
    '  - { kode: "316", navn: Holbæk Kommune, kortnavn: Holbæk, slug: holbaek }',
    '  - { kode: "326", navn: Kalundborg Kommune, kortnavn: Kalundborg, slug: kalundborg }',
    '  - { kode: "350", navn: Lejre Kommune, kortnavn: Lejre, slug: lejre }',
  ].join('\n') + '\n';

export default {
  rule: 'region/kommune-i-flere-sundhedsraad',
  valid: [
    { name: 'accepts the shipped region', files: [] },
    { name: 'accepts disjoint sundhedsråd', files: [file(REGION, region('["350"]'))] },
  ],
  invalid: [
    {
      name: 'reports a kommune in a second sundhedsråd at the second occurrence, naming the first',
      files: [file(REGION, region('["350", "316"]'))],
      errors: [
        {
          at: `${REGION}:13:23`,
          message: 'Holbæk Kommune står allerede under Sundhedsråd Vest; en kommune hører til ét sundhedsråd',
          related: [`${REGION}:8:16 første sundhedsråd med kommunen`],
        },
      ],
    },
  ],
} satisfies RuleCases;
