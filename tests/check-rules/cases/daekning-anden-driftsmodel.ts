import { delingsaftale, fullBilag, fullCase, hsa, sag } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const rehabHsa = hsa({ kommune: '350', opgave: 'specialiseret-rehabilitering' });
const lejreAkut = 'agreements/hsa-lejre-akutsygepleje.yaml';

/** The regionsråd adopts the case with one change: Lejre's akutsygepleje goes to the region. */
const changedForLejre = [
  'beslutninger:',
  '  - organ: sundhedsraad',
  '    dato: 2026-02-24',
  '    udfald: tiltraadt',
  '    protokol: Sundhedsrådets møde, punkt 1',
  '  - organ: regionsraad',
  '    dato: 2026-03-17',
  '    udfald: tiltraadt-med-aendringer',
  '    protokol: Forberedende Regionsråd, punkt 12',
  '    aendringer:',
  '      - opgave: akutsygepleje',
  '        driftsmodel: regional',
  '        kommuner: ["350"]',
];

/** A later case decides one pair again: Lejre's akutsygepleje becomes regional. */
const laterCase = sag({
  second: true,
  id: 'sag-test-2',
  moede: '2026-09-01',
  underpunkter: [{ opgave: 'akutsygepleje', driftsmodel: 'regional', kommuner: ['350'] }],
  extra: ['beslutninger:', '  - organ: regionsraad', '    dato: 2026-09-15', '    udfald: tiltraadt', '    protokol: Regionsrådet, punkt 4'],
});
const lejreDeling = delingsaftale({
  kommune: '350',
  opgaver: [
    ['specialiseret-rehabilitering', 'drift'],
    ['akutsygepleje', 'drift'],
    ['sundheds-og-omsorgspladser', 'myndighedsansvar'],
    ['patientrettet-forebyggelse', 'myndighedsansvar'],
  ],
});

/** The later case, with other decisions recorded on it. */
const laterWith = (beslutninger: string[]) =>
  sag({
    second: true,
    id: 'sag-test-2',
    moede: '2026-09-01',
    underpunkter: [{ opgave: 'akutsygepleje', driftsmodel: 'regional', kommuner: ['350'] }],
    extra: ['beslutninger:', ...beslutninger],
  });
const decidedFirst = [
  'beslutninger:',
  '  - organ: regionsraad',
  '    dato: 2026-03-17',
  '    udfald: tiltraadt',
  '    protokol: Forberedende Regionsråd, punkt 12',
];

export default {
  rule: 'daekning/anden-driftsmodel',
  valid: [
    { name: 'accepts documents that match the decisions in force', files: fullCase() },
    {
      name: 'accepts the pair moved to the region by a later decided case, its HSA gone and the delingsaftale carrying the drift',
      files: [
        ...fullCase({
          skipHsa: ['hsa-lejre-akutsygepleje'],
          skipDelingsaftale: ['350'],
          sag: { bilag: fullBilag().filter((b) => !('dokument' in b && b.dokument === 'hsa-lejre-akutsygepleje')) },
        }),
        lejreDeling,
        laterCase,
      ],
      others: { 'daekning/hsa': [], 'daekning/driftsmodel': [], 'daekning/delingsaftale-drift': [], 'daekning/delingsaftale-myndighed': [] },
    },
    {
      name: 'a later case the regionsråd rejected decides nothing: the HSA stays',
      files: [...fullCase(), laterWith(['  - organ: regionsraad', '    dato: 2026-09-15', '    udfald: forkastet', '    protokol: Regionsrådet, punkt 4'])],
      others: { 'daekning/hsa': [] },
    },
    {
      name: 'a decided case is not overridden by a later case that is only indstillet (put off by the regionsråd)',
      files: [
        ...fullCase({ sag: { extra: decidedFirst } }),
        laterWith(['  - organ: regionsraad', '    dato: 2026-09-15', '    udfald: udsat', '    protokol: Regionsrådet, punkt 4']),
      ],
      others: { 'daekning/hsa': [] },
    },
  ],
  invalid: [
    {
      name: 'reports an HSA for a pair the case gives regional drift, at the HSA, naming the case and underpunkt',
      files: [...fullCase(), rehabHsa],
      errors: [
        {
          at: `${rehabHsa.file}:7:9`,
          message:
            /^Sag EMN-2026-1 \(underpunkt d i punkt 1; indstillet, endnu ikke besluttet\) giver Lejre Kommune regional drift af .*, men dette dokument hører til kommunal drift/,
          related: ['agreements/sag-test.yaml:30:24 underpunkt d i punkt 1 i sag EMN-2026-1'],
        },
      ],
    },
    {
      name: 'reports the HSA a decision with changes made superfluous, naming the decision',
      files: fullCase({ sag: { extra: changedForLejre } }),
      errors: [
        {
          at: `${lejreAkut}:7:9`,
          message: /^Sag EMN-2026-1 \(underpunkt a i punkt 1; besluttet 17\. marts 2026 med ændringer\) giver Lejre Kommune regional drift af akutsygepleje/,
        },
      ],
    },
    {
      name: 'reports the HSA a later decided case made superfluous',
      files: [...fullCase(), laterCase],
      errors: [
        { at: `${lejreAkut}:7:9`, message: /^Sag EMN-2026-2 \(underpunkt a i punkt 1; besluttet 15\. september 2026\) giver Lejre Kommune regional drift/ },
      ],
    },
  ],
} satisfies RuleCases;
