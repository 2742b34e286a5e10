import { defineRule } from '../rule.ts';
import { canonical } from './support/documents.ts';
import { resolveExternal } from './support/external-files.ts';

export default defineRule({
  id: 'bilag/ekstern-fil',
  formerId: 'bilag/external-file',
  severity: 'error',
  locked: true,
  description: 'Et eksternt bilags fil findes som almindelig fil i repository’et (relativ sti, ingen .. ud af repository’et, ingen symbolske links).',
  citation: 'Projektets datamodel (schemas/sag.schema.json, bilag.eksternt.fil)',
  check({ repo, files, report }) {
    if (!files) return; // no files to look in (the caller offers none)
    for (const sag of canonical(repo, 'sag')) {
      for (const [i, b] of sag.data.bilag.entries()) {
        if (!b.eksternt?.fil) continue;
        const resolved = resolveExternal(files, sag.file, b.eksternt.fil);
        if (!resolved.ok) report({ doc: sag, path: ['bilag', i, 'eksternt', 'fil'], message: resolved.message });
      }
    }
  },
});
