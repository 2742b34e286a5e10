import { delingsaftale, hsa } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const approved = { regionsraad: '2026-03-17', kommunalbestyrelse: '2026-03-24' } as const;
const oneMissing = hsa({ status: 'underskrevet', ...approved, underskrifter: { region: ['2026-03-30', '2026-03-30'], kommune: ['2026-04-02'] } });
const none = delingsaftale({ status: 'underskrevet', regionsraad: '2026-06-16', kommunalbestyrelse: '2026-06-10' });
const early = hsa({ kommune: '326', status: 'godkendt', ...approved, underskrifter: { region: ['2026-03-20'], kommune: [] } });

export default {
  rule: 'underskrift/mangler',
  valid: [
    {
      name: 'accepts a signed agreement with two signatures per party on or after the later approval, and a partly signed approved one',
      files: [
        hsa({ status: 'underskrevet', ...approved, underskrifter: { region: ['2026-03-24', '2026-03-30'], kommune: ['2026-04-02', '2026-04-02'] } }),
        hsa({ kommune: '326', status: 'godkendt', ...approved, underskrifter: { region: ['2026-03-30'], kommune: [] } }),
        hsa({ kommune: '370', status: 'udkast' }),
      ],
    },
  ],
  invalid: [
    {
      name: 'reports status underskrevet with a signature missing, per party, at the status',
      files: [oneMissing],
      errors: [
        {
          at: `${oneMissing.file}:5:9`,
          message:
            'Status er »underskrevet«, men kommunen mangler 1 af 2 underskrifter (Lov om kommunernes styrelse, § 32); registrér underskrifterne under »underskrifter«, eller sæt status tilbage til »godkendt«',
        },
      ],
    },
    {
      name: 'reports a delingsaftale marked underskrevet without any signature, naming both parties',
      files: [none],
      errors: [
        { at: `${none.file}:5:9`, message: /^Status er »underskrevet«, men regionen mangler 2 af 2 underskrifter, og kommunen mangler 2 af 2 underskrifter/ },
      ],
    },
    {
      name: 'reports a signature dated before the later approval, at its date',
      files: [early],
      errors: [
        {
          at: `${early.file}:33:13`,
          message:
            'Regionens underskrift (Regionens underskriver 1) er dateret 20. marts 2026, før den seneste godkendelse (24. marts 2026); en aftale underskrives efter begge godkendelser',
        },
      ],
    },
  ],
} satisfies RuleCases;
