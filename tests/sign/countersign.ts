/**
 * Signs a sealed PDF the way a kommune's tool does: an incremental update with a signature
 * dictionary (adbe.pkcs7.detached, a CMS with a signing-time attribute, as Acrobat writes
 * it), a signature widget on the first page and the field in the AcroForm. The signer's key is
 * ECDSA P-256 derived from a fixed seed, and its certificate has fixed dates and serial, so
 * every run signs with the same identity. Options make the tampered variants the tests need.
 */
import { createECDH, createHash } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { canonical, dictOf, PdfReader, type PdfValue, refOf } from '../../scripts/sign/pdf-objects.ts';

const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';

export interface TestSigner {
  certificate: pkijs.Certificate;
  privateKey: CryptoKey;
}

/** A self-signed certificate CN=<name>, title=<title> (when given), O=<organisation>, C=DK, with a P-256 key from `seed`. */
export async function testSigner(seed: string, name: string, organisation: string, title?: string): Promise<TestSigner> {
  const subtle = globalThis.crypto.subtle;
  const d = createHash('sha256').update(seed).digest();
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(d);
  const point = ecdh.getPublicKey();
  const jwk = { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33).toString('base64url') };
  const algorithm = { name: 'ECDSA', namedCurve: 'P-256' };
  const privateKey = await subtle.importKey('jwk', { ...jwk, d: d.toString('base64url') }, algorithm, false, ['sign']);
  const publicKey = await subtle.importKey('jwk', jwk, algorithm, true, ['verify']);

  const attributes: [string, asn1js.PrintableString | asn1js.Utf8String][] = [
    ['2.5.4.6', new asn1js.PrintableString({ value: 'DK' })],
    ['2.5.4.10', new asn1js.Utf8String({ value: organisation })],
    ...(title === undefined ? [] : [['2.5.4.12', new asn1js.Utf8String({ value: title })] as [string, asn1js.Utf8String]]),
    ['2.5.4.3', new asn1js.Utf8String({ value: name })],
  ];
  const rdn = new asn1js.Sequence({
    value: attributes.map(([type, value]) => new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type, value }).toSchema()] })),
  });
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ value: 4242 });
  certificate.subject = pkijs.RelativeDistinguishedNames.fromBER(rdn.toBER(false));
  certificate.issuer = pkijs.RelativeDistinguishedNames.fromBER(rdn.toBER(false));
  certificate.notBefore = new pkijs.Time({ type: pkijs.TimeType.UTCTime, value: new Date(Date.UTC(2020, 0, 1)) });
  certificate.notAfter = new pkijs.Time({ type: pkijs.TimeType.UTCTime, value: new Date(Date.UTC(2040, 0, 1)) });
  await certificate.subjectPublicKeyInfo.importKey(publicKey);
  await certificate.sign(privateKey, 'SHA-256');
  return { certificate, privateKey };
}

export interface CountersignOptions {
  signer: TestSigner;
  /** Written as /M and as the CMS signing-time. */
  time: Date;
  /** Extra objects in the update, as PDF text, e.g. a replacement content stream. */
  extraObjects?: (firstFree: number) => { text: string; count: number; pageChanges?: (page: Map<string, PdfValue>) => void };
  /** Sign a digest of other bytes than the ByteRange covers. */
  brokenDigest?: boolean;
  /** Leave the widget off the page's /Annots (some tools put it on a later page). */
  name?: string;
}

const PLACEHOLDER_BYTES = 8192;

