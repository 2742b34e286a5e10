import { fullCase, otherCoverageQuiet } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

/** The full fixture (see daekning-driftsmodel.ts); a) akutsygepleje kommunal has its driftsmodel on 21:24. */
const SAG = 'agreements/sag-test.yaml';

export default {
  rule: 'daekning/delingsaftale',
  valid: [
    {
      name: 'stays quiet while a delingsaftale names an unknown kommune (maybe this one, mistyped)',
      files: fullCase(),
      edits: [['agreements/delingsaftale-ringsted.yaml', 'kommune: "329"', 'kommune: "399"']],
      others: { ...otherCoverageQuiet('daekning/delingsaftale'), 'ref/ukendt-kommune': ['agreements/delingsaftale-ringsted.yaml:6:10 error'] },
    },
  ],
  invalid: [
    {
      name: 'reports a kommune without a delingsaftale once, at its first decision',
      files: fullCase({ skipDelingsaftale: ['350'] }),
      errors: [
        {
          at: `${SAG}:21:24`,
          message:
            'Lejre Kommune har ingen delingsaftale med regionen; den skal dække driften af de opgaver, der overgår til regionen, og myndighedsansvaret for dem, kommunen driver videre',
        },
      ],
      others: otherCoverageQuiet('daekning/delingsaftale'),
    },
  ],
} satisfies RuleCases;
