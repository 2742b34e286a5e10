import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkRepository } from '../check/check-repository.ts';
import { ConfigError } from '../check/config.ts';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.ts';
import { reportText } from '../diagnostics/report-text.ts';
import type { SourceStore } from '../diagnostics/sources.ts';
import { renderedDocuments } from '../kinds/index.ts';
import type { DocumentKind } from '../model/kinds.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { markdownRenderer } from '../render/markdown-of.ts';
import { renderDocument, type RenderedDocument } from '../render/render-document.ts';
import { TemplateError } from '../render/template-error.ts';
import { loadTemplates, type TemplateSet } from '../render/templates.ts';

/**
 * A revision that cannot be rendered: a file is not valid YAML or breaks its schema, the
 * configuration is broken, or a template is. The report is what `npm run check` (or `npm run
 * build`) would say about it.
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
  /** Everything `npm run check` finds in the revision, its .aftalerrc.json applied. */
  findings: Diagnostic[];
  /** Where the findings' offsets are resolved to line:col. */
  sources: SourceStore;
  /** How many files the check read, for the report's summary line. */
  files: number;
}

const templateReport = (error: TemplateError) => `${error.file}:${error.line}:${error.column}  fejl  ${error.rule}  ${error.message}\n`;

/**
 * Loads and checks a revision as `npm run check` does. Unlike the build, a rule's error does not
 * stop it: a reviewer needs the redline most when a change breaks a rule, so the revision is
 * rendered whenever it can be at all, and the findings travel with it. What stops it is what
 * makes rendering impossible: YAML or schema errors (a document the loader could not read) and
 * a broken configuration or template.
 */
export async function loadSnapshot(root: string, label: string, today: string): Promise<Snapshot> {
  let checked;
  try {
    checked = await checkRepository(root, { today, markdown: markdownRenderer(root) });
  } catch (error) {
    if (error instanceof ConfigError) throw new SnapshotError(label, `${error.message}\n`);
    throw error;
  }
  const { load, repo, diagnostics } = checked;
  const errorReport = (only: readonly Diagnostic[]) =>
    reportText(
      only.filter((d) => d.severity === 'error'),
      load.sources,
      { files: load.files, documents: [] },
    );
  if (hasErrors(load.diagnostics)) {
    throw new SnapshotError(label, errorReport(diagnostics));
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
        // Data that breaks a rule may also be data a template cannot render (a reference to a
        // document that does not exist): then the findings say why. Without findings it is a bug.
        if (hasErrors(diagnostics)) throw new SnapshotError(label, errorReport(diagnostics));
        throw error;
      }
    },
    findings: diagnostics,
    sources: load.sources,
    files: load.files,
  };
}
