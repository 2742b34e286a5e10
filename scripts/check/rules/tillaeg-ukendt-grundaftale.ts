import { quote, suggest } from '../../basics/quote.ts';
import { baseOf } from '../../kinds/tillaeg.ts';
import { kommuneName, versionLabel } from '../../model/names.ts';
import { defineRule } from '../rule.ts';
import { TILLAEG_CITATION, fieldOf } from './support/amendments.ts';

export default defineRule({
  id: 'tillaeg/ukendt-grundaftale',
  severity: 'error',
  locked: true,
  description:
    'Et tillæg ændrer en aftale, der findes og kan ændres ved tillæg, i en version, aftalen har haft (højst dens gældende version), og hører til aftalens kommune.',
  citation: TILLAEG_CITATION,
  check({ repo, report }) {
    const amendable = repo.documents.filter((d) => baseOf(repo, d.data.id)?.doc === d).map((d) => d.data.id);
    for (const doc of repo.ofKind('tillaeg')) {
      if (repo.byId(doc.data.id) !== doc) continue;
      const { til, til_version, kommune } = doc.data;
      const target = repo.byId(til);
      const base = baseOf(repo, til);
      if (!base) {
        if (!target && repo.isBroken(til)) continue; // its own errors are reported
        const guess = suggest(til, amendable);
        report({
          doc,
          path: ['til'],
          message: target
            ? `${quote(til)} (${target.file}) er ikke en aftale, der kan ændres ved et tillæg; brug id'et på en samarbejdsaftale`
            : `Der findes ingen aftale med id ${quote(til)}${guess ? `; mente du »${guess}«?` : ''}`,
        });
        continue;
      }
      const version = fieldOf(base.doc, 'version');
      if (version === null || version === undefined || til_version > version) {
        report({
          doc,
          path: ['til_version'],
          message:
            version === null || version === undefined
              ? `Aftalen ${til} har ingen version, så tillægget kan ikke ændre ${versionLabel(til_version)}`
              : `Tillægget ændrer ${versionLabel(til_version)} af ${til}, men aftalen er ${versionLabel(version)}; den nyere version findes ikke`,
          related: [{ doc: base.doc, path: ['version'], message: 'aftalens gældende version' }],
        });
      }
      const baseKommune = fieldOf(base.doc, 'kommune');
      if (baseKommune !== kommune) {
        report({
          doc,
          path: ['kommune'],
          message: `Tillægget hører til ${kommuneName(repo, kommune)}, men aftalen ${til} til ${baseKommune ? kommuneName(repo, baseKommune) : 'ingen kommune'}; brug aftalens kommunekode${baseKommune ? ` »${baseKommune}«` : ''}`,
          related: [{ doc: base.doc, path: ['kommune'], message: 'aftalens kommune' }],
        });
      }
    }
  },
});
