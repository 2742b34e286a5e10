import { delingsaftale, fullCase, hsa, sag } from '../documents.ts';
import type { CaseFile, RuleCases } from '../rule-tester.ts';
import { terminated } from '../termination.ts';

const HSA = 'agreements/hsa-holbaek-akutsygepleje.yaml';
const DELING = 'agreements/delingsaftale-holbaek.yaml';

/** The full case with Holbæk's HSA on akutsygepleje terminated on 15 March 2027 (ends 15 December 2027). */
function withTermination(extra: CaseFile[] = [], skipDelingsaftale: string[] = []): CaseFile[] {
  const files = fullCase({ skipHsa: ['hsa-holbaek-akutsygepleje'], skipDelingsaftale });
  return [terminated(hsa({ opgave: 'akutsygepleje' }), { dato: '2027-03-15' }), ...files, ...extra];
}

const driftToo = delingsaftale({
  kommune: '316',
  opgaver: [
    ['specialiseret-rehabilitering', 'drift'],
    ['akutsygepleje', 'drift'],
    ['sundheds-og-omsorgspladser', 'myndighedsansvar'],
    ['patientrettet-forebyggelse', 'myndighedsansvar'],
  ],
});
const withoutIt = delingsaftale({ kommune: '316', opgaver: [['specialiseret-rehabilitering', 'drift']] });

const laterAnmodning = sag({
  id: 'sag-senere',
  moede: '2027-05-04',
  underpunkter: [{ opgave: 'akutsygepleje', driftsmodel: 'anmodning', kommuner: ['316'] }],
  bilag: [],
});
const laterRegional = sag({
  id: 'sag-senere',
  moede: '2027-05-04',
  underpunkter: [{ opgave: 'akutsygepleje', driftsmodel: 'regional', kommuner: ['316'] }],
  bilag: [],
});

const MESSAGE =
  'Samarbejdsaftale om akutsygepleje er opsagt af kommunen den 15. marts 2027 og ophører 15. december 2027; derefter driver regionen akutsygepleje, men delingsaftalen med Holbæk Kommune overdrager kun myndighedsansvaret for opgaven. Der skal stå »opgave: akutsygepleje« med »overdragelse: drift« i delingsaftalen, eller en senere sag skal afgøre en anden driftsmodel';

export default {
  rule: 'daekning/efter-opsigelse',
  valid: [
    {
      name: 'accepts a termination when the delingsaftale transfers the drift of the opgave',
      files: withTermination([driftToo], ['316']),
      today: '2028-01-01',
    },
    { name: 'accepts a termination when a later case decides another model for the pair', files: withTermination([laterAnmodning]), today: '2028-01-01' },
    { name: 'has nothing to say without a termination', files: fullCase(), today: '2028-01-01' },
  ],
  invalid: [
    {
      name: 'warns while the end date is still to come',
      files: withTermination(),
      today: '2027-12-14',
      errors: [{ at: `${HSA}:24:3`, severity: 'warning', message: MESSAGE, related: [`${DELING}:23:19 opgaven i delingsaftalen`] }],
    },
    {
      name: 'is an error from the end date on',
      files: withTermination(),
      today: '2027-12-15',
      errors: [{ at: `${HSA}:24:3`, severity: 'error', message: /og ophørte 15\. december 2027; regionen driver nu akutsygepleje, men delingsaftalen/ }],
    },
    {
      name: 'reports a delingsaftale without the opgave, and a later case that decides regional drift does not lift it',
      files: withTermination([withoutIt, laterRegional], ['316']),
      today: '2028-01-01',
      errors: [
        {
          at: `${HSA}:24:3`,
          message: /men delingsaftalen med Holbæk Kommune omfatter ikke opgaven\./,
          related: [`${DELING}:14:1 delingsaftalens opgaver`],
        },
      ],
    },
  ],
} satisfies RuleCases;
