import { bilagDoc as doc, hsa, sag } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const newer = hsa({ version: '2026-03-01' });
const older = sag({ underpunkter: [], bilag: [doc('hsa-holbaek-akutsygepleje', '2026-02-24')] });

export default {
  rule: 'bilag/foraeldet-version',
  valid: [
    {
      name: 'accepts the current version',
      files: [hsa({ version: '2026-03-01' }), sag({ underpunkter: [], bilag: [doc('hsa-holbaek-akutsygepleje', '2026-03-01')] })],
    },
    {
      name: 'accepts an older version on a decided case: the case pins what it attached (a later tillæg does not make it stale)',
      files: [
        hsa({ version: '2026-11-01' }),
        sag({
          underpunkter: [],
          bilag: [doc('hsa-holbaek-akutsygepleje', '2026-02-24')],
          extra: [
            'beslutninger:',
            '  - organ: regionsraad',
            '    dato: 2026-03-17',
            '    udfald: tiltraadt',
            '    protokol: Forberedende Regionsråd, punkt 12',
          ],
        }),
      ],
      others: { 'bilag/forkert-version': [] },
    },
  ],
  invalid: [
    {
      name: 'reports a bilag attaching an older version, at its version line, naming the document file',
      files: [newer, older],
      errors: [
        {
          at: `${older.file}:23:14`,
          message: `Sagen vedlægger V20260224 af »hsa-holbaek-akutsygepleje«, men dokumentet (${newer.file}) er nu V20260301; ret bilagets version til 2026-03-01, hvis sagen skal have den nye version med`,
          related: [`${newer.file}:4:10 dokumentets gældende version`],
        },
      ],
    },
  ],
} satisfies RuleCases;
