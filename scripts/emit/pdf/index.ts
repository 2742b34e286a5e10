/** Public API of the PDF emitter: mdast → pdfmake definition → deterministic PDF bytes. */
export { buildDocDefinition, PDF_CREATOR, PDF_LANGUAGE, PDF_PRODUCER, type PdfMeta } from './document.ts';
export { mdastToPdfmake, type ConvertOptions } from './mdast-to-pdfmake.ts';
export { renderPdf, type RenderOptions } from './render.ts';
export { fontDescriptors, robotoPaths, FONT_FAMILY } from './fonts.ts';
