import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEV_SIGNING_DIR, DEV_SIGNING_FILE } from '../../scripts/sign/signing-env.ts';
import { SigningError } from '../../scripts/sign/errors.ts';
import { type SigningIdentity, loadSigningIdentity } from '../../scripts/sign/keys.ts';
import { SIGNATURE_PLACEHOLDER_BYTES } from '../../scripts/sign/placeholder.ts';
import { formatSealLine } from '../../scripts/sign/seal-line.ts';
import { signPdf } from '../../scripts/sign/sign.ts';
import { signingTimeFromEnv } from '../../scripts/sign/signing-time.ts';
import { verifyPdf } from '../../scripts/sign/verify.ts';
import { extractSignature, renderWithPlaceholder } from './pdf.ts';
import { LEAF_CN, PASSPHRASE, type TestPki, createTestPki } from './pki.ts';
import { mustRun, nssDbTrusting, pdfsig, removeTempDirs, run, tempDir } from './tools.ts';

const OID = {
  sha256: '2.16.840.1.101.3.4.2.1',
  data: '1.2.840.113549.1.7.1',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  signingCertificateV2: '1.2.840.113549.1.9.16.2.47',
};

let pki: TestPki;
let identity: SigningIdentity;
let sourceDateEpoch: string;
let signingTime: Date;
let signed: Buffer;
let signedFile: string;
let work: string;

beforeAll(async () => {
  pki = createTestPki();
  work = tempDir('sign');
  identity = await loadSigningIdentity({
    root: work,
    env: { AFTALER_SIGN_P12: pki.region.p12, AFTALER_SIGN_PASSPHRASE: PASSPHRASE },
  });
  // A minute after the test certificate was issued, so it is valid at the signing time.
  sourceDateEpoch = String(Math.floor(Date.now() / 1000) + 60);
  signingTime = signingTimeFromEnv({ SOURCE_DATE_EPOCH: sourceDateEpoch });
  signed = await signPdf(await renderWithPlaceholder(signingTime, identity.subjectCN), identity, signingTime);
  signedFile = path.join(work, 'signed.pdf');
  writeFileSync(signedFile, signed);
});
afterAll(removeTempDirs);

