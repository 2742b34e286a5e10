/**
 * Small tagged PDFs made with pdfkit directly (not with the project's renderer), each with one
 * deliberate defect or none, for the accessibility checker's tests. pdfkit's PDF/A subset writes
 * only pdfaid into the XMP; pdfuaid and dc:language are appended here, as a PDF/UA renderer must.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { robotoPaths } from '../../../scripts/emit/pdf/fonts.ts';

export interface FixtureOptions {
  /** Paragraphs, each one P element; a paragraph given as lines is drawn line by line (one MCID). */
  paragraphs?: readonly (string | readonly string[])[];
  /** Text drawn in no marked content at all. */
  untagged?: string;
  /** Text drawn as a pagination artifact (a running footer). */
  artifact?: string;
  /** Text in a BDC whose MCID the parent tree has no element for. */
  unknownMcid?: string;
  /** A rule drawn in no marked content. */
  unmarkedRule?: boolean;
  /** Append the pdfuaid:part 1 description to the XMP (default true). */
  pdfua?: boolean;
  /** A link annotation drawn in no structure element, with no /Contents. */
  untaggedLink?: boolean;
  /** /ViewerPreferences /DisplayDocTitle true (default true). */
  displayTitle?: boolean;
}

const XMP_PDFUA = `
        <rdf:Description xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" rdf:about="" pdfuaid:part="1"/>`;
const XMP_LANGUAGE = `
        <rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" rdf:about="">
            <dc:language><rdf:Bag><rdf:li>da-DK</rdf:li></rdf:Bag></dc:language>
        </rdf:Description>`;

/** The PDF's bytes. Deterministic: a fixed creation date and ID source. */
export async function fixturePdf(options: FixtureOptions = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    tagged: true,
    pdfVersion: '1.7',
    lang: 'da-DK',
    subset: 'PDF/A-2a',
    displayTitle: options.displayTitle ?? true,
    info: { Title: 'Prøvedokument', CreationDate: new Date(Date.UTC(2026, 0, 1)) },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', resolve));

  doc.registerFont('Roboto', robotoPaths().normal);
  doc.font('Roboto').fontSize(11);
  if (options.pdfua ?? true) doc.appendXML(XMP_PDFUA);
  doc.appendXML(XMP_LANGUAGE);

  const root = doc.struct('Document');
  doc.addStructure(root);
  for (const paragraph of options.paragraphs ?? ['Første afsnit.']) {
    const lines = typeof paragraph === 'string' ? [paragraph] : paragraph;
    root.add(
      doc.struct('P', {}, () => {
        for (const line of lines) doc.text(line);
      }),
    );
  }
  if (options.artifact !== undefined) {
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.text(options.artifact, 72, 740);
    doc.endMarkedContent();
  }
  if (options.unknownMcid !== undefined) {
    doc.addContent('/P <</MCID 99>> BDC');
    doc.text(options.unknownMcid, 72, 400);
    doc.addContent('EMC');
  }
  if (options.untagged !== undefined) doc.text(options.untagged, 72, 500);
  if (options.untaggedLink === true) {
    doc.markContent('Artifact');
    doc.text('sundhed.dk', 72, 650, { link: 'https://www.sundhed.dk' });
    doc.endMarkedContent();
  }
  if (options.unmarkedRule === true) doc.moveTo(72, 600).lineTo(300, 600).stroke();
  root.end();
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

/** A folder for fixture files, removed by `remove`. */
export function fixtureFolder(): { write: (name: string, bytes: Buffer | string) => string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'pdf-access-'));
  return {
    write: (name, bytes) => {
      const file = path.join(dir, name);
      writeFileSync(file, bytes);
      return file;
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
