/**
 * A small multi-page PDF from pdfmake, left open for the placeholder, and the
 * byte-level extraction the independent checkers need (CMS and signed bytes).
 */
import { renderPdf } from '../../scripts/emit/pdf/index.ts';
import { addSignaturePlaceholder } from '../../scripts/sign/placeholder.ts';

/** An unsigned PDF with a signature placeholder; `time` fixes both CreationDate and /M. */
export function renderWithPlaceholder(time: Date, signerName: string): Promise<Buffer> {
  const definition = {
    // 1.7 like the real documents: ETSI.CAdES.detached belongs to PDF 1.7 (ESIC) / 2.0.
    version: '1.7' as const,
    info: { title: 'Samarbejdsaftale – test', creationDate: time },
    content: [
      { text: 'Sundhedssamarbejdsaftale', fontSize: 18, bold: true },
      'Region Østdanmark og kommunerne aftaler følgende om opgaveflyt 2027.',
      { text: 'Bilag 1', pageBreak: 'before' as const, bold: true },
      'Æ, ø og å skal kunne forsegles.',
    ],
  };
  // The placeholder goes in while the document is open, through the renderer's own hook, as in a build.
  return renderPdf(definition, {
    beforeEnd: (doc) => addSignaturePlaceholder(doc, { reason: 'Elektronisk forsegling', name: signerName, location: 'Region Østdanmark', signingTime: time }),
  });
}

export interface ExtractedSignature {
  byteRange: [number, number, number, number];
  /** DER CMS with the zero padding stripped. */
  cms: Buffer;
  signedBytes: Buffer;
}

/** Written independently of scripts/sign/pdf-signature.ts so the two can check each other. */
export function extractSignature(pdf: Buffer): ExtractedSignature {
  const match = /\/ByteRange \[(\d+) (\d+) (\d+) (\d+)\s*\]/.exec(pdf.toString('latin1'));
  if (!match) throw new Error('no ByteRange');
  const byteRange = match.slice(1, 5).map(Number) as [number, number, number, number];
  const [a, b, c, d] = byteRange;
  const padded = Buffer.from(pdf.subarray(a + b + 1, c - 1).toString('latin1'), 'hex');
  // DER SEQUENCE with a long-form length: 0x30 0x8N <N length bytes>.
  const lengthBytes = (padded[1] ?? 0) & 0x7f;
  const length = padded.subarray(2, 2 + lengthBytes).reduce((total, byte) => total * 256 + byte, 0);
  return {
    byteRange,
    cms: padded.subarray(0, 2 + lengthBytes + length),
    signedBytes: Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]),
  };
}
