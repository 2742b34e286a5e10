import { delingsaftale, fullCase, otherCoverageQuiet } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

/** The full fixture (see daekning-driftsmodel.ts); d) specialiseret rehabilitering regional has its driftsmodel on 30:24. */
const SAG = 'agreements/sag-test.yaml';
const onlyAuthority = delingsaftale({
  kommune: '350',
  opgaver: [
    ['specialiseret-rehabilitering', 'myndighedsansvar'],
    ['akutsygepleje', 'myndighedsansvar'],
    ['sundheds-og-omsorgspladser', 'myndighedsansvar'],
    ['patientrettet-forebyggelse', 'myndighedsansvar'],
  ],
});
const withoutIt = delingsaftale({
  kommune: '340',
  opgaver: [
    ['akutsygepleje', 'myndighedsansvar'],
    ['sundheds-og-omsorgspladser', 'myndighedsansvar'],
    ['patientrettet-forebyggelse', 'myndighedsansvar'],
  ],
});

export default {
  rule: 'daekning/delingsaftale-drift',
  valid: [],
  invalid: [
    {
      name: 'reports regional drift the delingsaftale does not transfer, with the delingsaftale as related',
      files: [...fullCase({ skipDelingsaftale: ['350', '340'] }), onlyAuthority, withoutIt],
      errors: [
        {
          at: `${SAG}:30:24`,
          message:
            'Indstillingen (underpunkt d i punkt 1) overdrager driften af specialiseret rehabilitering og dele af den avancerede genoptræning til regionen, men delingsaftalen med Lejre Kommune overdrager kun myndighedsansvaret for opgaven; der skal stå »opgave: specialiseret-rehabilitering« med »overdragelse: drift«',
          related: [`${onlyAuthority.file}:16:19 opgaven i delingsaftalen`],
        },
        {
          at: `${SAG}:30:24`,
          message: /men delingsaftalen med Sorø Kommune omfatter ikke opgaven/,
          related: ['agreements/delingsaftale-soroe.yaml:14:1 delingsaftalens opgaver'],
        },
      ],
      others: otherCoverageQuiet('daekning/delingsaftale-drift'),
    },
  ],
} satisfies RuleCases;
