/**
 * Two stages of a document on their own, measured in this process, for every document a build
 * renders: the Markdown stage (template, syntax tree, data, clause numbers and the normalised
 * text: renderDocument) and the Word stage (that tree → .docx bytes, as the build makes them:
 * documentDocx). Without the PDF, the seal or the process around them: the figures the build's
 * own total hides. The PDF and the seal are the rest of a document's CPU in the full build.
 */
import { documentTitle, renderedDocuments } from '../kinds/index.ts';
import { loadRepository } from '../load/load-repository.ts';
import { Repository } from '../model/repository.ts';
import { documentAuthor } from '../pipeline/context.ts';
import { documentDocx } from '../pipeline/render-output.ts';
import { renderDocument } from '../render/render-document.ts';
import { loadTemplates } from '../render/templates.ts';
import { compileValidators } from '../validate/schemas.ts';

interface StageFigures {
  documents: number;
  /** CPU milliseconds per document of the timed pass (this process, all threads). */
  cpuPerDocumentMs: number;
  wallPerDocumentMs: number;
  /** CPU per document of the first pass: code compiled and caches filled, as a build's first documents pay. */
  firstPassCpuPerDocumentMs: number;
}

export type MarkdownStage = StageFigures;

export interface WordStage extends StageFigures {
  /** Mean size of a document's .docx. */
  bytesPerDocument: number;
}

interface Pass {
  cpuMs: number;
  wallMs: number;
}

async function pass(work: () => unknown): Promise<Pass> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { cpuMs: (used.user + used.system) / 1000, wallMs };
}

/**
 * Every document twice: the first pass pays for compiling the code and filling the caches (the
 * templates, each template shape parsed once), as a build's first documents do; the second is the
 * stage as it runs for the rest of a build, warm.
 */
async function twice(documents: number, work: () => unknown): Promise<StageFigures> {
  const first = await pass(work);
  const warm = await pass(work);
  const n = Math.max(1, documents);
  return { documents, cpuPerDocumentMs: warm.cpuMs / n, wallPerDocumentMs: warm.wallMs / n, firstPassCpuPerDocumentMs: first.cpuMs / n };
}

/** Loads the repository as the build does (not timed), then times the two stages. */
export async function measureStages(root: string): Promise<{ markdown: MarkdownStage; word: WordStage }> {
  const load = await loadRepository(root, compileValidators(root));
  const repo = new Repository(load.documents);
  const templates = loadTemplates(root);
  const docs = renderedDocuments(repo);
  const markdown = await twice(docs.length, () => {
    for (const doc of docs) renderDocument(repo, templates, doc);
  });

  // The trees the Word stage starts from, made before it is timed.
  const ctx = { author: documentAuthor(repo), commit: null };
  const inputs = docs.map((doc) => ({ rendered: renderDocument(repo, templates, doc), infoTitle: documentTitle(repo, doc) }));
  let bytes = 0;
  const word = await twice(inputs.length, async () => {
    bytes = 0;
    for (const { rendered, infoTitle } of inputs) bytes += (await documentDocx(ctx, rendered, infoTitle)).length;
  });
  return { markdown, word: { ...word, bytesPerDocument: bytes / Math.max(1, inputs.length) } };
}
