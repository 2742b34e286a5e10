import { describe, expect, it } from 'vitest';
import { xmpFindings } from '../../../scripts/tooling/pdf-access/xmp.ts';
import { parseXml, XmlError } from '../../../scripts/tooling/pdf-access/xml.ts';

const packet = (descriptions: string) =>
  Buffer.from(
    `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">${descriptions}</rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`,
    'utf8',
  );

const COMPLETE = `
  <rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/" pdfaid:part="2" pdfaid:conformance="A"/>
  <rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"><pdfuaid:part>1</pdfuaid:part></rdf:Description>
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
    <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Aftale &amp; bilag</rdf:li></rdf:Alt></dc:title>
    <dc:language><rdf:Bag><rdf:li>da-DK</rdf:li></rdf:Bag></dc:language>
  </rdf:Description>`;

const rules = (bytes: Buffer | undefined) => xmpFindings(bytes).map((f) => f.rule);

describe('XMP metadata', () => {
  it('accepts attribute and element forms of the identification properties', () => {
    expect(xmpFindings(packet(COMPLETE))).toEqual([]);
  });

  it('reads namespaces by URI, not by prefix', () => {
    const renamed = COMPLETE.replaceAll('pdfuaid', 'ua');
    expect(xmpFindings(packet(renamed))).toEqual([]);
    const wrongUri = COMPLETE.replace('http://www.aiim.org/pdfua/ns/id/', 'http://example.org/pdfua/');
    expect(rules(packet(wrongUri))).toEqual(['pdf/pdfua-id']);
  });

  it('names each missing or wrong property', () => {
    const partial = COMPLETE.replace('pdfaid:part="2"', 'pdfaid:part="1"')
      .replace('<pdfuaid:part>1</pdfuaid:part>', '')
      .replace('Aftale &amp; bilag', ' ')
      .replace('da-DK', 'en');
    expect(rules(packet(partial))).toEqual(['pdf/pdfa-id', 'pdf/pdfua-id', 'pdf/title', 'pdf/language']);
    expect(rules(undefined)).toEqual(['pdf/xmp']);
  });

  it('reports a packet that is not well-formed', () => {
    for (const broken of [
      COMPLETE.replace('</dc:title>', '</dc:titel>'),
      COMPLETE.replace('&amp;', '&'),
      COMPLETE.replace('&amp;', '&nbsp;'),
      COMPLETE.replace('pdfaid:part="2"', 'pdfaid:part=2'),
      COMPLETE.replace('xmlns:dc="http://purl.org/dc/elements/1.1/"', ''),
      `${COMPLETE}<!DOCTYPE x>`,
    ]) {
      const findings = xmpFindings(packet(broken));
      expect(
        findings.map((f) => f.rule),
        broken,
      ).toEqual(['pdf/xmp']);
      expect(findings[0]?.message).toMatch(/ikke velformet XML/);
    }
    expect(rules(Buffer.from([0x3c, 0x61, 0xff, 0x3e]))).toEqual(['pdf/xmp']);
  });

  it('parses a small document with namespaces, entities and CDATA', () => {
    const root = parseXml('<?xml version="1.0"?><a xmlns="urn:a" xmlns:b="urn:b" b:k="&#x41;&#66;"><b:c><![CDATA[<x>]]></b:c><d/></a>');
    expect(root).toMatchObject({
      ns: 'urn:a',
      local: 'a',
      children: [
        { ns: 'urn:b', local: 'c', text: '<x>' },
        { ns: 'urn:a', local: 'd' },
      ],
    });
    expect(root.attributes.get('{urn:b}k')).toBe('AB');
    expect(() => parseXml('<a/><b/>')).toThrow(XmlError);
    expect(() => parseXml('<a><b></a></b>')).toThrow(XmlError);
    expect(() => parseXml('<a k="1" k="2"/>')).toThrow(XmlError);
  });
});
