import type { DocumentKind } from '../model/kinds.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { renderDocument } from './render-document.ts';
import { TemplateError } from './template-error.ts';
import { loadTemplates, type TemplateSet } from './templates.ts';

/** A document's Markdown, or why it cannot be rendered: one Danish line with the template's position. */
type MarkdownResult = { markdown: string } | { problem: string };

const problemOf = (error: TemplateError): MarkdownResult => ({ problem: `${error.file}:${error.line}:${error.column}: ${error.message}` });

/**
 * The renderer the check hands to the rule that compares signed agreements with their `laast`
 * fingerprint (check/rule.ts, MarkdownOf): a document's Markdown exactly as the build renders it
 * (renderDocument, the repository's templates, partials and reference data). The templates are
 * loaded on the first document asked for, once, so a check without signed agreements never
 * loads them. `load` defaults to the templates on disk under `root`.
 */
export function markdownRenderer(
  root: string,
  load: () => TemplateSet = () => loadTemplates(root),
): (repo: Repository) => (doc: SourceDocument<DocumentKind>) => MarkdownResult {
  let templates: TemplateSet | { problem: string } | undefined;
  const loaded = (): TemplateSet | { problem: string } => {
    if (templates !== undefined) return templates;
    try {
      templates = load();
    } catch (error) {
      if (error instanceof TemplateError) templates = problemOf(error) as { problem: string };
      // A missing templates/ folder: the build stops on it too.
      else if (error instanceof Error && 'code' in error && error.code === 'ENOENT') templates = { problem: 'skabelonerne i templates/ kan ikke læses' };
      else throw error;
    }
    return templates;
  };
  return (repo) => (doc) => {
    const set = loaded();
    if ('problem' in set) return set;
    try {
      return { markdown: renderDocument(repo, set, doc).markdown };
    } catch (error) {
      if (error instanceof TemplateError) return problemOf(error);
      throw error;
    }
  };
}
