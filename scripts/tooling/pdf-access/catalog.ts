/**
 * The document catalog: tagged (/MarkInfo /Marked true, a /StructTreeRoot), the natural
 * language (/Lang), the title shown instead of the file name (/ViewerPreferences
 * /DisplayDocTitle), and the PDF/A output intent (/OutputIntents with /S /GTS_PDFA1 and an ICC
 * profile stream).
 */
import { type AccessFinding, finding, shorten } from './findings.ts';
import { type PdfObjects, pdfString } from './pdf-objects.ts';

export function catalogFindings(objects: PdfObjects): AccessFinding[] {
  const catalog = objects.catalog;
  if (catalog === undefined) return [finding('pdf/read', 'filen har intet dokumentkatalog (/Root): den kan ikke kontrolleres')];
  const out: AccessFinding[] = [];

  const marked = objects.resolve(objects.dict(catalog['/MarkInfo'])?.['/Marked']);
  if (marked !== true) {
    out.push(
      finding(
        'pdf/tagged',
        'katalogets /MarkInfo siger ikke /Marked true: filen erklærer sig ikke som mærket PDF, så hjælpemidler læser den som en ustruktureret side',
      ),
    );
  }
  const structRoot = objects.dict(catalog['/StructTreeRoot']);
  if (structRoot === undefined) {
    out.push(finding('pdf/tagged', 'filen har intet strukturtræ (/StructTreeRoot): en skærmlæser kender hverken overskrifter, afsnit, lister eller tabeller'));
  } else if (objects.dict(structRoot['/ParentTree']) === undefined) {
    out.push(finding('pdf/tagged', 'strukturtræet har intet /ParentTree: indholdet på siderne kan ikke føres tilbage til strukturen'));
  }

  const lang = pdfString(objects.resolve(catalog['/Lang']));
  if (lang === undefined || !/^da(-|$)/i.test(lang)) {
    out.push(
      finding(
        'pdf/language',
        `katalogets /Lang er ${lang === undefined ? 'ikke sat' : `»${shorten(lang, 20)}«`}, ikke dansk (da-DK): en skærmlæser udtaler teksten med forkert sprog`,
      ),
    );
  }

  const display = objects.resolve(objects.dict(catalog['/ViewerPreferences'])?.['/DisplayDocTitle']);
  if (display !== true) {
    out.push(finding('pdf/display-title', '/ViewerPreferences /DisplayDocTitle er ikke true: fremviseren viser filnavnet i stedet for dokumentets titel'));
  }

  const intents = objects.array(catalog['/OutputIntents']) ?? [];
  const pdfa = intents.map((intent) => objects.dict(intent)).find((intent) => objects.resolve(intent?.['/S']) === '/GTS_PDFA1');
  if (pdfa === undefined) {
    out.push(finding('pdf/output-intent', 'filen har ingen OutputIntent med /S /GTS_PDFA1: farverne er ikke bundet til en farveprofil, som PDF/A kræver'));
  } else if (objects.stream(pdfa['/DestOutputProfile']) === undefined) {
    out.push(
      finding(
        'pdf/output-intent',
        'PDF/A-OutputIntent har ingen /DestOutputProfile (ICC-profil): farverne er ikke bundet til en farveprofil, som PDF/A kræver',
      ),
    );
  }
  return out;
}

/** The catalog's /Metadata stream's bytes, decoded; undefined when there is none. */
export function metadataPacket(objects: PdfObjects): Uint8Array | undefined {
  return objects.stream(objects.catalog?.['/Metadata'])?.data;
}
