import { SAFE_NAME } from '../../model/names.ts';
import { defineRule } from '../rule.ts';

/*
 * Names that become folder and file names in out/ (emit/layout.ts): a document's id, a kommune's
 * code and slug, a sundhedsråd's id, a case's sundhedsråd. The schemas restrict them too, but a
 * pull request can loosen a schema in the same commit; this rule keeps `../` and `/` out of every
 * path a build writes, whatever the schemas say.
 */

const show = (value: unknown) => JSON.stringify(value).slice(1, -1);

export default defineRule({
  id: 'ref/sti-navn',
  severity: 'error',
  locked: true,
  description:
    'Id’er, kommunekoder, slugs og sundhedsråd, som bliver til mappe- og filnavne i out/, består kun af små bogstaver a–z, cifre og enkelte bindestreger.',
  citation: 'Projektets outputlayout (README, Output): out/<sundhedsråd>/<kode>-<slug>/<id>.pdf',
  check({ repo, report }) {
    const check = (value: unknown, place: { doc: (typeof repo.documents)[number]; path: Array<string | number> }, what: string) => {
      if (typeof value === 'string' && SAFE_NAME.test(value)) return;
      report({
        ...place,
        message: `${what} »${show(value)}« bliver en del af en sti i out/ og må kun bestå af små bogstaver a–z, cifre og enkelte bindestreger`,
      });
    };
    for (const doc of repo.documents) {
      const data = doc.data as { id?: unknown; sundhedsraad?: unknown; kommuner?: unknown };
      check(data.id, { doc, path: ['id'] }, 'Id’et');
      if (doc.kind === 'sag') check(data.sundhedsraad, { doc, path: ['sundhedsraad'] }, 'Sundhedsrådet');
    }
    for (const doc of repo.ofKind('region')) {
      for (const [i, raad] of doc.data.sundhedsraad.entries()) check(raad.id, { doc, path: ['sundhedsraad', i, 'id'] }, 'Sundhedsrådets id');
      for (const [i, kommune] of doc.data.kommuner.entries()) {
        check(kommune.kode, { doc, path: ['kommuner', i, 'kode'] }, 'Kommunekoden');
        check(kommune.slug, { doc, path: ['kommuner', i, 'slug'] }, 'Kommunens slug');
      }
    }
  },
});
