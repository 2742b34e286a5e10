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

/**
 * With a signature timestamp (B-T) the CMS also carries the TSA's token: its SignedData with the
 * TSA's certificate, often its chain too, 3–10 KiB. Twice the room; only timestamped seals pay
 * for it, so a build without a TSA keeps its bytes.
 */
const TIMESTAMPED_PLACEHOLDER_BYTES = 32 * 1024;

export interface SignaturePlaceholderInfo {
  reason: string;
  /** Who seals, normally the certificate's subject CN. */
  name: string;
  location: string;
  /** Written as /M; take it from signingTimeFromEnv so output is reproducible. */
  signingTime: Date;
  contactInfo?: string;
  /** The seal will carry a signature timestamp (B-T): room for the TSA's token. */
  timestamped?: boolean;
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
    signatureLength: info.timestamped ? TIMESTAMPED_PLACEHOLDER_BYTES : SIGNATURE_PLACEHOLDER_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
  };
}

/** The signature field's description for assistive technology (its /TU and its Form element's /Alt). */
export const SIGNATURE_FIELD_DESCRIPTION = 'Regionens elektroniske forsegling af dokumentet';

/** How the field joins a tagged document's structure (emit/pdf/render.ts). */
export interface FieldTagging {
  /** The /StructParent the widget must carry. */
  key: number;
  /** Called with the widget's pdfkit reference once it exists. */
  attach(annotation: unknown): void;
}

interface PdfKitRefs {
  // A property, not a method: it is replaced while the placeholder is added.
  ref: (this: PdfKitRefs, data?: Record<string, unknown>) => unknown;
}

/**
 * @param tagging when the document is tagged (PDF/UA): the field's widget is printed and
 * described (/F, /TU, as PDF/A and PDF/UA require of every annotation), carries its
 * /StructParent and is attached to a Form element. The package writes the widget at once, so its
 * dictionary is completed as it is created.
 */
export function addSignaturePlaceholder(doc: PDFKit.PDFDocument, info: SignaturePlaceholderInfo, tagging?: FieldTagging): void {
  const pdf = doc as unknown as PdfKitRefs;
  const ref = pdf.ref;
  if (tagging) {
    pdf.ref = function (this: PdfKitRefs, data?: Record<string, unknown>) {
      if (data?.Subtype === 'Widget') Object.assign(data, { F: 4, TU: new String(SIGNATURE_FIELD_DESCRIPTION), StructParent: tagging.key });
      return ref.call(this, data);
    };
  }
  try {
    // pdfBuffer is required by the package's types but never read: the placeholder goes into the open document.
    const added = pdfkitAddPlaceholder({ pdf: doc, pdfBuffer: Buffer.alloc(0), ...placeholderOptions(info) }) as { widget: unknown };
    tagging?.attach(added.widget);
  } finally {
    // Back to the prototype's method.
    delete (pdf as Partial<PdfKitRefs>).ref;
  }
}

/** The same placeholder in a pdf-lib document (a combined PDF assembled from finished ones). */
export function addSignaturePlaceholderToPdfLib(doc: PDFDocument, info: SignaturePlaceholderInfo): void {
  pdflibAddPlaceholder({ pdfDoc: doc, ...placeholderOptions(info) });
}
