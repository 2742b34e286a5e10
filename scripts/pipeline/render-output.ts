import { outputBase } from '../emit/layout.ts';
import { writePdfWithContents } from '../emit/pdf-file.ts';
import { NOT_SEALED_LABEL, notSealedClosingLine, notSealedFor, notSealedNotice, type NotSealed } from '../emit/unsealed.ts';
import type { DocumentKind } from '../model/kinds.ts';
import { documentName, documentTitle, type DocumentMeta } from '../kinds/index.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { inputsOf } from '../render/inputs.ts';
import { renderDocument } from '../render/render-document.ts';
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
  meta: DocumentMeta;
  sources: string[];
  /** »Udestår« notes in its text. */
  draftingNotes: number;
  /** Set when the PDF was left unsealed (see emit/unsealed.ts); null when it is sealed. */
  notSealed: NotSealed | null;
}

/**
 * Renders one document to Markdown and PDF, sealed unless the seal is the region's and the text
 * still has drafting notes: then the PDF says so under its title and where the seal line would
 * be. The Markdown is the same either way.
 */
export async function renderOutput(ctx: RenderContext, doc: SourceDocument<DocumentKind>): Promise<DocumentOutput> {
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
  // Contents only for a long document (pdf-file.ts, TOC_FROM_PAGES).
  const pdf = await writePdfWithContents(body, pdfMeta, notSealed ? undefined : ctx.seal);
  return {
    id: doc.data.id,
    kind: doc.kind,
    base: outputBase(ctx.repo, doc),
    name: documentName(ctx.repo, doc),
    markdown: rendered.markdown,
    pdf: pdf.bytes,
    pages: pdf.pages,
    meta,
    sources: inputsOf(ctx.repo, ctx.templates, doc),
    draftingNotes,
    notSealed,
  };
}
