/**
 * Checks a detached CMS signature the way a PAdES B-B validator would: the
 * signature over the signed attributes, the message digest over the signed
 * bytes, the signing-certificate-v2 binding, no CMS signing-time, and – when
 * trust anchors are given – the certificate chain; a signature timestamp (B-T), when there is
 * one, must be for the signature value and verify. Reasons are Danish.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { certificateDer } from './certificates.ts';
import { OID_CONTENT_TYPE, OID_MESSAGE_DIGEST, OID_SIGNING_CERTIFICATE_V2, OID_SIGNING_TIME } from './oids.ts';
import { readSigningCertificateV2 } from './signing-certificate-v2.ts';
import { signatureTimestamp, type TimestampInfo } from './timestamp.ts';

export interface CmsCheck {
  signerCertificate: pkijs.Certificate | null;
  /** The CMS signing-time attribute, when the signer's tool set one. */
  cmsSigningTime: Date | null;
  /** null when no trust anchors were given. */
  chainTrusted: boolean | null;
  /** The seal's signature timestamp (PAdES B-T), verified; null without one (B-B) or for another's signature. */
  timestamp: TimestampInfo | null;
  reasons: string[];
}

export interface CmsCheckOptions {
  /** Trust anchors (CA certificates, or the signer's own certificate to trust it directly). */
  trusted?: readonly pkijs.Certificate[];
  /** When the certificates must have been valid: the claimed signing time. */
  validationTime: Date;
  /**
   * pades (default): our seal, PAdES baseline B-B, and an untrusted chain is a reason to refuse.
   * cms: someone else's signature after ours (Acrobat's adbe.pkcs7.detached, a signing service):
   * the signature and the message digest must verify, a CMS signing-time is allowed, and the
   * chain is reported in chainTrusted without being a reason.
   */
  profile?: 'pades' | 'cms';
}

/** pkijs' SignedData.verify message for "the signed bytes changed" (it has no distinct code). */
const PKIJS_DIGEST_MISMATCH = /Message digest doesn't match/;

export async function checkCms(cms: Uint8Array<ArrayBuffer>, signedContent: Uint8Array<ArrayBuffer>, options: CmsCheckOptions): Promise<CmsCheck> {
  const signedData = parseSignedData(cms);
  if (typeof signedData === 'string') return { signerCertificate: null, cmsSigningTime: null, chainTrusted: null, timestamp: null, reasons: [signedData] };
  const pades = (options.profile ?? 'pades') === 'pades';

  const reasons: string[] = [];
  const signerInfo = signedData.signerInfos[0];
  if (!signerInfo || signedData.signerInfos.length !== 1) reasons.push('Signaturen skal have præcis én underskriver.');
  if (signedData.encapContentInfo.eContent) reasons.push('Signaturen er ikke frakoblet (detached) som PAdES kræver.');

  const signerCertificate = await verifySignature(signedData, signedContent, reasons, pades);
  if (signerInfo) await checkSignedAttributes(signerInfo, signerCertificate, reasons, pades);
  // Only the seal's own timestamp is judged: a later signer's tool decides about its own.
  const stamped = signerInfo && pades ? await signatureTimestamp(signerInfo) : null;
  if (typeof stamped === 'string') reasons.push(stamped);
  const timestamp = typeof stamped === 'string' ? null : stamped;

  let chainTrusted: boolean | null = null;
  if (options.trusted && signerCertificate) {
    chainTrusted = await isChainTrusted(signerCertificate, signedData, options.trusted, options.validationTime);
    if (!chainTrusted && pades) {
      reasons.push('Certifikatet er ikke udstedt af den angivne CA (eller var ikke gyldigt på signeringstidspunktet).');
    }
  }
  return { signerCertificate, cmsSigningTime: signerInfo ? signingTimeAttribute(signerInfo) : null, chainTrusted, timestamp, reasons };
}

/** The signed signing-time attribute (RFC 5652 § 11.3), if present and readable. */
function signingTimeAttribute(signerInfo: pkijs.SignerInfo): Date | null {
  const attribute = signerInfo.signedAttrs?.attributes.find((candidate) => candidate.type === OID_SIGNING_TIME);
  const value: unknown = attribute?.values[0];
  if (value instanceof asn1js.UTCTime || value instanceof asn1js.GeneralizedTime) {
    const date = value.toDate();
    return Number.isNaN(date.getTime()) ? null : date;
  }
  return null;
}

