/**
 * A small multi-page PDF from pdfmake, left open for the placeholder, and the
 * byte-level extraction the independent checkers need (CMS and signed bytes).
 */
import path from 'node:path';
import pdfmake from 'pdfmake';
import { addSignaturePlaceholder } from '../../scripts/sign/placeholder.ts';
import { REPO_ROOT } from './tools.ts';

const FONT_DIR = path.join(REPO_ROOT, 'node_modules/pdfmake/fonts/Roboto');

let configured = false;

function engine(): typeof pdfmake {
  if (!configured) {
    pdfmake.setUrlAccessPolicy(() => false);
    pdfmake.setLocalAccessPolicy((file) => path.resolve(file).startsWith(FONT_DIR + path.sep));
    configured = true;
  }
  // pdfmake rewrites font descriptors in place, so hand it a fresh one each time.
  pdfmake.setFonts({
    Roboto: {
      normal: path.join(FONT_DIR, 'Roboto-Regular.ttf'),
      bold: path.join(FONT_DIR, 'Roboto-Medium.ttf'),
      italics: path.join(FONT_DIR, 'Roboto-Italic.ttf'),
      bolditalics: path.join(FONT_DIR, 'Roboto-MediumItalic.ttf'),
    },
  });
  return pdfmake;
}

/** An unsigned PDF with a signature placeholder; `time` fixes both CreationDate and /M. */
export async function renderWithPlaceholder(time: Date, signerName: string): Promise<Buffer> {
  const doc = await engine()
    .createPdf({
      // 1.7 like the real renderer: ETSI.CAdES.detached belongs to PDF 1.7 (ESIC) / 2.0.
      version: '1.7',
      info: { title: 'Samarbejdsaftale – test', creationDate: time },
      content: [
        { text: 'Sundhedssamarbejdsaftale', fontSize: 18, bold: true },
        'Region Østdanmark og kommunerne aftaler følgende om opgaveflyt 2027.',
        { text: 'Bilag 1', pageBreak: 'before', bold: true },
        'Æ, ø og å skal kunne forsegles.',
      ],
    })
    .getStream();
  addSignaturePlaceholder(doc, {
    reason: 'Elektronisk forsegling',
    name: signerName,
    location: 'Region Østdanmark',
    signingTime: time,
  });
  return endAndCollect(doc);
}

function endAndCollect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.once('end', () => resolve(Buffer.concat(chunks)));
    doc.once('error', reject);
    doc.end();
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
