import { bilagDoc as doc, ekstern, hsa, sag } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

/**
 * Cases without underpunkter, so positions are simple: line 21 is »bilag:«, a document bilag k
 * has its dokument on line 22 + 2k (col 15) and its version on 23 + 2k (col 14).
 */
const splitGroup = sag({
  underpunkter: [],
  bilag: [doc('hsa-holbaek-akutsygepleje'), doc('hsa-holbaek-sundheds-og-omsorgspladser'), doc('hsa-kalundborg-akutsygepleje')],
});
const splitByExternal = sag({ underpunkter: [], bilag: [doc('hsa-holbaek-akutsygepleje'), ekstern(), doc('hsa-kalundborg-akutsygepleje')] });

export default {
  rule: 'bilag/nummerering',
  valid: [
    {
      name: 'accepts contiguous groups, and leaves a missing target to ref/ukendt-dokument',
      files: [
        hsa({ kommune: '316' }),
        hsa({ kommune: '326' }),
        hsa({ kommune: '316', opgave: 'sundheds-og-omsorgspladser' }),
        sag({
          underpunkter: [],
          bilag: [doc('hsa-holbaek-akutsygepleje'), doc('hsa-kalundborg-akutsygepleje'), doc('hsa-holbaek-sundheds-og-omsorgspladser'), ekstern()],
        }),
        sag({ id: 'sag-med-hul', underpunkter: [], bilag: [doc('hsa-holbaek-akutsygepleje'), doc('hsa-findes-ikke'), doc('hsa-kalundborg-akutsygepleje')] }),
      ],
      others: { 'ref/ukendt-dokument': ['agreements/sag-med-hul.yaml:24:15 error'] },
    },
  ],
  invalid: [
    {
      name: 'reports a group that appears again after another group, at its later entry, naming the earlier',
      files: [
        hsa({ kommune: '316', opgave: 'akutsygepleje' }),
        hsa({ kommune: '316', opgave: 'sundheds-og-omsorgspladser' }),
        hsa({ kommune: '326', opgave: 'akutsygepleje' }),
        splitGroup,
      ],
      errors: [
        {
          at: `${splitGroup.file}:26:15`,
          message:
            'Bilaget hører til samme gruppe som bilag 1 (samarbejdsaftalerne om akutsygepleje), men står ikke i forlængelse af dem, så gruppen får to numre (1 og 3); flyt det op efter bilag 1',
          related: [`${splitGroup.file}:22:15 gruppens hidtil sidste bilag (1)`],
        },
      ],
    },
    {
      // The external entry (without fil) takes three lines, 24–26, so the third entry starts on 27.
      name: 'reports a group split by an external bilag',
      files: [hsa({ kommune: '316' }), hsa({ kommune: '326' }), splitByExternal],
      errors: [{ at: `${splitByExternal.file}:27:15` }],
    },
  ],
} satisfies RuleCases;
