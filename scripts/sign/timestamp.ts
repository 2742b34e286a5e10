/**
 * PAdES baseline B-T: an RFC 3161 signature timestamp over the seal's signature value, from a
 * time-stamping authority (TSA) named in the configuration (`segl.tidsstempel_url`). The token
 * goes into the SignerInfo as the unsigned attribute id-aa-signatureTimeStampToken, where
 * Acrobat, pdfsig and DSS look for it; it proves the seal existed at the TSA's time, not just at
 * the /M the build claims.
 *
 * The request asks for a SHA-256 imprint, the TSA's certificate (certReq) and carries a random
 * nonce; the reply must be granted, for this imprint and this nonce, and its token's signature
 * must verify. Any failure is a SigningError naming the URL: the build stops rather than seal
 * without the timestamp it was told to get.
 */
import { randomBytes } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { distinguishedName, printable, subjectCommonNameOrNull } from './certificates.ts';
import { SigningError } from './errors.ts';
import { OID_SHA256, OID_SIGNATURE_TIME_STAMP_TOKEN } from './oids.ts';

/** Where the seal's timestamp comes from; absent: no timestamp (B-B). */
export interface TimestampOptions {
  url: string;
  /** How long to wait for the TSA (default TIMESTAMP_TIMEOUT_MS). */
  timeoutMs?: number;
}

const TIMESTAMP_TIMEOUT_MS = 30_000;
/** A reply is a few kilobytes; anything far bigger is not a timestamp. */
const MAX_REPLY_BYTES = 1024 * 1024;
const OID_KP_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
const OID_EXT_KEY_USAGE = '2.5.29.37';

/** What a verified signature timestamp says. */
export interface TimestampInfo {
  /** The TSA's genTime. */
  time: Date;
  /** The TSA: its certificate's CN, else its subject, else the token's tsa name. */
  tsa: string;
}

const failure = (url: string, reason: string, cause?: unknown): SigningError =>
  new SigningError('sign/timestamp', `segl/tidsstempel: tidsstemplet fra ${url} kunne ikke hentes: ${reason}`, cause === undefined ? undefined : { cause });

/**
 * Asks the TSA for a timestamp over `signatureValue` and returns the token (DER ContentInfo),
 * checked: granted, this imprint, this nonce, a signature that verifies.
 */
export async function requestTimestamp(signatureValue: Uint8Array, options: TimestampOptions): Promise<Uint8Array<ArrayBuffer>> {
  const { url } = options;
  const imprint = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', new Uint8Array(signatureValue)));
  const nonceBytes = randomBytes(8);
  nonceBytes[0] = (nonceBytes[0]! & 0x7f) | 0x01; // positive, and no leading zero byte to be stripped
  const nonce = new asn1js.Integer({ valueHex: new Uint8Array(nonceBytes).buffer });
  const request = new pkijs.TimeStampReq({
    version: 1,
    messageImprint: new pkijs.MessageImprint({
      hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256 }),
      hashedMessage: new asn1js.OctetString({ valueHex: imprint.buffer }),
    }),
    nonce,
    certReq: true,
  });

  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/timestamp-query', accept: 'application/timestamp-reply' },
      body: new Uint8Array(request.toSchema().toBER(false)),
      signal: AbortSignal.timeout(options.timeoutMs ?? TIMESTAMP_TIMEOUT_MS),
      redirect: 'error',
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw failure(url, `intet svar inden for ${Math.round((options.timeoutMs ?? TIMESTAMP_TIMEOUT_MS) / 1000)} sekunder`, error);
    }
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
    const code = (cause as NodeJS.ErrnoException).code;
    throw failure(url, `tjenesten kan ikke nås (${code ?? (cause instanceof Error ? cause.message : String(cause))})`, error);
  }
  if (!response.ok) throw failure(url, `tjenesten svarede HTTP ${response.status}${response.statusText ? ` ${printable(response.statusText)}` : ''}`);
  const type = response.headers.get('content-type') ?? '';
  // »timestamp-response« is what some older TSAs send for the same reply.
  if (!/^application\/timestamp-(reply|response)\b/i.test(type)) {
    throw failure(url, `svaret er ikke application/timestamp-reply, men »${printable(type || '(ingen type)')}«`);
  }
  const body = new Uint8Array(await response.arrayBuffer());
  if (body.length > MAX_REPLY_BYTES) throw failure(url, `svaret er for stort (${body.length} bytes)`);

  let reply: pkijs.TimeStampResp;
  try {
    reply = pkijs.TimeStampResp.fromBER(body);
  } catch (error) {
    throw failure(url, 'svaret kan ikke læses som et RFC 3161-svar', error);
  }
  const status = reply.status.status;
  if (status !== pkijs.PKIStatus.granted && status !== pkijs.PKIStatus.grantedWithMods) {
    const text = (reply.status.statusStrings ?? []).map((s) => printable(s.valueBlock.value)).join('; ');
    throw failure(url, `tjenesten afviste anmodningen (status ${status}${text ? `: ${text}` : ''})`);
  }
  if (!reply.timeStampToken) throw failure(url, 'svaret har intet tidsstempel');
  const token = new Uint8Array(reply.timeStampToken.toSchema().toBER(false));
  const read = readToken(token);
  if (typeof read === 'string') throw failure(url, read);
  if (!read.tstInfo.nonce?.isEqual(nonce)) throw failure(url, 'svaret hører ikke til anmodningen (nonce passer ikke)');
  const checked = await checkToken(read, signatureValue);
  if (typeof checked === 'string') throw failure(url, checked);
  return token;
}

