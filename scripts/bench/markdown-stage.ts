/**
 * The Markdown stage on its own, measured in this process: template, syntax tree, data, clause
 * numbers and the normalised text (renderDocument) for every document a build renders, without
 * the PDF, the seal or the process around them. The figure the build's own total hides.
 */
import { renderedDocuments } from '../kinds/index.ts';
import { loadRepository } from '../load/load-repository.ts';
import { Repository } from '../model/repository.ts';
import { renderDocument } from '../render/render-document.ts';
import { loadTemplates } from '../render/templates.ts';
import { compileValidators } from '../validate/schemas.ts';

export interface MarkdownStage {
  documents: number;
  /** CPU milliseconds per document of the timed pass (this process, all threads). */
  cpuPerDocumentMs: number;
  wallPerDocumentMs: number;
  /** CPU per document of the first pass: templates compiled, texts parsed for the first time. */
  firstPassCpuPerDocumentMs: number;
}

function pass(render: () => void): { cpuMs: number; wallMs: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  render();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs };
}

/**
 * Loads the repository as the build does (not timed), then renders every document twice: the
 * first pass pays for compiling the templates and parsing each template shape once, as a build's
 * first documents do; the second is the stage as it runs for the rest of a build, warm.
 */
export async function measureMarkdownStage(root: string): Promise<MarkdownStage> {
  const load = await loadRepository(root, compileValidators(root));
  const repo = new Repository(load.documents);
  const templates = loadTemplates(root);
  const docs = renderedDocuments(repo);
  const renderAll = () => {
    for (const doc of docs) renderDocument(repo, templates, doc);
  };
  const first = pass(renderAll);
  const warm = pass(renderAll);
  const n = Math.max(1, docs.length);
  return {
    documents: docs.length,
    cpuPerDocumentMs: warm.cpuMs / n,
    wallPerDocumentMs: warm.wallMs / n,
    firstPassCpuPerDocumentMs: first.cpuMs / n,
  };
}
