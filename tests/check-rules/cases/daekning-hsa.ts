import { fullBilag, fullCase, otherCoverageQuiet } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

/** The full fixture (see daekning-driftsmodel.ts); a) akutsygepleje kommunal has its driftsmodel on 21:24. */
const SAG = 'agreements/sag-test.yaml';
const withoutLejre = fullBilag().filter((b) => !('dokument' in b && b.dokument === 'hsa-lejre-akutsygepleje'));

export default {
  rule: 'daekning/hsa',
  valid: [
    {
      // Lejre's akutsygepleje is bilag 19 (line 34 + 2 · 18), Sorø's bilag 24 (line 80).
      name: 'leaves a deleted or misspelt bilag to ref/ukendt-dokument (one mistake, one message)',
      files: fullCase({ skipHsa: ['hsa-lejre-akutsygepleje'] }),
      edits: [[SAG, 'dokument: hsa-soroe-akutsygepleje', 'dokument: hsa-soroe-akutsygeplej']],
      others: { ...otherCoverageQuiet('daekning/hsa'), 'ref/ukendt-dokument': [`${SAG}:70:15 error`, `${SAG}:80:15 error`] },
    },
  ],
  invalid: [
    {
      name: 'reports kommunal drift without an HSA, at the underpunkt, naming the kommune',
      files: fullCase({ skipHsa: ['hsa-lejre-akutsygepleje'], sag: { bilag: withoutLejre } }),
      errors: [
        {
          at: `${SAG}:21:24`,
          message:
            'Indstillingen (underpunkt a i punkt 1) lægger driften af akutsygepleje hos Lejre Kommune, men der er ingen horisontal samarbejdsaftale om akutsygepleje med Lejre Kommune',
        },
      ],
      others: otherCoverageQuiet('daekning/hsa'),
    },
    {
      name: 'names the decision once the regionsråd has decided the case',
      files: fullCase({
        skipHsa: ['hsa-lejre-akutsygepleje'],
        sag: {
          bilag: withoutLejre,
          extra: [
            'beslutninger:',
            '  - organ: regionsraad',
            '    dato: 2026-03-17',
            '    udfald: tiltraadt',
            '    protokol: Forberedende Regionsråd, punkt 12',
          ],
        },
      }),
      errors: [
        {
          at: `${SAG}:21:24`,
          message:
            'Beslutningen 17. marts 2026 (underpunkt a i punkt 1) lægger driften af akutsygepleje hos Lejre Kommune, men der er ingen horisontal samarbejdsaftale om akutsygepleje med Lejre Kommune',
        },
      ],
      others: otherCoverageQuiet('daekning/hsa'),
    },
    {
      name: 'reports an HSA that exists but is not a bilag of the case, with the HSA as related',
      files: fullCase({ sag: { bilag: withoutLejre } }),
      errors: [
        {
          at: `${SAG}:21:24`,
          message:
            'Indstillingen (underpunkt a i punkt 1) lægger driften af akutsygepleje hos Lejre Kommune, men samarbejdsaftalen »hsa-lejre-akutsygepleje« er ikke vedlagt sagen som bilag',
          related: ['agreements/hsa-lejre-akutsygepleje.yaml:2:5 samarbejdsaftalen, der mangler i bilagslisten'],
        },
      ],
      others: otherCoverageQuiet('daekning/hsa'),
    },
  ],
} satisfies RuleCases;
