import { anmodning, bilagDoc as doc, delingsaftale, hsa, sag } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const h = hsa();
const deling = delingsaftale();
const anm = anmodning();
const newerAndNone = sag({
  underpunkter: [],
  bilag: [doc('hsa-holbaek-akutsygepleje', '2026-03-01'), doc('delingsaftale-holbaek'), doc('anmodning-holbaek-akutsygepleje')],
});
const withoutVersions = sag({ underpunkter: [], bilag: [doc('hsa-holbaek-akutsygepleje', null), doc('anmodning-holbaek-akutsygepleje', null)] });

export default {
  rule: 'bilag/forkert-version',
  valid: [
    {
      name: 'accepts the same version, and does not repeat the stale finding',
      files: [
        hsa({ version: '2026-03-01' }),
        delingsaftale({ version: '2026-05-01' }),
        sag({ underpunkter: [], bilag: [doc('hsa-holbaek-akutsygepleje', '2026-02-24'), doc('delingsaftale-holbaek', '2026-05-01')] }),
      ],
    },
  ],
  invalid: [
    {
      name: 'reports a newer version than the document has, and documents without a version',
      files: [h, deling, anm, newerAndNone],
      errors: [
        {
          at: `${newerAndNone.file}:23:14`,
          message: `Sagen vedlægger V20260301 af »hsa-holbaek-akutsygepleje«, men dokumentet (${h.file}) er V20260224; den nyere version findes ikke`,
          related: [`${h.file}:4:10 dokumentets gældende version`],
        },
        {
          at: `${newerAndNone.file}:25:14`,
          message: /men dokumentet \(agreements\/delingsaftale-holbaek\.yaml\) har ingen version/,
          related: [`${deling.file}:4:10 version er ikke udfyldt`],
        },
        {
          at: `${newerAndNone.file}:27:5`,
          message: `»anmodning-holbaek-akutsygepleje« (${anm.file}) har ingen versioner; fjern »version« fra bilaget`,
          related: [`${anm.file}:2:5 dokumentet`],
        },
      ],
    },
    {
      name: 'wants a version for an agreement, and none for an anmodning',
      files: [h, anm, withoutVersions],
      errors: [
        {
          at: `${withoutVersions.file}:22:15`,
          message: 'Angiv hvilken version af »hsa-holbaek-akutsygepleje« sagen vedlægger (»version: 2026-02-24«)',
          related: [`${h.file}:4:10 dokumentets gældende version`],
        },
      ],
    },
  ],
} satisfies RuleCases;
