/** Public API of the PDF emitter: mdast → pdfmake definition → deterministic PDF bytes. */
export { buildDocDefinition, PDF_CREATOR, PDF_LANGUAGE, type PdfMeta } from './document.ts';
export { renderPdf } from './render.ts';
