import { delingsaftale, fullCase, otherCoverageQuiet } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

/** The full fixture (see daekning-driftsmodel.ts): a) akutsygepleje on 21:24, c) patientrettet forebyggelse on 27:24. */
const SAG = 'agreements/sag-test.yaml';
const lejre = delingsaftale({
  kommune: '350',
  opgaver: [
    ['specialiseret-rehabilitering', 'drift'],
    ['akutsygepleje', 'drift'],
    ['sundheds-og-omsorgspladser', 'myndighedsansvar'],
  ],
});

export default {
  rule: 'daekning/delingsaftale-myndighed',
  valid: [],
  invalid: [
    {
      name: 'reports an opgave the kommune keeps operating without myndighedsansvar in its delingsaftale',
      files: [...fullCase({ skipDelingsaftale: ['350'] }), lejre],
      errors: [
        {
          at: `${SAG}:21:24`,
          message: /lader Lejre Kommune drive akutsygepleje videre, men delingsaftalen med Lejre Kommune overdrager driften af opgaven til regionen/,
          related: ['agreements/delingsaftale-lejre.yaml:23:19 opgaven i delingsaftalen'],
        },
        { at: `${SAG}:27:24`, message: /omfatter ikke opgaven; der skal stå »opgave: patientrettet-forebyggelse« med »overdragelse: myndighedsansvar«$/ },
      ],
      others: otherCoverageQuiet('daekning/delingsaftale-myndighed'),
    },
  ],
} satisfies RuleCases;
