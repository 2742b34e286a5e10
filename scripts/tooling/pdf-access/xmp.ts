/**
 * The XMP metadata packet (the catalog's /Metadata stream): well-formed XML, and the properties
 * PDF/A-2a and PDF/UA-1 require: pdfaid:part 2 and pdfaid:conformance A, pdfuaid:part 1, a
 * non-empty dc:title, dc:language da-DK. A simple property may be written as an attribute of
 * rdf:Description or as a child element; both are read.
 */
import { type AccessFinding, finding, shorten } from './findings.ts';
import { descendants, parseXml, XmlError, type XmlElement } from './xml.ts';

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const PDFAID = 'http://www.aiim.org/pdfa/ns/id/';
const PDFUAID = 'http://www.aiim.org/pdfua/ns/id/';
const DC = 'http://purl.org/dc/elements/1.1/';

/** The values of a property in every rdf:Description: attribute form, element text, or rdf:li items of a container. */
function propertyValues(root: XmlElement, ns: string, local: string): string[] {
  const values: string[] = [];
  for (const element of descendants(root)) {
    if (element.ns !== RDF || element.local !== 'Description') continue;
    const attribute = element.attributes.get(`{${ns}}${local}`);
    if (attribute !== undefined) values.push(attribute.trim());
    for (const child of element.children) {
      if (child.ns !== ns || child.local !== local) continue;
      const items = [...descendants(child)].filter((e) => e.ns === RDF && e.local === 'li');
      if (items.length > 0) values.push(...items.map((li) => li.text.trim()));
      else values.push(child.text.trim());
    }
  }
  return values;
}

/** Checks the packet's bytes; `undefined` when the catalog has no /Metadata stream. */
export function xmpFindings(packet: Uint8Array | undefined): AccessFinding[] {
  if (packet === undefined) {
    return [
      finding('pdf/xmp', 'filen har ingen XMP-metadata (katalogets /Metadata): PDF/A og PDF/UA kan ikke erklæres, og titel og sprog mangler for hjælpemidler'),
    ];
  }
  let root: XmlElement;
  try {
    root = parseXml(new TextDecoder('utf-8', { fatal: true }).decode(packet));
  } catch (error) {
    const why = error instanceof XmlError ? `${error.message} ved tegn ${error.offset}` : 'ikke gyldig UTF-8';
    return [finding('pdf/xmp', `XMP-metadata er ikke velformet XML (${why}): programmer kan ikke læse titel, sprog og standarderklæringer`)];
  }
  const out: AccessFinding[] = [];
  const one = (ns: string, local: string) => propertyValues(root, ns, local);
  const part = one(PDFAID, 'part');
  const conformance = one(PDFAID, 'conformance');
  if (!part.includes('2') || !conformance.includes('A')) {
    out.push(
      finding(
        'pdf/pdfa-id',
        `XMP erklærer ikke PDF/A-2a (pdfaid:part ${part.join('/') || 'mangler'}, pdfaid:conformance ${conformance.join('/') || 'mangler'}; ventet 2 og A): ` +
          'filen kan ikke godtages som arkivformat med mærket struktur',
      ),
    );
  }
  const ua = one(PDFUAID, 'part');
  if (!ua.includes('1')) {
    out.push(
      finding(
        'pdf/pdfua-id',
        `XMP erklærer ikke PDF/UA-1 (pdfuaid:part ${ua.join('/') || 'mangler'}; ventet 1): hjælpemidler og kontrolværktøjer behandler ikke filen som tilgængelig`,
      ),
    );
  }
  const titles = one(DC, 'title').filter((t) => t !== '');
  if (titles.length === 0) {
    out.push(finding('pdf/title', 'XMP har ingen dc:title: en skærmlæser kan ikke oplyse dokumentets titel'));
  }
  const languages = one(DC, 'language');
  if (!languages.includes('da-DK')) {
    out.push(
      finding(
        'pdf/language',
        `XMP har ikke dc:language da-DK (${languages.length === 0 ? 'mangler' : shorten(languages.join(', '))}): metadata siger ikke, at dokumentet er på dansk`,
      ),
    );
  }
  return out;
}
