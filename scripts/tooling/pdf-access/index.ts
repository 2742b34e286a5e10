/**
 * An independent accessibility check of a rendered PDF (PDF/UA-1 and PDF/A-2a as far as they
 * can be checked without a full validator), read with tools that did not make the file: qpdf
 * for the objects and content streams (and from them the structure tree's text), poppler for
 * tagging and fonts.
 * See README, »Accessibility check«, for what only veraPDF or PAC would add.
 */
import { annotationFindings } from './annotations.ts';
import { catalogFindings, metadataPacket } from './catalog.ts';
import { type AccessFinding, finding } from './findings.ts';
import { markedContentFindings } from './marked-content.ts';
import { type PdfObjects, readPdfObjects } from './pdf-objects.ts';
import { fontFindings, taggedFindings } from './poppler.ts';
import { structureTextFindings } from './structure-text.ts';
import { structureTreeText } from './structure-tree-text.ts';
import { xmpFindings } from './xmp.ts';

export { ACCESS_RULES, type AccessFinding, type AccessRule } from './findings.ts';

export interface AccessOptions {
  /** The Markdown the PDF was rendered from: its text must be the structure tree's text, in order. */
  markdown?: string;
}

/** Checks one PDF file; no findings means every check passed. Throws only when a tool is missing. */
export async function checkAccessibility(pdfPath: string, options: AccessOptions = {}): Promise<AccessFinding[]> {
  let objects: PdfObjects;
  try {
    objects = await readPdfObjects(pdfPath);
  } catch (error) {
    if (error instanceof Error && error.message.includes('er ikke installeret')) throw error;
    const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return [finding('pdf/read', `filen kan ikke læses som PDF (${String(why)}): intet kan kontrolleres`)];
  }
  const findings: AccessFinding[] = [
    ...(await taggedFindings(pdfPath)),
    ...catalogFindings(objects),
    ...xmpFindings(metadataPacket(objects)),
    ...(await fontFindings(pdfPath)),
    ...markedContentFindings(objects),
    ...annotationFindings(objects),
  ];
  if (options.markdown !== undefined) {
    const tree = structureTreeText(objects);
    if (tree.problems.length > 0) {
      const more = tree.problems.length > 3 ? ` og ${tree.problems.length - 3} mere` : '';
      findings.push(
        finding(
          'pdf/structure-text',
          `strukturtræet kan ikke følges helt (${tree.problems.slice(0, 3).join('; ')}${more}): en skærmlæser, der følger strukturen, mister teksten der`,
        ),
      );
    }
    findings.push(...structureTextFindings(options.markdown, tree.texts));
  }
  // One finding per problem: the catalog and pdfinfo may both say »not tagged«.
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}\u0000${f.message}`;
    return seen.has(key) ? false : (seen.add(key), true);
  });
}
