/**
 * Verifies a sealed PDF: the ByteRange covers the whole file except the
 * signature value, the CMS signature and digest match, the PAdES B-B
 * attributes are in place, and – with a CA – the certificate chains to it.
 * Never throws for a bad PDF; the result carries Danish reasons instead.
 */
import type * as pkijs from 'pkijs';
import { parsePemCertificates, subjectCommonName } from './certificates.ts';
import { SigningError } from './errors.ts';
import { locateSignature } from './pdf-signature.ts';
import { checkCms } from './verify-cms.ts';

const PADES_SUBFILTER = 'ETSI.CAdES.detached';

export interface VerifyResult {
  ok: boolean;
  signerCN: string | null;
  /** The claimed signing time from the signature dictionary (/M). */
  signingTime: Date | null;
  /** Whether the certificate chains to the given CA; null when no CA was given. */
  chainTrusted: boolean | null;
  /** Why verification failed (Danish); empty when ok. */
  reasons: string[];
}

export interface VerifyOptions {
  /** PEM with one or more trusted certificates (other PEM blocks are ignored). */
  caPem?: string;
  /** Fallback validation time when /M is missing; defaults to now. */
  now?: Date;
}

export async function verifyPdf(bytes: Buffer, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const trusted = opts.caPem === undefined ? undefined : parseTrustAnchors(opts.caPem);
  const located = locateSignature(bytes);
  if (!located.ok) {
    return { ok: false, signerCN: null, signingTime: null, chainTrusted: null, reasons: [located.reason] };
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
  return {
    ok: reasons.length === 0,
    signerCN: cms.signerCertificate ? subjectCommonName(cms.signerCertificate) : null,
    signingTime: signature.signingTime,
    chainTrusted: cms.chainTrusted,
    reasons,
  };
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
