/**
 * The self-signed development certificate used when no real PKCS#12 is
 * configured. Created once (pure JS: WebCrypto + pkijs) in `<root>/.signing/`,
 * which is gitignored, and reused afterwards so local builds keep one identity.
 */
import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { fromPem, parseCertificateDer, toPem } from './certificates.ts';
import { SigningError } from './errors.ts';
import { DEV_SIGNING_DIR, DEV_SIGNING_FILE } from './signing-env.ts';
export const DEV_SUBJECT_CN = 'Region Østdanmark – TESTCERTIFIKAT (ikke gyldigt)';

/**
 * Fixed and in the past on purpose: with SOURCE_DATE_EPOCH the signing time is a
 * commit date, which may well be older than this machine's certificate.
 */
const DEV_NOT_BEFORE = new Date(Date.UTC(2000, 0, 1));
const DEV_VALID_YEARS = 10;

export interface DevelopmentKey {
  privateKeyPkcs8: Uint8Array<ArrayBuffer>;
  certificate: pkijs.Certificate;
}

export async function loadOrCreateDevelopmentKey(root: string): Promise<DevelopmentKey> {
  const file = path.join(root, DEV_SIGNING_DIR, DEV_SIGNING_FILE);
  const existing = await readIfExists(file);
  if (existing !== null) return parseDevelopmentFile(existing);
  await writeOnce(file, await createDevelopmentPem(new Date()));
  // Read back rather than use what we generated: a parallel build may have won the race.
  return parseDevelopmentFile(await readFile(file, 'utf8'));
}

async function createDevelopmentPem(now: Date): Promise<string> {
  const subtle = globalThis.crypto.subtle;
  const keys = await subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 3072, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, [
    'sign',
    'verify',
  ]);
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  // Positive 128-bit serial: clear the top bit so DER does not read it as negative.
  const serial = randomBytes(16);
  serial[0] = (serial[0] ?? 0) & 0x7f;
  certificate.serialNumber = new asn1js.Integer({ valueHex: serial });
  certificate.subject = developmentName();
  certificate.issuer = developmentName();
  certificate.notBefore = x509Time(DEV_NOT_BEFORE);
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + DEV_VALID_YEARS);
  certificate.notAfter = x509Time(notAfter);

  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  const keyId = await subtle.digest('SHA-1', new Uint8Array(certificate.subjectPublicKeyInfo.subjectPublicKey.valueBlock.valueHexView));
  certificate.extensions = [
    new pkijs.Extension({
      extnID: pkijs.id_BasicConstraints,
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false),
    }),
    new pkijs.Extension({
      extnID: pkijs.id_KeyUsage,
      critical: true,
      // digitalSignature (bit 0) + nonRepudiation (bit 1): a seal, not a CA.
      extnValue: new asn1js.BitString({ valueHex: new Uint8Array([0xc0]), unusedBits: 6 }).toBER(false),
    }),
    new pkijs.Extension({
      extnID: pkijs.id_SubjectKeyIdentifier,
      extnValue: new asn1js.OctetString({ valueHex: keyId }).toBER(false),
    }),
  ];
  await certificate.sign(keys.privateKey, 'SHA-256');

  const pkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', keys.privateKey));
  return (
    `# Udviklingscertifikat til at forsegle aftaler lokalt. IKKE gyldigt. Må ikke deles eller committes.\n` +
    toPem('PRIVATE KEY', pkcs8) +
    toPem('CERTIFICATE', new Uint8Array(certificate.toSchema(true).toBER(false)))
  );
}

/**
 * C=DK, O=Region Østdanmark, CN=… as three separate RDNs. Setting typesAndValues
 * on a pkijs name would put all three in one multi-valued RDN, which validators
 * show as "C=DK+O=…+CN=…"; parsing a built Name keeps the intended structure.
 */
function developmentName(): pkijs.RelativeDistinguishedNames {
  const attributes = [
    new pkijs.AttributeTypeAndValue({ type: '2.5.4.6', value: new asn1js.PrintableString({ value: 'DK' }) }),
    new pkijs.AttributeTypeAndValue({ type: '2.5.4.10', value: new asn1js.Utf8String({ value: 'Region Østdanmark' }) }),
    new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: DEV_SUBJECT_CN }) }),
  ];
  const name = new asn1js.Sequence({
    value: attributes.map((attribute) => new asn1js.Set({ value: [attribute.toSchema()] })),
  });
  return pkijs.RelativeDistinguishedNames.fromBER(name.toBER(false));
}

/** UTCTime until 2049, GeneralizedTime after, as RFC 5280 requires. */
function x509Time(date: Date): pkijs.Time {
  return new pkijs.Time({ type: date.getUTCFullYear() < 2050 ? pkijs.TimeType.UTCTime : pkijs.TimeType.GeneralizedTime, value: date });
}

function parseDevelopmentFile(pem: string): DevelopmentKey {
  const [privateKeyPkcs8] = fromPem(pem, 'PRIVATE KEY');
  const [certificateDer] = fromPem(pem, 'CERTIFICATE');
  try {
    if (!privateKeyPkcs8 || !certificateDer) throw new Error('missing PEM block');
    return { privateKeyPkcs8, certificate: parseCertificateDer(certificateDer) };
  } catch (cause) {
    throw new SigningError('sign/dev-cert', `Udviklingscertifikatet i ${DEV_SIGNING_DIR}/${DEV_SIGNING_FILE} er beskadiget – slet filen, så laves et nyt.`, {
      cause,
    });
  }
}

async function readIfExists(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (isErrnoException(error) && error.code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Writes `content` to `file` unless it already exists, atomically: the content
 * goes to a private temp file first and is then hard-linked into place, which
 * fails instead of overwriting when another process got there first.
 */
async function writeOnce(file: string, content: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, content, { mode: 0o600, flag: 'wx' });
  try {
    await link(temp, file);
  } catch (error) {
    if (isErrnoException(error) && error.code === 'EEXIST') return;
    // Filesystems without hard links: exclusive create is still race-free for writers.
    await writeFile(file, content, { mode: 0o600, flag: 'wx' }).catch((fallbackError: unknown) => {
      if (!(isErrnoException(fallbackError) && fallbackError.code === 'EEXIST')) throw fallbackError;
    });
  } finally {
    await unlink(temp);
  }
}

function isErrnoException(value: unknown): value is NodeJS.ErrnoException {
  return value instanceof Error && 'code' in value;
}
