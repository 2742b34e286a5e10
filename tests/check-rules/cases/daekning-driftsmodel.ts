import { fullCase, otherCoverageQuiet, sag, SEVEN, type UnderpunktOption } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

/**
 * Coverage of a case's indstilling, on the full Midt- og Vestsjælland fixture: eight kommuner,
 * 24 HSAs, eight delingsaftaler. With the default underpunkter the case's lines are:
 * a) akutsygepleje kommunal 19–21 (driftsmodel 21:24), b) sundheds- og omsorgspladser 22–24,
 * c) patientrettet forebyggelse 25–27, d) specialiseret rehabilitering regional 28–30 (30:24).
 */
const SAG = 'agreements/sag-test.yaml';

const undecided: UnderpunktOption[] = [
  { opgave: 'akutsygepleje', driftsmodel: 'kommunal' },
  { opgave: 'sundheds-og-omsorgspladser', driftsmodel: 'kommunal' },
  { opgave: 'patientrettet-forebyggelse', driftsmodel: 'kommunal', kommuner: SEVEN },
];
const twice: UnderpunktOption[] = [
  { opgave: 'akutsygepleje', driftsmodel: 'kommunal' },
  { opgave: 'sundheds-og-omsorgspladser', driftsmodel: 'kommunal' },
  { opgave: 'patientrettet-forebyggelse', driftsmodel: 'kommunal' },
  { opgave: 'specialiseret-rehabilitering', driftsmodel: 'regional' },
  { opgave: 'akutsygepleje', driftsmodel: 'regional', kommuner: ['326', '350'] },
  { opgave: 'patientrettet-forebyggelse', driftsmodel: 'kommunal' },
];
const foreign: UnderpunktOption[] = [
  { opgave: 'akutsygepleje', driftsmodel: 'kommunal', kommuner: ['316', '147'] },
  { opgave: 'akutsygepleje', driftsmodel: 'kommunal', kommuner: SEVEN.slice(1).concat('350') },
  { opgave: 'sundheds-og-omsorgspladser', driftsmodel: 'kommunal' },
  { opgave: 'patientrettet-forebyggelse', driftsmodel: 'kommunal' },
  { opgave: 'specialiseret-rehabilitering', driftsmodel: 'regional' },
];

export default {
  rule: 'daekning/driftsmodel',
  valid: [
    { name: 'the full fixture passes every coverage rule (and every other rule)', files: fullCase(), others: 'all' },
    { name: 'leaves a case that decides no operating model alone', files: [sag({ underpunkter: [] })], others: otherCoverageQuiet('daekning/driftsmodel') },
  ],
  invalid: [
    {
      name: 'reports an opgave the indstilling does not decide, at the indstilling, per opgave',
      files: fullCase({ sag: { underpunkter: undecided } }),
      errors: [
        {
          at: `${SAG}:14:1`,
          message:
            'Indstillingen afgør ikke driften af patientrettet forebyggelse for Lejre Kommune; hver kommune i Sundhedsråd Midt- og Vestsjælland skal have én driftsmodel for hver opgave',
        },
        {
          at: `${SAG}:14:1`,
          message:
            'Indstillingen afgør ikke driften af specialiseret rehabilitering og dele af den avancerede genoptræning for nogen af sundhedsrådets kommuner; hver kommune i Sundhedsråd Midt- og Vestsjælland skal have én driftsmodel for hver opgave',
        },
      ],
    },
    {
      // e) on 31–34, its kommuner on 34 (»"326"« at col 22); f) on 35–37, its opgave on 36:19.
      name: 'reports a second decision for the same kommune and opgave at the later underpunkt, naming the first',
      files: fullCase({ sag: { underpunkter: twice } }),
      errors: [
        {
          at: `${SAG}:34:22`,
          message:
            'Driften af akutsygepleje for Kalundborg Kommune og Lejre Kommune er allerede afgjort i underpunkt a i punkt 1 (kommunal drift) og afgøres her nu som regional drift',
          related: [`${SAG}:21:24 første afgørelse (underpunkt a i punkt 1)`],
        },
        {
          at: `${SAG}:36:19`,
          message:
            /^Driften af patientrettet forebyggelse for alle sundhedsrådets kommuner er allerede afgjort i underpunkt c i punkt 1 \(kommunal drift\) og afgøres her igen$/,
        },
      ],
    },
    {
      name: 'reports a kommune from another sundhedsråd',
      files: fullCase({ sag: { underpunkter: foreign } }),
      errors: [{ at: `${SAG}:22:29`, message: 'Frederiksberg Kommune hører ikke til Sundhedsråd Midt- og Vestsjælland, som sagen er fra' }],
    },
  ],
} satisfies RuleCases;
