import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkRepository } from '../check/check-repository.ts';
import { hasErrors } from '../diagnostics/diagnostic.ts';
import { reportText } from '../diagnostics/report-text.ts';
import { renderedDocuments } from '../kinds/index.ts';
import type { DocumentKind } from '../model/kinds.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { renderDocument, type RenderedDocument } from '../render/render-document.ts';
import { TemplateError } from '../render/template-error.ts';
import { loadTemplates, type TemplateSet } from '../render/templates.ts';

/**
 * A revision that cannot be rendered: its data has errors or a template is broken. The report
 * is what `npm run check` (or `npm run build`) would say about it.
 */
export class SnapshotError extends Error {
  constructor(
    readonly label: string,
    readonly report: string,
  ) {
    super(`${label} kan ikke dannes`);
  }
}

/** One side of a comparison: a folder with agreements/, schemas/ and templates/, loaded. */
export interface Snapshot {
  label: string;
  root: string;
  repo: Repository;
  templates: TemplateSet;
  documents: Map<string, SourceDocument<DocumentKind>>;
  /** File contents, read once; what »the inputs did not change« is decided on. */
  bytes(file: string): Buffer | undefined;
  render(doc: SourceDocument<DocumentKind>): RenderedDocument;
}

const templateReport = (error: TemplateError) => `${error.file}:${error.line}:${error.column}  fejl  ${error.rule}  ${error.message}\n`;

/** Loads and checks a revision the way `npm run build` does: any error stops it. */
export async function loadSnapshot(root: string, label: string, today: string): Promise<Snapshot> {
  const { load, repo, diagnostics } = await checkRepository(root, { today });
  if (hasErrors(diagnostics)) {
    const errors = diagnostics.filter((d) => d.severity === 'error');
    throw new SnapshotError(label, reportText(errors, load.sources, { files: load.files, documents: [] }));
  }
  let templates: TemplateSet;
  try {
    templates = loadTemplates(root);
  } catch (error) {
    if (error instanceof TemplateError) throw new SnapshotError(label, templateReport(error));
    throw error;
  }
  const cache = new Map<string, Buffer | undefined>();
  const documents = new Map(renderedDocuments(repo).map((d) => [d.data.id, d]));
  return {
    label,
    root,
    repo,
    templates,
    documents,
    bytes(file) {
      if (!cache.has(file)) {
        let content: Buffer | undefined;
        try {
          content = readFileSync(path.join(root, file));
        } catch {
          content = undefined; // a file that does not exist differs from every file that does
        }
        cache.set(file, content);
      }
      return cache.get(file);
    },
    render(doc) {
      try {
        return renderDocument(repo, templates, doc);
      } catch (error) {
        if (error instanceof TemplateError) throw new SnapshotError(label, templateReport(error));
        throw error;
      }
    },
  };
}