function parseSignedData(cms: Uint8Array<ArrayBuffer>): pkijs.SignedData | string {
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(cms);
    if (contentInfo.contentType !== pkijs.ContentInfo.SIGNED_DATA) return 'Signaturen er ikke en CMS SignedData.';
    return new pkijs.SignedData({ schema: contentInfo.content });
  } catch {
    return 'Signaturværdien kunne ikke læses som CMS.';
  }
}

async function verifySignature(
  signedData: pkijs.SignedData,
  signedContent: Uint8Array<ArrayBuffer>,
  reasons: string[],
  pades: boolean,
): Promise<pkijs.Certificate | null> {
  try {
    const result = await signedData.verify({
      signer: 0,
      data: signedContent.slice().buffer,
      extendedMode: true,
      checkChain: false,
    });
    if (!result.signatureVerified) reasons.push('Signaturværdien passer ikke til certifikatets nøgle.');
    return result.signerCertificate ?? null;
  } catch (error) {
    if (error instanceof pkijs.SignedDataVerifyError) {
      reasons.push(
        PKIJS_DIGEST_MISMATCH.test(error.message)
          ? `Indholdet er ændret efter ${pades ? 'forseglingen' : 'underskriften'} (hashværdien passer ikke).`
          : `Signaturen kunne ikke verificeres (${error.message}).`,
      );
      return error.signerCertificate;
    }
    reasons.push('Signaturen kunne ikke verificeres.');
    return null;
  }
}

async function checkSignedAttributes(
  signerInfo: pkijs.SignerInfo,
  signerCertificate: pkijs.Certificate | null,
  reasons: string[],
  pades: boolean,
): Promise<void> {
  const attributes = signerInfo.signedAttrs?.attributes ?? [];
  const find = (oid: string): pkijs.Attribute | undefined => attributes.find((attribute) => attribute.type === oid);
  if (!find(OID_CONTENT_TYPE) || !find(OID_MESSAGE_DIGEST)) {
    reasons.push('Signaturen mangler de signerede attributter content-type og message-digest.');
  }
  if (pades && find(OID_SIGNING_TIME)) {
    reasons.push('Signaturen har en CMS signing-time-attribut; PAdES angiver tidspunktet i /M.');
  }
  const signingCertificate = find(OID_SIGNING_CERTIFICATE_V2);
  if (!signingCertificate) {
    if (pades) reasons.push('Signaturen mangler attributten signing-certificate-v2 (PAdES B-B).');
    return;
  }
  const reference = readSigningCertificateV2(signingCertificate);
  if (!reference) {
    reasons.push('Attributten signing-certificate-v2 er forkert kodet.');
    return;
  }
  if (!signerCertificate) return; // Already reported by the signature check.
  const crypto = pkijs.getCrypto(true);
  const hash = crypto.getAlgorithmByOID(reference.hashAlgorithm);
  if (!('name' in hash)) {
    reasons.push('Attributten signing-certificate-v2 bruger en ukendt hashalgoritme.');
    return;
  }
  const actual = await crypto.digest(hash.name, certificateDer(signerCertificate));
  if (!Buffer.from(actual).equals(Buffer.from(reference.certHash))) {
    reasons.push('Attributten signing-certificate-v2 peger ikke på underskriverens certifikat.');
  }
}

async function isChainTrusted(
  signer: pkijs.Certificate,
  signedData: pkijs.SignedData,
  trusted: readonly pkijs.Certificate[],
  validationTime: Date,
): Promise<boolean> {
  const signerDer = Buffer.from(certificateDer(signer));
  // A certificate the caller trusts by itself (e.g. the development certificate) needs no path.
  if (trusted.some((anchor) => Buffer.from(certificateDer(anchor)).equals(signerDer))) {
    return signer.notBefore.value <= validationTime && validationTime <= signer.notAfter.value;
  }
  const intermediates = (signedData.certificates ?? []).filter(
    (certificate): certificate is pkijs.Certificate => certificate instanceof pkijs.Certificate && certificate !== signer,
  );
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: [...trusted],
    // pkijs builds the path from the last certificate in the list.
    certs: [...intermediates, signer],
    checkDate: validationTime,
  });
  try {
    return (await engine.verify()).result;
  } catch {
    return false;
  }
}
