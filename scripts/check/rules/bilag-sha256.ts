import { defineRule } from '../rule.ts';
import { canonical } from './support/documents.ts';
import { resolveExternal } from './support/external-files.ts';

export default defineRule({
  id: 'bilag/sha256',
  severity: 'error',
  locked: true,
  description: 'Et eksternt bilags fil har den SHA-256, sagen angiver, så bilaget er præcis den fil, der blev vedlagt.',
  citation: 'Projektets datamodel (schemas/sag.schema.json, bilag.eksternt.sha256)',
  check({ repo, files, report }) {
    if (!files) return;
    for (const sag of canonical(repo, 'sag')) {
      for (const [i, b] of sag.data.bilag.entries()) {
        if (!b.eksternt?.fil || !b.eksternt.sha256) continue;
        const resolved = resolveExternal(files, sag.file, b.eksternt.fil);
        if (!resolved.ok) continue; // bilag/ekstern-fil says why
        const actual = files.sha256(resolved.file);
        if (actual === b.eksternt.sha256) continue;
        report({
          doc: sag,
          path: ['bilag', i, 'eksternt', 'sha256'],
          message: `Filen »${resolved.file}« har SHA-256 ${actual}, ikke den angivne; filen er ændret efter vedlæggelsen, eller sha256 skal opdateres`,
          related: [{ doc: sag, path: ['bilag', i, 'eksternt', 'fil'], message: 'filen' }],
        });
      }
    }
  },
});
