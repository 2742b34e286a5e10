import { defineRule } from '../rule.ts';
import { danishDate } from './support/calendar.ts';
import { canonical } from './support/documents.ts';

/**
 * A case's recorded decisions say what they claim: ændringer only with »tiltrådt med
 * ændringer« (and such an udfald names its ændringer), and no decision before the meeting that
 * treats the case, nor the regionsråd's before the sundhedsråd's recommendation it decides on.
 */
export default defineRule({
  id: 'beslutning/udfald',
  severity: 'error',
  locked: true,
  description:
    'En sags beslutninger hænger sammen: ændringer kun ved udfaldet tiltrådt med ændringer (og det udfald har ændringer), og ingen beslutning før sundhedsrådets møde eller, for regionsrådet, før sundhedsrådets egen beslutning.',
  citation: 'Sag EMN-2025-10366, indstilling (»Sagen afgøres af det Forberedende Regionsråd«) og videre proces',
  check({ repo, report }) {
    for (const sag of canonical(repo, 'sag')) {
      const list = sag.data.beslutninger ?? [];
      const council = list.find((b) => b.organ === 'sundhedsraad');
      for (const [i, b] of list.entries()) {
        const at = ['beslutninger', i];
        const changes = b.aendringer ?? [];
        if (b.udfald === 'tiltraadt-med-aendringer' && changes.length === 0) {
          report({
            doc: sag,
            path: [...at, 'udfald'],
            message:
              'Udfaldet er »tiltraadt-med-aendringer«, men beslutningen har ingen »aendringer«; skriv de besluttede driftsmodeller under »aendringer«, eller brug »tiltraadt«',
          });
        }
        if (b.udfald !== 'tiltraadt-med-aendringer' && changes.length > 0) {
          report({
            doc: sag,
            path: [...at, 'aendringer'],
            target: 'key',
            message: `Beslutningen har »aendringer«, men udfaldet er »${b.udfald}«; ændringer gælder kun ved udfaldet »tiltraadt-med-aendringer«`,
          });
        }
        const meeting = sag.data.moede.dato;
        if (meeting !== null && b.dato < meeting) {
          report({
            doc: sag,
            path: [...at, 'dato'],
            message: `Beslutningen er dateret ${danishDate(b.dato)}, før sundhedsrådets møde ${danishDate(meeting)}, hvor sagen behandles`,
            related: [{ doc: sag, path: ['moede', 'dato'], message: 'sundhedsrådets møde' }],
          });
        } else if (b.organ === 'regionsraad' && council && b.dato < council.dato) {
          report({
            doc: sag,
            path: [...at, 'dato'],
            message: `Regionsrådets beslutning er dateret ${danishDate(b.dato)}, før sundhedsrådets beslutning ${danishDate(council.dato)}, som den tager stilling til`,
            related: [{ doc: sag, path: ['beslutninger', list.indexOf(council), 'dato'], message: 'sundhedsrådets beslutning' }],
          });
        }
      }
    }
  },
});
