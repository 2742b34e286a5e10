import { bilagDoc as doc, ekstern, hsa, sag } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

/**
 * Cases without underpunkter: line 21 is »bilag:«; a document bilag takes two lines (dokument,
 * version) and its registreret_titel the third, at col 24.
 */
const TITLE = 'Udkast til horisontal samarbejdsaftale for akutsygepleje';
const wrongNumber = sag({ underpunkter: [], bilag: [{ ...doc('hsa-holbaek-akutsygepleje'), registreret_titel: `Bilag 2_${TITLE} Holbæk Kommune V20260224` }] });
const otherKommune = sag({
  underpunkter: [],
  bilag: [{ ...doc('hsa-holbaek-akutsygepleje'), registreret_titel: `Bilag 1_${TITLE} Kalundborg Kommune V20260224` }],
});
const otherVersion = sag({
  underpunkter: [],
  bilag: [{ ...doc('hsa-holbaek-akutsygepleje'), registreret_titel: `Bilag 1_${TITLE} Holbæk Kommune V20260225` }],
});

export default {
  rule: 'bilag/registreret-titel',
  valid: [
    {
      name: 'accepts the case’s spellings: »kommune« in lower case, a typo, a space for the underscore',
      files: [
        hsa({ kommune: '316' }),
        sag({
          underpunkter: [],
          bilag: [
            { ...doc('hsa-holbaek-akutsygepleje'), registreret_titel: `Bilag 1_${TITLE} Holbæk kommune V20260224` },
            { ...ekstern(), registreret_titel: 'Bilag 2 Kommuernes tilbagemelding' },
          ],
        }),
      ],
    },
    {
      name: 'accepts the draft’s registered title once the agreement is approved (its generated name loses »Udkast til«, the register keeps it)',
      files: [
        hsa({ kommune: '316', status: 'godkendt', regionsraad: '2026-03-17', kommunalbestyrelse: '2026-03-24' }),
        sag({ underpunkter: [], bilag: [{ ...doc('hsa-holbaek-akutsygepleje'), registreret_titel: `Bilag 1_${TITLE} Holbæk kommune V20260224` }] }),
      ],
      others: { 'bilag/nummerering': [] }, // the approved fixture's »Udestår« texts are tekst/udestaar's business
    },
    {
      name: 'leaves a case with a bilag that points at nothing to ref/ukendt-dokument (the numbers after it shift)',
      files: [
        hsa({ kommune: '326' }),
        sag({
          underpunkter: [],
          bilag: [doc('hsa-findes-ikke'), { ...doc('hsa-kalundborg-akutsygepleje'), registreret_titel: `Bilag 1_${TITLE} Kalundborg kommune V20260224` }],
        }),
      ],
      others: { 'ref/ukendt-dokument': ['agreements/sag-test.yaml:22:15 error'] },
    },
    {
      name: 'leaves a bilag attached in another version than the document’s to the version rules',
      files: [
        hsa({ kommune: '316' }),
        sag({
          underpunkter: [],
          bilag: [{ ...doc('hsa-holbaek-akutsygepleje', '2026-01-05'), registreret_titel: `Bilag 1_${TITLE} Holbæk kommune V20260105` }],
        }),
      ],
      others: {},
    },
  ],
  invalid: [
    {
      name: 'reports a registered title with another number than the list gives',
      files: [hsa({ kommune: '316' }), wrongNumber],
      errors: [
        {
          at: `${wrongNumber.file}:24:24`,
          message: `Den registrerede titel skal begynde med »Bilag 1_« eller »Bilag 1 «, det nummer bilaget får i listen (dannet titel: »Bilag 1_${TITLE} Holbæk Kommune V20260224«)`,
        },
      ],
    },
    {
      name: 'reports a registered title naming another kommune',
      files: [hsa({ kommune: '316' }), otherKommune],
      errors: [
        {
          at: `${otherKommune.file}:24:24`,
          message: `Den registrerede titel »Bilag 1_${TITLE} Kalundborg Kommune V20260224« svarer ikke til bilagets dannede titel »Bilag 1_${TITLE} Holbæk Kommune V20260224«; de må kun afvige i store og små bogstaver eller en stavefejl`,
        },
      ],
    },
    {
      name: 'reports a registered title with another version, though one digit apart',
      files: [hsa({ kommune: '316' }), otherVersion],
      errors: [{ at: `${otherVersion.file}:24:24` }],
    },
  ],
} satisfies RuleCases;
