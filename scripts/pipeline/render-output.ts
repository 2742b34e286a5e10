import { createHash } from 'node:crypto';
import { outputBase } from '../emit/layout.ts';
import { writeDocx } from '../emit/docx/index.ts';
import { writePdfWithContents } from '../emit/pdf-file.ts';
import { NOT_SEALED_LABEL, notSealedClosingLine, notSealedFor, notSealedNotice, type NotSealed } from '../emit/unsealed.ts';
import type { DocumentKind } from '../model/kinds.ts';
import { documentName, documentTitle, type DocumentMeta } from '../kinds/index.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { inputsOf } from '../render/inputs.ts';
import { renderDocument, type RenderedDocument } from '../render/render-document.ts';
import type { RenderContext } from './context.ts';

/** One document's outputs: plain data, so a worker thread can hand it back. */
export interface DocumentOutput {
  id: string;
  kind: DocumentKind;
  /** Output path without extension, under out/. */
  base: string;
  name: string;
  markdown: string;
  pdf: Uint8Array;
  pages: number;
  /** The .docx: the negotiable copy in Word, from the same tree (emit/docx). */
  docx: Uint8Array;
  meta: DocumentMeta;
  sources: string[];
  /** »Udestår« notes in its text. */
  draftingNotes: number;
  /** Set when the PDF was left unsealed (see emit/unsealed.ts); null when it is sealed. */
  notSealed: NotSealed | null;
  /** The render digest: everything the PDF, the .docx and the Markdown are made from (see renderDigest). */
  render: string;
  /**
   * True when the digest was the one the caller offered to reuse (ReuseIf): then no PDF or .docx
   * was made (`pdf` and `docx` are empty, `pages` 0), and the files of that earlier rendering are
   * the outputs.
   */
  unchanged: boolean;
}

/** What the digest is salted with, and outputs made earlier to take over when it is still `render`. */
export interface ReuseIf {
  /** The pipeline fingerprint (code, schemas, fonts, seal), which the digest includes. */
  fingerprint: string;
  render?: string;
}

/**
 * A document's inputs (its YAML and every file it reads: the case of an HSA, the reference data,
 * its templates) decide whether a build looks at it again; this digest decides whether it must
 * be rendered again. It covers what the PDF, the .docx and the Markdown are made from — the
 * Markdown, the body tree and metadata (title block, running header, closing lines, dates),
 * whether it is sealed — plus the pipeline fingerprint. When an HSA's amount changes, the case and the other
 * HSAs of that case are looked at again (the case lists its bilag), but only the changed HSA's
 * digest differs, so only it is rendered: a tenth of the work.
 */
function renderDigest(fingerprint: string, parts: unknown): string {
  return createHash('sha256').update(`render 1\n${fingerprint}\n`).update(JSON.stringify(parts)).digest('hex');
}

/**
 * The .docx of a rendered document: its body and metadata, the title document properties show
 * (documentTitle), the region as author and the commit the data was read from. The bench's Word
 * stage makes it the same way (bench/stages.ts).
 */
export function documentDocx(
  ctx: Pick<RenderContext, 'author' | 'commit'>,
  rendered: Pick<RenderedDocument, 'body' | 'meta'>,
  infoTitle: string,
): Promise<Uint8Array> {
  return writeDocx(rendered.body, { ...rendered.meta, infoTitle, author: ctx.author, commit: ctx.commit });
}

/**
 * Renders one document to Markdown, PDF and .docx; the PDF is sealed unless the seal is the
 * region's and the text still has drafting notes: then the PDF says so under its title and where
 * the seal line would be. The Markdown and the .docx are the same either way.
 */
export async function renderOutput(ctx: RenderContext, doc: SourceDocument<DocumentKind>, reuse?: ReuseIf): Promise<DocumentOutput> {
  const rendered = renderDocument(ctx.repo, ctx.templates, doc);
  const { meta, body, draftingNotes } = rendered;
  const notSealed = notSealedFor(ctx.seal.identity.development, draftingNotes);
  const notice = notSealed && notSealedNotice(notSealed, meta.draft);
  const pdfMeta = {
    ...meta,
    ...(notice ? { titleBlock: [...meta.titleBlock, { label: NOT_SEALED_LABEL, value: notice }], closing: [notSealedClosingLine(notice)] } : {}),
    toc: true,
    // Eight HSAs are »Horisontal samarbejdsaftale om sundheds- og omsorgspladser«: the viewer's title says whose.
    infoTitle: documentTitle(ctx.repo, doc),
    author: ctx.author,
    date: new Date(`${meta.date}T00:00:00Z`),
  };
  const render = renderDigest(reuse?.fingerprint ?? '', { markdown: rendered.markdown, body, pdfMeta, notSealed });
  const unchanged = reuse?.render === render;
  // Contents only for a long document (pdf-file.ts, TOC_FROM_PAGES).
  const pdf = unchanged ? { bytes: new Uint8Array(0), pages: 0 } : await writePdfWithContents(body, pdfMeta, notSealed ? undefined : ctx.seal);
  // Made from what the digest covers (the body and the document's metadata), and the commit, which
  // the digest leaves out on purpose: a document whose text did not change keeps its .docx, and the
  // commit that names is one whose data gives the same text.
  const docx = unchanged ? new Uint8Array(0) : await documentDocx(ctx, rendered, pdfMeta.infoTitle);
  return {
    id: doc.data.id,
    kind: doc.kind,
    base: outputBase(ctx.repo, doc),
    name: documentName(ctx.repo, doc),
    markdown: rendered.markdown,
    pdf: pdf.bytes,
    pages: pdf.pages,
    docx,
    meta,
    sources: inputsOf(ctx.repo, ctx.templates, doc),
    draftingNotes,
    notSealed,
    render,
    unchanged,
  };
}
