import { anmodning, fullCase, otherCoverageQuiet, SEVEN, type UnderpunktOption } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

/** The full fixture (see daekning-driftsmodel.ts) with a) akutsygepleje kommunal for seven kommuner (19–22), b) anmodning for Lejre (23–26, kommuner on 26). */
const SAG = 'agreements/sag-test.yaml';
const underpunkter: UnderpunktOption[] = [
  { opgave: 'akutsygepleje', driftsmodel: 'kommunal', kommuner: SEVEN },
  { opgave: 'akutsygepleje', driftsmodel: 'anmodning', kommuner: ['350'] },
  { opgave: 'sundheds-og-omsorgspladser', driftsmodel: 'kommunal' },
  { opgave: 'patientrettet-forebyggelse', driftsmodel: 'kommunal' },
  { opgave: 'specialiseret-rehabilitering', driftsmodel: 'regional' },
];

export default {
  rule: 'daekning/anmodning',
  valid: [
    {
      name: 'accepts the decision when the anmodning exists',
      files: [...fullCase({ sag: { underpunkter } }), anmodning({ kommune: '350', opgave: 'akutsygepleje', meddelt: '2026-04-10' })],
      others: otherCoverageQuiet('daekning/anmodning'),
    },
  ],
  invalid: [
    {
      name: 'reports an anmodning decision without an anmodning document, at the kommune',
      files: fullCase({ sag: { underpunkter } }),
      errors: [
        {
          at: `${SAG}:26:22`,
          message:
            'Indstillingen (underpunkt b i punkt 1) anmoder Lejre Kommune om fortsat drift af akutsygepleje, men der er ingen anmodning (dokumenttype: anmodning) for Lejre Kommune og opgaven',
        },
      ],
      others: otherCoverageQuiet('daekning/anmodning'),
    },
  ],
} satisfies RuleCases;