export async function countersign(pdf: Buffer, options: CountersignOptions): Promise<Buffer> {
  const text = pdf.toString('latin1');
  const startxref = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-64))?.[1]);
  // Every section of the chain, newest first, so the latest definition of each object wins.
  const offsets = new Map<number, number>();
  let trailer: Map<string, PdfValue> | undefined;
  for (let at: number | undefined = startxref; at !== undefined;) {
    const section = new PdfReader(pdf, at).xrefSection();
    trailer ??= section.trailer.entries;
    for (const [num, entry] of section.entries) if (entry.inUse && !offsets.has(num)) offsets.set(num, entry.offset);
    const prev = section.trailer.entries.get('Prev');
    at = prev?.type === 'number' ? prev.value : undefined;
  }
  if (!trailer) throw new Error('no trailer');
  const read = (num: number) => new PdfReader(pdf, offsets.get(num)).indirectObject().value;
  const size = (trailer.get('Size') as { value: number }).value;
  const rootNum = refOf(trailer.get('Root'))!;
  const catalog = dictOf(read(rootNum))!;
  const formNum = refOf(catalog.entries.get('AcroForm'))!;
  const form = dictOf(read(formNum))!;
  const pagesNum = refOf(catalog.entries.get('Pages'))!;
  const kids = dictOf(read(pagesNum))!.entries.get('Kids') as { items: PdfValue[] };
  const pageNum = refOf(kids.items[0])!;
  const page = dictOf(read(pageNum))!;

  const sigNum = size;
  const widgetNum = size + 1;
  const extra = options.extraObjects?.(size + 2);
  const widgetRef: PdfValue = { type: 'ref', num: widgetNum, gen: 0 };
  const annots = page.entries.get('Annots');
  page.entries.set('Annots', { type: 'array', items: [...(annots?.type === 'array' ? annots.items : []), widgetRef] });
  extra?.pageChanges?.(page.entries);
  const fields = form.entries.get('Fields') as { items: PdfValue[] };
  form.entries.set('Fields', { type: 'array', items: [...fields.items, widgetRef] });

  const pdfDate = `D:${options.time.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;
  const byteRangeSlot = '/ByteRange [0 0000000000 0000000000 0000000000]';
  const objects: [number, string][] = [
    [
      sigNum,
      `<<\n/Type /Sig\n/Filter /Adobe.PPKLite\n/SubFilter /adbe.pkcs7.detached\n${byteRangeSlot}\n/Contents <${'0'.repeat(PLACEHOLDER_BYTES * 2)}>\n/M (${pdfDate})\n/Name (${options.name ?? 'Kommunal underskriver'})\n/Reason (Godkendt)\n>>`,
    ],
    [widgetNum, `<<\n/Type /Annot\n/Subtype /Widget\n/FT /Sig\n/T (Kommune ${size})\n/V ${sigNum} 0 R\n/P ${pageNum} 0 R\n/Rect [0 0 0 0]\n/F 132\n>>`],
    [pageNum, serialize(page)],
    [formNum, serialize(form)],
  ];
  let body = '\n';
  const entries: [number, number][] = [];
  for (const [num, content] of objects) {
    entries.push([num, pdf.length + body.length]);
    body += `${num} 0 obj\n${content}\nendobj\n`;
  }
  if (extra) {
    // Each extra object starts with "N 0 obj"; its offset is found by searching the text.
    const base = pdf.length + body.length;
    body += extra.text;
    for (const match of extra.text.matchAll(/(?:^|\n)(\d+) 0 obj/g)) entries.push([Number(match[1]), base + match.index + (match[0].startsWith('\n') ? 1 : 0)]);
  }
  const xrefAt = pdf.length + body.length;
  entries.sort((a, b) => a[0] - b[0]);
  body += 'xref\n' + entries.map(([num, offset]) => `${num} 1\n${String(offset).padStart(10, '0')} 00000 n \n`).join('');
  const newSize = Math.max(size + 2 + (extra?.count ?? 0), size);
  const id = trailer.get('ID');
  body += `trailer\n<<\n/Size ${newSize}\n/Root ${rootNum} 0 R\n${trailer.has('Info') ? `/Info ${canonical(trailer.get('Info'))}\n` : ''}/Prev ${startxref}\n${id ? `/ID ${canonical(id)}\n` : ''}>>\nstartxref\n${xrefAt}\n%%EOF\n`;

  const out = Buffer.concat([pdf, Buffer.from(body, 'latin1')]);
  const outText = out.toString('latin1');
  const contentsAt = outText.indexOf('/Contents <', pdf.length) + '/Contents '.length;
  const gapEnd = contentsAt + PLACEHOLDER_BYTES * 2 + 2;
  const range = `/ByteRange [0 ${contentsAt} ${gapEnd} ${out.length - gapEnd}]`.padEnd(byteRangeSlot.length, ' ');
  out.write(range, outText.indexOf(byteRangeSlot, pdf.length), 'latin1');
  const signed = Buffer.concat([out.subarray(0, contentsAt), out.subarray(gapEnd)]);
  const cms = await createCms(options.brokenDigest ? Buffer.concat([signed, Buffer.from('x')]) : signed, options.signer, options.time);
  out.write(Buffer.from(cms).toString('hex'), contentsAt + 1, 'latin1');
  return out;
}

function serialize(value: PdfValue): string {
  switch (value.type) {
    case 'dict':
      return `<<\n${[...value.entries].map(([key, item]) => `/${key} ${serialize(item)}`).join('\n')}\n>>`;
    case 'array':
      return `[${value.items.map(serialize).join(' ')}]`;
    case 'name':
      return `/${value.value}`;
    case 'string':
      return `<${value.bytes.toString('hex')}>`;
    default:
      return canonical(value);
  }
}

async function createCms(content: Buffer, signer: TestSigner, time: Date): Promise<Uint8Array> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(content));
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: pkijs.ContentInfo.DATA }),
    certificates: [signer.certificate],
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: signer.certificate.issuer, serialNumber: signer.certificate.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: [
            new pkijs.Attribute({ type: OID_CONTENT_TYPE, values: [new asn1js.ObjectIdentifier({ value: pkijs.ContentInfo.DATA })] }),
            new pkijs.Attribute({ type: OID_SIGNING_TIME, values: [new asn1js.UTCTime({ valueDate: time })] }),
            new pkijs.Attribute({ type: OID_MESSAGE_DIGEST, values: [new asn1js.OctetString({ valueHex: digest })] }),
          ],
        }),
      }),
    ],
  });
  await signedData.sign(signer.privateKey, 0, 'SHA-256');
  const contentInfo = new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signedData.toSchema(true) });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}
