import { kindOf, registry } from '../kinds/index.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { TemplateSet } from './templates.ts';

/**
 * Every file a document's rendering reads: its own data, the reference data (kommuner,
 * opgaver, frister), the other documents its kind says it reads (a case's bilag), and its
 * template with the partials it uses. The one definition of a document's inputs: the build
 * cache keys outputs on these files, the manifest lists them as `sources`, and `npm run diff`
 * skips a document whose inputs are byte-identical — so a file read but missing here would
 * serve a stale PDF. tests/render/inputs.test.ts renders every document with a recording
 * repository and checks that what it reads is listed here.
 */
export function inputsOf(repo: Repository, templates: Pick<TemplateSet, 'filesOf'>, doc: SourceDocument): string[] {
  const kind = kindOf(doc);
  const reference = new Set(registry.reference().map((k) => k.id));
  const files = new Set<string>([
    doc.file,
    ...repo.documents.filter((d) => reference.has(d.kind)).map((d) => d.file),
    ...kind.reads(repo, doc).map((d) => d.file),
  ]);
  return [...[...files].sort(), ...templates.filesOf(kind.template)];
}
