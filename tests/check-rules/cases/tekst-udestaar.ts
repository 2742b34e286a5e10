import { delingsaftale, hsa } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const approvedDates = { regionsraad: '2026-03-17', kommunalbestyrelse: '2026-03-18' };
// The HSA template's mislighold (line 24) is »Udestår.«; a forbehold in a folded block carries another.
const approved = hsa({
  status: 'godkendt',
  ...approvedDates,
  extra: ['forbehold:', '  - >-', '    Kommunens første forbehold, som fortsætter', '    på næste linje. Udestår: beløbet.'],
});
const signedDeling = delingsaftale({ status: 'godkendt', regionsraad: '2026-06-16', kommunalbestyrelse: '2026-06-10' });

export default {
  rule: 'tekst/udestaar',
  valid: [
    {
      name: 'accepts »Udestår« in a draft, and an approved delingsaftale whose lists are stated, also as empty',
      files: [hsa({ status: 'udkast' }), signedDeling],
    },
  ],
  invalid: [
    {
      name: 'reports every »Udestår« in an approved agreement at the word, also inside a folded block',
      files: [approved],
      errors: [
        {
          at: `${approved.file}:24:13`,
          message: 'Status er »godkendt«, men teksten har stadig »Udestår«: skriv den tekst, der udestår, eller sæt status tilbage til udkast',
        },
        {
          at: `${approved.file}:32:21`,
          message: 'Status er »godkendt«, men teksten har stadig »Udestår«: skriv den tekst, der udestår, eller sæt status tilbage til udkast',
        },
      ],
    },
    {
      name: 'reports a list an approved delingsaftale has not stated (null), as it renders »Udestår«',
      files: [signedDeling],
      edits: [
        [
          signedDeling.file,
          'specialiseret-rehabilitering\n    overdragelse: drift\n    aktiver: []',
          'specialiseret-rehabilitering\n    overdragelse: drift\n    aktiver: null',
        ],
      ],
      errors: [
        {
          at: `${signedDeling.file}:17:14`,
          message:
            'Status er »godkendt«, men opgørelsen af aktiver udestår (feltet er tomt og vises som »Udestår«): skriv teksten, eller for en liste [] hvis der ingen er',
        },
      ],
    },
    {
      name: 'reports a clause an approved HSA has not written (absent or null), as it renders »Udestår«',
      files: [hsa({ status: 'godkendt', ...approvedDates })],
      edits: [
        [hsa({ status: 'godkendt' }).file, 'mislighold: Udestår.', 'mislighold: Aftalt.'],
        [hsa({ status: 'godkendt' }).file, 'tvister: Aftalt tekst.', 'tvister: null'],
      ],
      errors: [
        {
          at: `${hsa({ status: 'godkendt' }).file}:34:10`,
          message:
            'Status er »godkendt«, men bestemmelserne om tvister udestår (feltet er tomt og vises som »Udestår«): skriv teksten, eller for en liste [] hvis der ingen er',
        },
      ],
    },
  ],
} satisfies RuleCases;
