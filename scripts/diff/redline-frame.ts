import { describeRevision, type ChangedDocument, type LineDiff, type RevisionInfo } from './types.ts';

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

/** A table's rows, or one other line with the line after it (a list ends where no item follows). */
export type LineGroup = { rows: LineDiff[] } | { line: LineDiff; next: LineDiff | undefined };

/**
 * A clause's lines as both redlines lay them out: table rows regrouped into tables, a header row
 * or a row with another number of cells starting a new one; every other line on its own.
 */
export function groupLines(lines: readonly LineDiff[]): LineGroup[] {
  const out: LineGroup[] = [];
  let rows: LineDiff[] = [];
  const flushRows = () => {
    if (rows.length > 0) out.push({ rows });
    rows = [];
  };
  lines.forEach((l, i) => {
    if (l.kind === 'row') {
      const last = rows.at(-1);
      if (last && (l.header || l.cells.length !== last.cells.length)) flushRows();
      rows.push(l);
      return;
    }
    flushRows();
    out.push({ line: l, next: lines[i + 1] });
  });
  flushRows();
  return out;
}