describe('signPdf', () => {
  it('produces a PDF that qpdf --check accepts without warnings', () => {
    const result = run('qpdf', ['--check', signedFile]);
    expect(result.status).toBe(0);
    expect(result.stdout + result.stderr).not.toMatch(/warning/i);
    expect(result.stdout).toMatch(/No syntax or stream encoding errors found/);
  });

  it('is a valid, trusted ETSI.CAdES.detached signature over the whole document for pdfsig', () => {
    const output = pdfsig(signedFile, nssDbTrusting(pki.region.caPem));
    expect(output).toContain('Signature is Valid');
    expect(output).toContain('ETSI.CAdES.detached');
    expect(output).toMatch(/^\s*- Total document signed/m);
    expect(output).toContain('Certificate is Trusted');
    expect(output).toContain(`Signer Certificate Common Name: ${LEAF_CN}`);
    expect(output).toContain('Signing Hash Algorithm: SHA-256');
  });

  it('embeds a CMS that `openssl cms -verify` accepts for the signed byte ranges', () => {
    const { cms, signedBytes } = extractSignature(signed);
    const cmsFile = path.join(work, 'extracted.cms');
    const contentFile = path.join(work, 'byterange.bin');
    writeFileSync(cmsFile, cms);
    writeFileSync(contentFile, signedBytes);
    const result = run('openssl', [
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      cmsFile,
      '-content',
      contentFile,
      '-CAfile',
      pki.region.caPem,
      '-purpose',
      'any',
      '-out',
      path.join(work, 'verified.out'),
    ]);
    expect(result.stderr).toContain('Verification successful');
    expect(result.status).toBe(0);
  });

  it('builds a PAdES B-B CMS: SHA-256, ESS signing-certificate-v2, no signing-time, chain included', () => {
    const { cms, signedBytes } = extractSignature(signed);
    const contentInfo = pkijs.ContentInfo.fromBER(new Uint8Array(cms));
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    expect(signedData.encapContentInfo.eContent).toBeUndefined();
    expect(signedData.certificates).toHaveLength(2);
    const [signerInfo] = signedData.signerInfos;
    expect(signedData.signerInfos).toHaveLength(1);
    expect(signerInfo?.digestAlgorithm.algorithmId).toBe(OID.sha256);

    const attributes = signerInfo?.signedAttrs?.attributes ?? [];
    const types = attributes.map((attribute) => attribute.type);
    expect(types).toEqual(expect.arrayContaining([OID.contentType, OID.messageDigest, OID.signingCertificateV2]));
    expect(types).not.toContain(OID.signingTime);
    const valueOf = (oid: string): unknown => attributes.find((attribute) => attribute.type === oid)?.values[0];

    const contentType = valueOf(OID.contentType);
    expect(contentType).toBeInstanceOf(asn1js.ObjectIdentifier);
    expect((contentType as asn1js.ObjectIdentifier).valueBlock.toString()).toBe(OID.data);

    const digest = valueOf(OID.messageDigest) as asn1js.OctetString;
    expect(Buffer.from(digest.valueBlock.valueHexView)).toEqual(createHash('sha256').update(signedBytes).digest());

    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2 }; ESSCertIDv2 starts
    // with certHash when hashAlgorithm is the DER-omitted default, SHA-256.
    const signingCertificate = valueOf(OID.signingCertificateV2);
    expect(signingCertificate).toBeInstanceOf(asn1js.Sequence);
    const certs = (signingCertificate as asn1js.Sequence).valueBlock.value[0] as asn1js.Sequence;
    const essCertId = certs.valueBlock.value[0] as asn1js.Sequence;
    const certHash = essCertId.valueBlock.value[0];
    expect(certHash).toBeInstanceOf(asn1js.OctetString);
    const leafDerFile = path.join(work, 'leaf.der');
    mustRun('openssl', ['x509', '-in', pki.region.leafPem, '-outform', 'DER', '-out', leafDerFile]);
    const leafDer = readFileSync(leafDerFile);
    expect(Buffer.from((certHash as asn1js.OctetString).valueBlock.valueHexView)).toEqual(createHash('sha256').update(leafDer).digest());
  });

  it('puts the signing time in /M, uses a 16 KiB placeholder and covers all but /Contents', () => {
    const text = signed.toString('latin1');
    const m = signingTime.toISOString().replace(/[-:T]/g, '').slice(0, 14);
    expect(text).toContain(`/M (D:${m}Z)`);
    expect(text).toContain('/SubFilter /ETSI.CAdES.detached');
    const { byteRange } = extractSignature(signed);
    const [start, firstLength, gapEnd, secondLength] = byteRange;
    expect(start).toBe(0);
    expect(gapEnd - firstLength).toBe(2 * SIGNATURE_PLACEHOLDER_BYTES + 2);
    expect(gapEnd + secondLength).toBe(signed.length);
  });

  it('gives byte-identical output for the same PDF, key and SOURCE_DATE_EPOCH', async () => {
    const time = signingTimeFromEnv({ SOURCE_DATE_EPOCH: sourceDateEpoch });
    const again = await signPdf(await renderWithPlaceholder(time, identity.subjectCN), identity, time);
    expect(again.equals(signed)).toBe(true);
  });

  it('refuses a signing time outside the certificate validity', async () => {
    const old = signingTimeFromEnv({ SOURCE_DATE_EPOCH: '978307200' }); // 2001-01-01
    const error: unknown = await signPdf(await renderWithPlaceholder(old, identity.subjectCN), identity, old).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SigningError);
    expect((error as SigningError).code).toBe('sign/cert-not-valid');
  });

  it('refuses a PDF without a placeholder', async () => {
    const error: unknown = await signPdf(signed, identity, signingTime).catch((caught: unknown) => caught);
    expect((error as SigningError).code).toBe('sign/no-placeholder');
  });

  it('signs with the development certificate too, trusted when that certificate is the CA', async () => {
    const root = tempDir('dev-sign');
    const dev = await loadSigningIdentity({ root, env: {} });
    const devSigned = await signPdf(await renderWithPlaceholder(signingTime, dev.subjectCN), dev, signingTime);
    const file = path.join(root, 'dev.pdf');
    writeFileSync(file, devSigned);
    expect(pdfsig(file)).toContain('Signature is Valid');
    const devPem = readFileSync(path.join(root, DEV_SIGNING_DIR, DEV_SIGNING_FILE), 'utf8');
    const result = await verifyPdf(devSigned, { caPem: devPem });
    expect(result).toMatchObject({ ok: true, chainTrusted: true, signerCN: dev.subjectCN });
  });
});

describe('signingTimeFromEnv', () => {
  it('uses SOURCE_DATE_EPOCH, else now in whole seconds, and rejects malformed values', () => {
    expect(signingTimeFromEnv({ SOURCE_DATE_EPOCH: '1800000000' }).toISOString()).toBe('2027-01-15T08:00:00.000Z');
    expect(signingTimeFromEnv({}, () => new Date('2027-01-15T08:00:00.750Z')).toISOString()).toBe('2027-01-15T08:00:00.000Z');
    expect(() => signingTimeFromEnv({ SOURCE_DATE_EPOCH: '17e8' })).toThrow(SigningError);
  });
});

describe('formatSealLine', () => {
  it('names the region, the certificate and the Danish date (Copenhagen time)', () => {
    expect(formatSealLine(LEAF_CN, new Date('2027-01-15T08:00:00Z'))).toBe(`Elektronisk forseglet af Region Østdanmark · ${LEAF_CN} · 15. januar 2027`);
    // 23:30 UTC on New Year's Eve is already 1 January in Denmark.
    expect(formatSealLine('X', new Date('2026-12-31T23:30:00Z'))).toBe('Elektronisk forseglet af Region Østdanmark · X · 1. januar 2027');
  });
});
