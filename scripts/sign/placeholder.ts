/**
 * Reserves room for the signature in a pdfkit document that is still open
 * (call before doc.end()). The signature dictionary gets SubFilter
 * ETSI.CAdES.detached (PAdES) and the claimed signing time as /M; the CMS is
 * filled in later by signPdf. The field is invisible – the visible seal line is
 * drawn by the renderer (see formatSealLine).
 */
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { pdfkitAddPlaceholder } from '@signpdf/placeholder-pdfkit';
import type { PDFDocument } from 'pdf-lib';
import { SUBFILTER_ETSI_CADES_DETACHED } from '@signpdf/utils';

/**
 * Bytes reserved for the DER CMS (hex-encoded in the file, so twice that).
 * A 4096-bit signer certificate plus a three-level chain is about 6–7 KiB;
 * 16 KiB leaves room for bigger qualified-certificate chains.
 */
export const SIGNATURE_PLACEHOLDER_BYTES = 16 * 1024;

export interface SignaturePlaceholderInfo {
  reason: string;
  /** Who seals, normally the certificate's subject CN. */
  name: string;
  location: string;
  /** Written as /M; take it from signingTimeFromEnv so output is reproducible. */
  signingTime: Date;
  contactInfo?: string;
}

/** The placeholder options both libraries take, from ours. */
function placeholderOptions(info: SignaturePlaceholderInfo) {
  return {
    reason: info.reason,
    contactInfo: info.contactInfo ?? '',
    name: info.name,
    location: info.location,
    // Both pdfkit and pdf-lib write a Date as (D:YYYYMMDDHHmmSSZ) in UTC, so /M is deterministic.
    signingTime: info.signingTime,
    signatureLength: SIGNATURE_PLACEHOLDER_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
  };
}

export function addSignaturePlaceholder(doc: PDFKit.PDFDocument, info: SignaturePlaceholderInfo): void {
  // pdfBuffer is required by the package's types but never read: the placeholder goes into the open document.
  pdfkitAddPlaceholder({ pdf: doc, pdfBuffer: Buffer.alloc(0), ...placeholderOptions(info) });
}

/** The same placeholder in a pdf-lib document (a combined PDF assembled from finished ones). */
export function addSignaturePlaceholderToPdfLib(doc: PDFDocument, info: SignaturePlaceholderInfo): void {
  pdflibAddPlaceholder({ pdfDoc: doc, ...placeholderOptions(info) });
}
