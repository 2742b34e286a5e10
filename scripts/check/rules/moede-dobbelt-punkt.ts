import { defineRule } from '../rule.ts';
import { canonical } from '../../model/canonical.ts';
import type { SourceDocument } from '../../model/source-document.ts';
import { danishDate } from './support/calendar.ts';

/**
 * One number, one item on an agenda: two cases of the same sundhedsråd's meeting (same date)
 * may not both be punkt 3, or the minutes and the kommuner's bundles would cite one number for
 * two decisions. Cases whose meeting date is not known yet are not compared. Reported once, at
 * the later file (by path), pointing at the first.
 */
export default defineRule({
  id: 'moede/dobbelt-punkt',
  severity: 'error',
  description: 'To sager til samme møde i et sundhedsråd (samme dato) har ikke samme punktnummer på dagsordenen.',
  citation: 'Sag EMN-2025-10366, dagsordenens punktnummer (hvert punkt på et møde har sit eget nummer)',
  check({ repo, report }) {
    const first = new Map<string, SourceDocument<'sag'>>();
    const sager = [...canonical(repo, 'sag')].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    for (const doc of sager) {
      const { sundhedsraad, moede, punkt } = doc.data;
      if (moede.dato === null) continue;
      // Ids and dates cannot contain NUL, so the key is never shared by two different meetings.
      const key = `${sundhedsraad}\0${moede.dato}\0${punkt}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, doc);
        continue;
      }
      report({
        doc,
        path: ['punkt'],
        message: `Punkt ${punkt} på sundhedsrådets møde ${danishDate(moede.dato)} er allerede sagen »${earlier.data.id}«; giv sagen sit eget punktnummer`,
        related: [{ doc: earlier, path: ['punkt'], message: `punkt ${punkt} på samme møde` }],
      });
    }
  },
});
