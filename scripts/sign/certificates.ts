/**
 * Small helpers around pkijs certificates: DER/PEM conversion, the subject's
 * common name, and putting a PKCS#12's loose certificates in chain order.
 */
import * as pkijs from 'pkijs';

const OID_COMMON_NAME = '2.5.4.3';
const OID_TITLE = '2.5.4.12';

export function certificateDer(certificate: pkijs.Certificate): Uint8Array<ArrayBuffer> {
  return new Uint8Array(certificate.toSchema(true).toBER(false));
}

export function parseCertificateDer(der: Uint8Array<ArrayBuffer>): pkijs.Certificate {
  return pkijs.Certificate.fromBER(der);
}

export function toPem(label: string, der: Uint8Array): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/** All blocks with the given label, in file order, as DER. */
export function fromPem(pem: string, label: string): Uint8Array<ArrayBuffer>[] {
  const pattern = new RegExp(`-----BEGIN ${label}-----([A-Za-z0-9+/=\\s]+?)-----END ${label}-----`, 'g');
  return [...pem.matchAll(pattern)].map((match) => new Uint8Array(Buffer.from(match[1] ?? '', 'base64')));
}

export function parsePemCertificates(pem: string): pkijs.Certificate[] {
  return fromPem(pem, 'CERTIFICATE').map(parseCertificateDer);
}

function nameAttribute(name: pkijs.RelativeDistinguishedNames, oid: string): string | null {
  const attribute = name.typesAndValues.find((entry) => entry.type === oid);
  // CN and title are DirectoryStrings: every string type asn1js decodes exposes valueBlock.value.
  const value: unknown = attribute?.value.valueBlock.value;
  return typeof value === 'string' ? value : null;
}

export function subjectCommonName(certificate: pkijs.Certificate): string {
  return nameAttribute(certificate.subject, OID_COMMON_NAME) ?? '(uden navn)';
}

/** The subject's CN, or null when it has none. */
export function subjectCommonNameOrNull(certificate: pkijs.Certificate): string | null {
  return nameAttribute(certificate.subject, OID_COMMON_NAME);
}

/** The subject's title attribute (e.g. »Borgmester«), when the certificate has one. */
export function subjectTitle(certificate: pkijs.Certificate): string | null {
  return nameAttribute(certificate.subject, OID_TITLE);
}

/** Short names for the attributes OCES3 and the test certificates use; others show as their OID. */
const ATTRIBUTE_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.97': 'organizationIdentifier',
};

/**
 * A name as one line, most specific first (RFC 4514 order: "CN=…, O=…, C=DK").
 * The text comes from whoever made the certificate, so control and bidi
 * characters are replaced: they could rewrite a terminal line or hide part of a name.
 */
export function distinguishedName(name: pkijs.RelativeDistinguishedNames): string {
  const parts = name.typesAndValues.map((entry) => {
    const value: unknown = entry.value.valueBlock.value;
    const text = typeof value === 'string' ? value : '(ukendt værdi)';
    return `${ATTRIBUTE_NAMES[entry.type] ?? entry.type}=${printable(text)}`;
  });
  return parts.length === 0 ? '(uden navn)' : parts.reverse().join(', ');
}

// C0/C1 controls, and the bidi embeddings, overrides and isolates.
// eslint-disable-next-line no-control-regex -- matching control characters is the point.
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, '\uFFFD');
}

/**
 * The certificates above `leaf`, following issuer names (leaf's issuer first).
 * Certificates that are not on the path are dropped: a PKCS#12 may carry extras,
 * and only the path helps a validator.
 */
export function chainAbove(leaf: pkijs.Certificate, pool: readonly pkijs.Certificate[]): pkijs.Certificate[] {
  const chain: pkijs.Certificate[] = [];
  let current = leaf;
  const remaining = pool.filter((candidate) => candidate !== leaf);
  while (!isSelfIssued(current)) {
    const index = remaining.findIndex((candidate) => candidate.subject.isEqual(current.issuer));
    const issuer = remaining[index];
    if (!issuer) break;
    remaining.splice(index, 1);
    chain.push(issuer);
    current = issuer;
  }
  return chain;
}

function isSelfIssued(certificate: pkijs.Certificate): boolean {
  return certificate.subject.isEqual(certificate.issuer);
}
