import { bilagDoc as doc, ekstern, hsa, sag } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

// Two bilag (1a, 1b): 21 bilag:, 22–25 entries, 26 sagsfremstilling: >-, text from 27.
const text = '>-\n  Se bilag 1 og\n  bilag 2a samt bilag\n  3.';
const two = [hsa({ kommune: '316' }), hsa({ kommune: '326' })];
const mentions = sag({ underpunkter: [], bilag: [doc('hsa-holbaek-akutsygepleje'), doc('hsa-kalundborg-akutsygepleje')], sagsfremstilling: text });

export default {
  rule: 'bilag/ukendt-henvisning',
  valid: [
    {
      name: 'accepts numbers that exist, a group number, and a case with no mentions',
      files: [
        ...two,
        sag({
          underpunkter: [],
          bilag: [doc('hsa-holbaek-akutsygepleje'), doc('hsa-kalundborg-akutsygepleje'), ekstern()],
          sagsfremstilling: '"Se Bilag 1a–1b, bilag 1 samlet og bilag 2 (DokID 12721612)."',
        }),
      ],
    },
  ],
  invalid: [
    {
      name: 'reports each number the list lacks at the word itself, inside a folded block',
      files: [...two, mentions],
      errors: [
        {
          at: `${mentions.file}:28:9`,
          message: 'Teksten henviser til bilag 2a, men sagens bilag er 1a–1b',
          related: [`${mentions.file}:21:1 sagens bilagsliste`],
          endColumn: 11,
        },
        { at: `${mentions.file}:29:3`, message: 'Teksten henviser til bilag 3, men sagens bilag er 1a–1b' },
      ],
    },
    {
      // As a caller that cannot read the files beside the YAML would run the rules.
      name: 'points at the start of the field when the caller offers no files',
      files: [...two, mentions],
      withoutFiles: true,
      errors: [{ at: `${mentions.file}:26:19` }, { at: `${mentions.file}:26:19` }],
    },
  ],
} satisfies RuleCases;
