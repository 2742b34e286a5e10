import { outputBase } from '../emit/layout.ts';
import { writePdf } from '../emit/pdf-file.ts';
import type { DocumentKind } from '../model/kinds.ts';
import { documentName } from '../model/names.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { DocumentMeta } from '../render/meta.ts';
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
  meta: DocumentMeta;
  sources: string[];
}

/** A clause count from which a document gets a table of contents. */
const TOC_FROM_SECTIONS = 6;

/** Data files an output depends on: its own, the reference data, and a case's bilag documents. */
export function sourcesOf(repo: Repository, rendered: RenderedDocument): string[] {
  const files = new Set<string>([rendered.doc.file, ...repo.ofKind('region').map((d) => d.file), ...repo.ofKind('opgaver').map((d) => d.file), ...repo.ofKind('frister').map((d) => d.file)]);
  if (rendered.doc.kind === 'sag') {
    for (const b of (rendered.doc as SourceDocument<'sag'>).data.bilag) {
      const target = b.dokument ? repo.byId(b.dokument) : undefined;
      if (target) files.add(target.file);
    }
  }
  return [...[...files].sort(), ...rendered.templates];
}

/** Renders one document to Markdown and sealed PDF. */
export async function renderOutput(ctx: RenderContext, doc: SourceDocument<DocumentKind>): Promise<DocumentOutput> {
  const rendered = renderDocument(ctx.repo, ctx.templates, doc);
  const { meta, body } = rendered;
  const toc = body.children.filter((n) => n.type === 'heading' && n.depth === 2).length >= TOC_FROM_SECTIONS;
  const pdf = await writePdf(body, { ...meta, toc, author: ctx.author, date: new Date(`${meta.date}T00:00:00Z`) }, ctx.seal);
  return {
    id: doc.data.id,
    kind: doc.kind,
    base: outputBase(ctx.repo, doc),
    name: documentName(ctx.repo, doc),
    markdown: rendered.markdown,
    pdf: pdf.bytes,
    pages: pdf.pages,
    meta,
    sources: sourcesOf(ctx.repo, rendered),
  };
}
