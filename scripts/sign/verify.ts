/**
 * Verifies a sealed PDF: the ByteRange covers the whole file except the
 * signature value, the CMS signature and digest match, the PAdES B-B
 * attributes are in place, and the certificate chains to a trust anchor.
 * Without a trust anchor the verdict is never "valid": anyone can make a
 * certificate named »Region Østdanmark« and re-seal an edited file.
 * Never throws for a bad PDF; the result carries Danish reasons instead.
 */
import { createHash } from 'node:crypto';
import type * as pkijs from 'pkijs';
import { distinguishedName, parsePemCertificates, printable, subjectCommonName, subjectCommonNameOrNull, subjectTitle } from './certificates.ts';
import { SigningError } from './errors.ts';
import { locateSignature } from './pdf-signature.ts';
import { analyseRevisions, firstRevisionEnd } from './revisions.ts';
import type { TimestampInfo } from './timestamp.ts';
import { checkCms } from './verify-cms.ts';

const PADES_SUBFILTER = 'ETSI.CAdES.detached';

/**
 * valid: intact and chained to a trust anchor. issuer-unchecked: intact, but no trust
 * anchor was given, so who sealed it is unknown. invalid: anything else.
 */
type Verdict = 'valid' | 'issuer-unchecked' | 'invalid';

export interface VerifyResult {
  verdict: Verdict;
  /** verdict === 'valid'. */
  ok: boolean;
  signerCN: string | null;
  /** The signer certificate's subject and issuer as one line each ("CN=…, O=…, C=DK"). */
  signerSubject: string | null;
  signerIssuer: string | null;
  /** The claimed signing time from the signature dictionary (/M). */
  signingTime: Date | null;
  /** The seal's signature timestamp (PAdES B-T), verified against the signature; null for B-B. */
  timestamp: TimestampInfo | null;
  /** Whether the certificate chains to the given CA; null when no CA was given. */
  chainTrusted: boolean | null;
  /** Why verification failed (Danish); empty unless the verdict is invalid. */
  reasons: string[];
}

export interface VerifyOptions {
  /** PEM with one or more trusted certificates (other PEM blocks are ignored). */
  caPem?: string;
  /** Fallback validation time when /M is missing; defaults to now. */
  now?: Date;
  /**
   * The SHA-256 fingerprint (lower-case hex) the signer's certificate must have. A CA such as the
   * OCES3 root certifies every Danish organisation's seal, so chaining to it says only that some
   * organisation sealed the file; the fingerprint says it was the region's own certificate.
   */
  signerSha256?: string;
}

/** A SHA-256 fingerprint as people write it (hex, with or without colons or spaces), normalised; undefined if it is not one. */
export function parseFingerprint(text: string): string | undefined {
  const hex = text.replace(/[\s:]/g, '').toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined;
}

export async function verifyPdf(bytes: Buffer, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const trusted = opts.caPem === undefined ? undefined : parseTrustAnchors(opts.caPem);
  const located = locateSignature(bytes);
  if (!located.ok) {
    return invalidResult(located.reason);
  }
  const { signature } = located;
  const reasons: string[] = [];
  if (signature.subFilter !== PADES_SUBFILTER) {
    reasons.push(`Signaturtypen er ${signature.subFilter ?? 'ikke angivet'}, ikke ${PADES_SUBFILTER} (PAdES).`);
  }
  if (!signature.signingTime) reasons.push('Signaturen mangler et gyldigt signeringstidspunkt (/M).');

  // Validated at the claimed signing time, so an archived agreement stays valid after the certificate expires.
  const cms = await checkCms(signature.cms, signature.signedContent, {
    ...(trusted ? { trusted } : {}),
    validationTime: signature.signingTime ?? opts.now ?? new Date(),
  });
  reasons.push(...cms.reasons);
  const signer = cms.signerCertificate;
  if (opts.signerSha256 !== undefined && signer) {
    const actual = createHash('sha256')
      .update(Buffer.from(signer.toSchema().toBER(false)))
      .digest('hex');
    if (actual !== opts.signerSha256) {
      reasons.push(
        `Forseglet med et andet certifikat end det forventede (SHA-256 ${actual}); selv et certifikat fra en betroet CA kan tilhøre en anden organisation.`,
      );
    }
  }
  const verdict: Verdict = reasons.length > 0 ? 'invalid' : cms.chainTrusted === true ? 'valid' : 'issuer-unchecked';
  return {
    verdict,
    ok: verdict === 'valid',
    signerCN: signer ? subjectCommonName(signer) : null,
    signerSubject: signer ? distinguishedName(signer.subject) : null,
    signerIssuer: signer ? distinguishedName(signer.issuer) : null,
    signingTime: signature.signingTime,
    timestamp: cms.timestamp,
    chainTrusted: cms.chainTrusted,
    reasons,
  };
}

