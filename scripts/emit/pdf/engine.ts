/**
 * The configured pdfmake instance. pdfmake's server build exports a process-wide
 * singleton; it is set up here once: no URL fetching, no local file access, and
 * fonts served from its in-memory virtual file system (read from disk once).
 */
import pdfmake from 'pdfmake';
import { fontDescriptors, fontFiles } from './fonts.ts';
import { shareFontTables } from './shared-fonts.ts';

/** The part of pdfmake's (untyped on the server) virtual file system we use. */
interface VirtualFileSystem {
  writeFileSync(filename: string, content: Buffer): void;
}

let configured = false;

export type PdfEngine = typeof pdfmake;

export function pdfEngine(): PdfEngine {
  if (!configured) {
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy(() => false);
    // @types/pdfmake only types the browser-side vfs API; the server instance has a `virtualfs` object.
    const vfs = (pdfmake as unknown as { virtualfs: VirtualFileSystem }).virtualfs;
    for (const [name, bytes] of fontFiles()) vfs.writeFileSync(name, bytes);
    // Font tables are decoded, and words shaped, once per process; each document still gets its
    // own font object, into which shaped words are replayed (see shared-fonts.ts).
    shareFontTables();
    configured = true;
  }
  // A fresh descriptor per document: pdfmake rewrites descriptor entries in place while resolving them.
  pdfmake.setFonts(fontDescriptors());
  return pdfmake;
}
