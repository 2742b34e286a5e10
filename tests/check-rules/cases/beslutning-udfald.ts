import { sag } from '../documents.ts';
import type { RuleCases } from '../rule-tester.ts';

const decided = (...lines: string[]) => sag({ underpunkter: [], moede: '2026-02-26', extra: ['beslutninger:', ...lines] });
const council = ['  - organ: sundhedsraad', '    dato: 2026-02-26', '    udfald: tiltraadt', '    protokol: Sundhedsrådet, punkt 3'];
const region = (dato: string, udfald: string, ...more: string[]) => [
  '  - organ: regionsraad',
  `    dato: ${dato}`,
  `    udfald: ${udfald}`,
  '    protokol: Forberedende Regionsråd, punkt 12',
  ...more,
];
const change = ['    aendringer:', '      - opgave: akutsygepleje', '        driftsmodel: regional', '        kommuner: ["350"]'];

const withoutChanges = decided(...council, ...region('2026-03-17', 'tiltraadt-med-aendringer'));
const changesButAdopted = decided(...council, ...region('2026-03-17', 'tiltraadt', ...change));
const beforeMeeting = decided(...region('2026-02-20', 'tiltraadt'));
const beforeCouncil = sag({ underpunkter: [], extra: ['beslutninger:', ...council, ...region('2026-02-25', 'tiltraadt')] });

export default {
  rule: 'beslutning/udfald',
  valid: [
    {
      name: 'accepts the sundhedsråd, then the regionsråd with its ændringer',
      files: [decided(...council, ...region('2026-03-17', 'tiltraadt-med-aendringer', ...change))],
    },
    {
      name: 'accepts a case without decisions, and one put off',
      files: [sag({ underpunkter: [] }), sag({ second: true, id: 'sag-test-2', underpunkter: [], extra: ['beslutninger:', ...region('2026-03-17', 'udsat')] })],
    },
  ],
  invalid: [
    {
      name: 'reports »tiltrådt med ændringer« without ændringer, at the udfald',
      files: [withoutChanges],
      errors: [{ at: `${withoutChanges.file}:29:13`, message: /^Udfaldet er »tiltraadt-med-aendringer«, men beslutningen har ingen »aendringer«/ }],
    },
    {
      name: 'reports ændringer on a decision adopted without them, at the key',
      files: [changesButAdopted],
      errors: [
        {
          at: `${changesButAdopted.file}:31:5`,
          message: 'Beslutningen har »aendringer«, men udfaldet er »tiltraadt«; ændringer gælder kun ved udfaldet »tiltraadt-med-aendringer«',
        },
      ],
    },
    {
      name: 'reports a decision before the meeting that treats the case',
      files: [beforeMeeting],
      errors: [
        {
          at: `${beforeMeeting.file}:24:11`,
          message: 'Beslutningen er dateret 20. februar 2026, før sundhedsrådets møde 26. februar 2026, hvor sagen behandles',
          related: [`${beforeMeeting.file}:8:9 sundhedsrådets møde`],
        },
      ],
    },
    {
      name: 'reports the regionsråd deciding before the sundhedsråd recommended',
      files: [beforeCouncil],
      errors: [
        {
          at: `${beforeCouncil.file}:28:11`,
          message: /^Regionsrådets beslutning er dateret 25\. februar 2026, før sundhedsrådets beslutning 26\. februar 2026/,
        },
      ],
    },
  ],
} satisfies RuleCases;