/** A signature someone added after our seal, in an incremental update. */
interface LaterSignatureResult {
  /** 2 for the first update after the seal. */
  revision: number;
  /** CMS signature and message digest verify over its byte range. */
  valid: boolean;
  /** The certificate's CN, else the signature dictionary's /Name. */
  signer: string | null;
  /** The certificate's title attribute (2.5.4.12), if any. */
  title: string | null;
  signerSubject: string | null;
  signerIssuer: string | null;
  /** The CMS signing-time, else /M: what the signer's tool claims. */
  signingTime: Date | null;
  /** Whether the certificate chains to the given CA; null when none was given. Reported, not required. */
  chainTrusted: boolean | null;
  reasons: string[];
}

export interface SerialVerifyResult extends VerifyResult {
  /** Signatures after the seal, in file order; empty for a file that only carries the seal. */
  laterSignatures: LaterSignatureResult[];
}

/**
 * A sealed PDF that others may have signed after us (each signature an incremental update):
 * the seal is verified over the first revision exactly as verifyPdf does, every later
 * revision may only add signatures (see revisions.ts), and every later signature must verify
 * cryptographically over its byte range. A file with only the seal gets verifyPdf's verdict.
 */
export async function verifySignedPdf(bytes: Buffer, opts: VerifyOptions = {}): Promise<SerialVerifyResult> {
  const sealEnd = firstRevisionEnd(bytes);
  const onlySeal =
    sealEnd === undefined || sealEnd >= bytes.length || bytes.subarray(sealEnd).every((byte) => [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20].includes(byte));
  if (onlySeal) return { ...(await verifyPdf(bytes, opts)), laterSignatures: [] };

  const seal = await verifyPdf(bytes.subarray(0, sealEnd), opts);
  const analysis = analyseRevisions(bytes);
  if (!analysis.ok) {
    return {
      ...seal,
      verdict: 'invalid',
      ok: false,
      reasons: [...seal.reasons, `Der er tilføjet data efter forseglingen, som ikke kun tilføjer underskrifter: ${analysis.reason}`],
      laterSignatures: [],
    };
  }
  const trusted = opts.caPem === undefined ? undefined : parseTrustAnchors(opts.caPem);
  const laterSignatures: LaterSignatureResult[] = [];
  for (const signature of analysis.signatures) {
    const cms = await checkCms(signature.cms, signature.signedContent, {
      ...(trusted ? { trusted } : {}),
      validationTime: signature.signingTime ?? opts.now ?? new Date(),
      profile: 'cms',
    });
    const certificate = cms.signerCertificate;
    const signer = (certificate ? subjectCommonNameOrNull(certificate) : null) ?? signature.name;
    const title = certificate ? subjectTitle(certificate) : null;
    laterSignatures.push({
      revision: signature.revision,
      valid: cms.reasons.length === 0,
      signer: signer === null ? null : printable(signer),
      title: title === null ? null : printable(title),
      signerSubject: certificate ? distinguishedName(certificate.subject) : null,
      signerIssuer: certificate ? distinguishedName(certificate.issuer) : null,
      signingTime: cms.cmsSigningTime ?? signature.signingTime,
      chainTrusted: cms.chainTrusted,
      reasons: cms.reasons,
    });
  }
  const later = laterSignatures.flatMap((result, i) => result.reasons.map((reason) => `Signatur ${i + 2} (revision ${result.revision}): ${reason}`));
  if (later.length === 0) return { ...seal, laterSignatures };
  return { ...seal, verdict: 'invalid', ok: false, reasons: [...seal.reasons, ...later], laterSignatures };
}

/** A result for a file that could not be checked at all (unreadable, no signature). */
export function invalidResult(reason: string): VerifyResult {
  return {
    verdict: 'invalid',
    ok: false,
    signerCN: null,
    signerSubject: null,
    signerIssuer: null,
    signingTime: null,
    timestamp: null,
    chainTrusted: null,
    reasons: [reason],
  };
}

/** The verdict for an intact file whose issuer nobody checked, naming who it claims to be. */
export function issuerUncheckedMessage(result: Pick<VerifyResult, 'signerSubject' | 'signerIssuer'>): string {
  const subject = result.signerSubject ?? '(uden navn)';
  const issuer = result.signerIssuer === result.signerSubject ? 'sig selv' : `»${result.signerIssuer ?? '(uden navn)'}«`;
  return (
    `Integriteten er i orden, men udstederen er ikke kontrolleret: certifikatet »${subject}« ` +
    `(udstedt af ${issuer}) er ikke kontrolleret mod en betroet CA. Enhver kan lave et certifikat med det navn; ` +
    'angiv regionens CA med --ca FIL eller AFTALER_VERIFY_CA.'
  );
}

function parseTrustAnchors(caPem: string): pkijs.Certificate[] {
  let anchors: pkijs.Certificate[];
  try {
    anchors = parsePemCertificates(caPem);
  } catch (cause) {
    throw new SigningError('verify/bad-ca', 'CA-filen indeholder et certifikat, der ikke kan læses.', { cause });
  }
  if (anchors.length === 0) throw new SigningError('verify/bad-ca', 'CA-filen indeholder ingen certifikater (PEM).');
  return anchors;
}
