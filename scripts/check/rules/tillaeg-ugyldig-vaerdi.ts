import { applyChanges, lookupPath, splitPath } from '../../model/amendments.ts';
import { pointerToPath } from '../../basics/locate.ts';
import { mapAjvError } from '../../validate/messages.ts';
import { defineRule } from '../rule.ts';
import { TILLAEG_CITATION, amendedTillaeg } from './support/amendments.ts';

export default defineRule({
  id: 'tillaeg/ugyldig-vaerdi',
  severity: 'error',
  locked: true,
  description: 'Aftalen med et tillægs ændringer er stadig gyldig efter aftalens skema: hver ny værdi har den type og form, feltet kræver.',
  citation: TILLAEG_CITATION,
  check({ repo, validators, report }) {
    if (!validators) return;
    for (const { doc, base } of amendedTillaeg(repo)) {
      // Only the changes to fields that exist (tillaeg/ukendt-felt reports the others).
      const changes = doc.data.aendringer.felter.map((c, i) => ({ c, i })).filter(({ c }) => lookupPath(base.doc.data, c.sti).found);
      if (changes.length === 0) continue;
      const validate = validators[base.doc.kind];
      if (
        validate(
          applyChanges(
            base.doc.data,
            changes.map(({ c }) => c),
          ),
        )
      )
        continue;
      const seen = new Set<string>();
      for (const error of validate.errors ?? []) {
        const errorPath = pointerToPath(error.instancePath);
        const mapped = mapAjvError(error, errorPath);
        if (!mapped) continue;
        // The change that put the value there: the longest sti that the error's path lies in (or that lies in it).
        const owner = changes
          .filter(({ c }) => {
            const sti = splitPath(c.sti).map(String);
            const n = Math.min(sti.length, errorPath.length);
            return sti.slice(0, n).join('.') === errorPath.slice(0, n).join('.');
          })
          .sort((a, b) => b.c.sti.length - a.c.sti.length)[0];
        if (!owner) continue;
        const key = `${owner.i}|${mapped.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        report({
          doc,
          path: ['aendringer', 'felter', owner.i, 'vaerdi'],
          message: `Den nye værdi for »${owner.c.sti}« passer ikke til aftalen: ${mapped.message}`,
        });
      }
    }
  },
});