/** The token's SignedData and TSTInfo, or why it cannot be read. */
function readToken(token: Uint8Array<ArrayBuffer>): { signedData: pkijs.SignedData; tstInfo: pkijs.TSTInfo } | string {
  try {
    const contentInfo = pkijs.ContentInfo.fromBER(token);
    if (contentInfo.contentType !== pkijs.ContentInfo.SIGNED_DATA) return 'tidsstemplet er ikke en CMS SignedData';
    const signedData = new pkijs.SignedData({ schema: contentInfo.content });
    const eContent = signedData.encapContentInfo.eContent;
    if (signedData.encapContentInfo.eContentType !== pkijs.id_eContentType_TSTInfo || !eContent) return 'tidsstemplet indeholder ingen TSTInfo';
    const tstInfo = eContent.getValue();
    // asn1js decodes an OCTET STRING holding valid DER into its parts and leaves the bytes pkijs'
    // SignedData.verify reads for the TSTInfo empty: the same bytes, as a plain OCTET STRING.
    signedData.encapContentInfo.eContent = new asn1js.OctetString({ valueHex: tstInfo });
    return { signedData, tstInfo: pkijs.TSTInfo.fromBER(tstInfo) };
  } catch {
    return 'tidsstemplet kan ikke læses';
  }
}

/**
 * The token is for `signatureValue` (its imprint), its signature verifies with the certificate it
 * carries, and that certificate is a TSA's (extended key usage timeStamping). The TSA's chain is
 * not judged here: see README, »Sealing«.
 */
async function checkToken(read: { signedData: pkijs.SignedData; tstInfo: pkijs.TSTInfo }, signatureValue: Uint8Array): Promise<TimestampInfo | string> {
  const { signedData, tstInfo } = read;
  const crypto = pkijs.getCrypto(true);
  const hash = crypto.getAlgorithmByOID(tstInfo.messageImprint.hashAlgorithm.algorithmId);
  if (!('name' in hash)) return 'tidsstemplet bruger en ukendt hashalgoritme';
  const expected = Buffer.from(await crypto.digest(hash.name, new Uint8Array(signatureValue)));
  if (!expected.equals(Buffer.from(tstInfo.messageImprint.hashedMessage.valueBlock.valueHexView))) {
    return 'tidsstemplet gælder ikke denne signatur (message imprint passer ikke)';
  }
  let certificate: pkijs.Certificate | undefined;
  try {
    const result = await signedData.verify({ signer: 0, data: new Uint8Array(signatureValue).buffer, extendedMode: true, checkChain: false });
    if (!result.signatureVerified) return 'tidsstemplets signatur er ugyldig';
    certificate = result.signerCertificate ?? undefined;
  } catch (error) {
    return error instanceof pkijs.SignedDataVerifyError && error.code === 3
      ? 'tidsstemplet indeholder ikke tjenestens certifikat'
      : 'tidsstemplets signatur er ugyldig';
  }
  if (!certificate) return 'tidsstemplet indeholder ikke tjenestens certifikat';
  if (!hasTimeStampingUsage(certificate)) return 'tidsstemplets certifikat er ikke udstedt til tidsstempling (extended key usage timeStamping)';
  if (tstInfo.genTime < certificate.notBefore.value || tstInfo.genTime > certificate.notAfter.value) {
    return 'tidsstemplets certifikat var ikke gyldigt på det tidspunkt, tidsstemplet angiver';
  }
  return { time: tstInfo.genTime, tsa: tsaName(certificate, tstInfo) };
}

function hasTimeStampingUsage(certificate: pkijs.Certificate): boolean {
  const extension = certificate.extensions?.find((e) => e.extnID === OID_EXT_KEY_USAGE);
  const parsed: unknown = extension?.parsedValue;
  return parsed instanceof pkijs.ExtKeyUsage && parsed.keyPurposes.includes(OID_KP_TIME_STAMPING);
}

function tsaName(certificate: pkijs.Certificate, tstInfo: pkijs.TSTInfo): string {
  const cn = subjectCommonNameOrNull(certificate);
  if (cn !== null) return printable(cn);
  const subject = distinguishedName(certificate.subject);
  if (subject !== '') return printable(subject);
  const named: unknown = tstInfo.tsa?.value;
  return named instanceof pkijs.RelativeDistinguishedNames ? printable(distinguishedName(named)) : '(uden navn)';
}

/**
 * A SignerInfo's signature timestamp, checked against its signature value: null when it has none,
 * else what it says, or why it is refused (Danish).
 */
export async function signatureTimestamp(signerInfo: pkijs.SignerInfo): Promise<TimestampInfo | string | null> {
  const attributes = (signerInfo.unsignedAttrs?.attributes ?? []).filter((a) => a.type === OID_SIGNATURE_TIME_STAMP_TOKEN);
  if (attributes.length === 0) return null;
  if (attributes.length > 1 || attributes[0]!.values.length !== 1) return 'Signaturen har mere end ét tidsstempel.';
  const value = attributes[0]!.values[0] as asn1js.BaseBlock;
  const read = readToken(new Uint8Array(value.toBER(false)));
  if (typeof read === 'string') return `Tidsstemplet er ugyldigt: ${read}.`;
  const checked = await checkToken(read, signerInfo.signature.valueBlock.valueHexView);
  return typeof checked === 'string' ? `Tidsstemplet er ugyldigt: ${checked}.` : checked;
}

/** The token as the unsigned attribute id-aa-signatureTimeStampToken. */
export function timestampAttribute(token: Uint8Array<ArrayBuffer>): pkijs.Attribute {
  const parsed = asn1js.fromBER(token);
  if (parsed.offset === -1) throw new SigningError('sign/timestamp', 'segl/tidsstempel: tidsstemplet kan ikke læses');
  return new pkijs.Attribute({ type: OID_SIGNATURE_TIME_STAMP_TOKEN, values: [parsed.result] });
}
