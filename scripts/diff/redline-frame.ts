import { describeRevision, type ChangedDocument, type RevisionInfo } from './types.ts';

/**
 * What a redline says about itself, in the PDF and in Word alike: its title, the running header
 * naming both revisions (»Ændringer fra 0064f9e til arbejdskopi«), the title block and the
 * document properties.
 */
export function redlineFrame(doc: ChangedDocument, base: RevisionInfo, head: RevisionInfo) {
  const heading = `Ændringer fra ${base.label} til ${head.label}`;
  return {
    title: `Ændringer i ${doc.meta.title}`,
    runningHeader: heading,
    titleBlock: [
      { label: 'Dokument', value: doc.name },
      { label: 'Fil', value: doc.file },
      { label: 'Fra', value: describeRevision(base) },
      { label: 'Til', value: describeRevision(head) },
      { label: 'Kommuner', value: doc.kommuner.map((k) => k.navn).join(', ') },
    ],
    draft: false, // the UDKAST mark belongs to the document, not to a comparison of two versions
    subject: `${heading}: ${doc.name}`,
    keywords: ['ændringsmarkering', doc.id],
    author: doc.author,
  };
}
