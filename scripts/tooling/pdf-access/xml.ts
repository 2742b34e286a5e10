/**
 * A small XML reader for the XMP packet: enough to tell whether the packet is well-formed and
 * to read its elements with namespaces resolved. It checks: one root element, tags that nest and
 * close in order, attributes quoted and not repeated, entity and character references that
 * exist, namespace prefixes that are declared, valid UTF-8 (the caller decodes), no DOCTYPE (XMP
 * forbids it). It does not check the character classes of names or of text in full, nor
 * anything a DTD or schema would say.
 */

export interface XmlElement {
  /** Namespace URI ('' for none) and local name. */
  ns: string;
  local: string;
  /** Attributes other than namespace declarations, by `{uri}local`. */
  attributes: Map<string, string>;
  children: XmlElement[];
  /** The element's own character data (its children's text not included). */
  text: string;
}

export class XmlError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';
const NAME = /^[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*(:[A-Za-z_\u00C0-\uFFFF][\w.\-\u00B7\u00C0-\uFFFF]*)?$/;
const ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeText(raw: string, offset: number): string {
  return raw.replace(/&([^;&\s]*);?/g, (match: string, ref: string, at: number) => {
    if (!match.endsWith(';')) throw new XmlError('»&« uden afsluttende »;«', offset + at);
    if (ref.startsWith('#')) {
      const code = /^#x[0-9a-fA-F]+$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#\d+$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
      if (!Number.isFinite(code) || code === 0 || code > 0x10ffff) throw new XmlError(`ugyldig tegnreference »${match}«`, offset + at);
      return String.fromCodePoint(code);
    }
    const entity = ENTITIES[ref];
    if (entity === undefined) throw new XmlError(`ukendt entitet »${match}«`, offset + at);
    return entity;
  });
}

interface Open {
  qname: string;
  element: XmlElement;
  scope: Map<string, string>;
}

/** Parses an XML document; throws XmlError with a Danish message where it is not well-formed. */
export function parseXml(source: string): XmlElement {
  let i = 0;
  let root: XmlElement | undefined;
  const stack: Open[] = [];
  const top = () => stack[stack.length - 1];
  while (i < source.length) {
    const lt = source.indexOf('<', i);
    const textEnd = lt < 0 ? source.length : lt;
    if (textEnd > i) {
      const raw = source.slice(i, textEnd);
      if (raw.includes(']]>')) throw new XmlError('»]]>« i tekst', i + raw.indexOf(']]>'));
      const parent = top();
      if (parent === undefined) {
        if (raw.trim() !== '' && raw.replace(/^\uFEFF/, '').trim() !== '') throw new XmlError('tekst uden for rodelementet', i);
      } else {
        parent.element.text += decodeText(raw, i);
      }
    }
    if (lt < 0) break;
    i = lt;
    if (source.startsWith('<?', i)) {
      const end = source.indexOf('?>', i + 2);
      if (end < 0) throw new XmlError('behandlingsinstruktion uden »?>«', i);
      i = end + 2;
    } else if (source.startsWith('<!--', i)) {
      const end = source.indexOf('-->', i + 4);
      if (end < 0) throw new XmlError('kommentar uden »-->«', i);
      if (source.slice(i + 4, end).includes('--')) throw new XmlError('»--« inde i en kommentar', i);
      i = end + 3;
    } else if (source.startsWith('<![CDATA[', i)) {
      const end = source.indexOf(']]>', i + 9);
      const parent = top();
      if (end < 0 || parent === undefined) throw new XmlError('CDATA uden for et element eller uden »]]>«', i);
      parent.element.text += source.slice(i + 9, end);
      i = end + 3;
    } else if (source.startsWith('<!', i)) {
      throw new XmlError('DOCTYPE og andre erklæringer er ikke tilladt i XMP', i);
    } else if (source.startsWith('</', i)) {
      const end = source.indexOf('>', i);
      if (end < 0) throw new XmlError('sluttag uden »>«', i);
      const qname = source.slice(i + 2, end).trim();
      const open = stack.pop();
      if (open?.qname !== qname) throw new XmlError(`</${qname}> lukker ${open === undefined ? 'intet element' : `<${open.qname}>`}`, i);
      i = end + 1;
    } else {
      const tag = readStartTag(source, i);
      const parentScope = top()?.scope ?? new Map([['xml', XML_NS]]);
      const scope = new Map(parentScope);
      for (const [name, value] of tag.attributes) {
        if (name === 'xmlns') scope.set('', value);
        else if (name.startsWith('xmlns:')) scope.set(name.slice(6), value);
      }
      const resolve = (qname: string, isAttribute: boolean): [string, string] => {
        const colon = qname.indexOf(':');
        if (colon < 0) return [isAttribute ? '' : (scope.get('') ?? ''), qname];
        const uri = scope.get(qname.slice(0, colon));
        if (uri === undefined || uri === '') throw new XmlError(`navnerumspræfikset »${qname.slice(0, colon)}« er ikke erklæret`, i);
        return [uri, qname.slice(colon + 1)];
      };
      const [ns, local] = resolve(tag.qname, false);
      const element: XmlElement = { ns, local, attributes: new Map(), children: [], text: '' };
      for (const [name, value] of tag.attributes) {
        if (name === 'xmlns' || name.startsWith('xmlns:')) continue;
        const [aNs, aLocal] = resolve(name, true);
        const key = `{${aNs}}${aLocal}`;
        if (element.attributes.has(key)) throw new XmlError(`attributten »${name}« står to gange`, i);
        element.attributes.set(key, value);
      }
      const parent = top();
      if (parent !== undefined) parent.element.children.push(element);
      else if (root !== undefined) throw new XmlError('mere end ét rodelement', i);
      else root = element;
      if (!tag.selfClosing) stack.push({ qname: tag.qname, element, scope });
      i = tag.end;
    }
  }
  if (stack.length > 0) throw new XmlError(`<${top()!.qname}> lukkes aldrig`, source.length);
  if (root === undefined) throw new XmlError('intet rodelement', 0);
  return root;
}

function readStartTag(source: string, start: number): { qname: string; attributes: [string, string][]; selfClosing: boolean; end: number } {
  const nameMatch = /^<([^\s/>]+)/.exec(source.slice(start, start + 300));
  if (!nameMatch || !NAME.test(nameMatch[1]!)) throw new XmlError('ugyldigt starttag', start);
  const qname = nameMatch[1]!;
  let i = start + nameMatch[0].length;
  const attributes: [string, string][] = [];
  const seen = new Set<string>();
  for (;;) {
    const ws = /^\s*/.exec(source.slice(i, i + 1000))![0].length;
    i += ws;
    if (source.startsWith('/>', i)) return { qname, attributes, selfClosing: true, end: i + 2 };
    if (source.startsWith('>', i)) return { qname, attributes, selfClosing: false, end: i + 1 };
    if (ws === 0) throw new XmlError(`ugyldigt tegn i <${qname}>`, i);
    const attr = /^([^\s=/>]+)\s*=\s*(?:"([^"<]*)"|'([^'<]*)')/.exec(source.slice(i, i + 100_000));
    if (!attr || !NAME.test(attr[1]!)) throw new XmlError(`ugyldig attribut i <${qname}>`, i);
    if (seen.has(attr[1]!)) throw new XmlError(`attributten »${attr[1]!}« står to gange`, i);
    seen.add(attr[1]!);
    attributes.push([attr[1]!, decodeText(attr[2] ?? attr[3] ?? '', i)]);
    i += attr[0].length;
  }
}

/** Every element of the tree, depth first. */
export function* descendants(element: XmlElement): Generator<XmlElement> {
  yield element;
  for (const child of element.children) yield* descendants(child);
}
