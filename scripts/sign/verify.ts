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
import { distinguishedName, parsePemCertificates, subjectCommonName } from './certificates.ts';
import { SigningError } from './errors.ts';
import { locateSignature } from './pdf-signature.ts';
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
    chainTrusted: cms.chainTrusted,
    reasons,
  };
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
