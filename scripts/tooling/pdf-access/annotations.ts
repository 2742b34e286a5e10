/**
 * Every annotation a reader can meet is in the structure and printable: PDF/UA-1 7.18.1 (an
 * annotation is the content of a structure element: its /StructParent leads through the parent
 * tree to the element that holds it as an OBJR), 7.18.5 (a link says where it goes: /Contents) and
 * PDF/A-2 6.3.2 (the Print flag set, Hidden, Invisible, NoView clear), read from qpdf's objects.
 * Popups belong to their parent annotation and are skipped; a widget may describe itself with /TU.
 */
import { type AccessFinding, finding } from './findings.ts';
import { parentTreeEntry } from './marked-content.ts';
import { type PdfDict, type PdfObjects, type PdfValue, pdfString } from './pdf-objects.ts';

const PRINT = 4;
const HIDDEN_OR_INVISIBLE = 1 | 2 | 32; // Invisible, Hidden, NoView

/** A name without its slash (`/Link` → `Link`), `?` for anything else. */
function nameOf(value: PdfValue | undefined): string {
  return typeof value === 'string' && value.startsWith('/') ? value.slice(1) : '?';
}

/** Problems of one annotation, as short Danish phrases. */
function problemsOf(objects: PdfObjects, annotation: PdfDict, parentTree: PdfValue | undefined): string[] {
  const problems: string[] = [];
  const subtype = annotation['/Subtype'];
  const key = objects.resolve(annotation['/StructParent']);
  const element = typeof key === 'number' ? objects.dict(parentTreeEntry(objects, parentTree, key)) : undefined;
  if (element === undefined) problems.push('hører ikke til strukturtræet');
  else if (subtype === '/Link' && element['/S'] !== '/Link') problems.push(`ligger i et ${nameOf(element['/S'])}-element, ikke et Link`);
  const description = pdfString(objects.resolve(annotation['/Contents'])) ?? pdfString(objects.resolve(annotation['/TU']));
  if (subtype !== '/Popup' && (description === undefined || description.trim() === '')) problems.push('har ingen beskrivelse (/Contents)');
  const flags = objects.resolve(annotation['/F']);
  const f = typeof flags === 'number' ? flags : 0;
  if ((f & PRINT) === 0 || (f & HIDDEN_OR_INVISIBLE) !== 0) problems.push('udskrives ikke (flaget Print mangler, eller den er skjult)');
  return problems;
}

export function annotationFindings(objects: PdfObjects): AccessFinding[] {
  const parentTree = objects.dict(objects.catalog?.['/StructTreeRoot'])?.['/ParentTree'];
  const out: AccessFinding[] = [];
  objects.pages.forEach((page, index) => {
    const counts = new Map<string, number>();
    for (const ref of objects.array(page.dict['/Annots']) ?? []) {
      const annotation = objects.dict(ref);
      if (annotation === undefined || annotation['/Subtype'] === '/Popup') continue;
      const kind = nameOf(annotation['/Subtype']);
      for (const problem of problemsOf(objects, annotation, parentTree)) {
        const phrase = `${kind} ${problem}`;
        counts.set(phrase, (counts.get(phrase) ?? 0) + 1);
      }
    }
    for (const [phrase, n] of counts) {
      out.push(
        finding(
          'pdf/annotations',
          `${n === 1 ? 'en annotering' : `${n} annoteringer`} på side ${index + 1}: ${phrase}: en skærmlæser kan ikke nå eller forklare den, og PDF/A og PDF/UA kræver det`,
          index + 1,
        ),
      );
    }
  });
  return out;
}
