/**
 * A time-stamping authority for tests (RFC 3161 over HTTP), on 127.0.0.1 and a free port: it
 * answers a TimeStampReq with a TimeStampResp whose token is a CMS SignedData over a TSTInfo,
 * signed by a TSA certificate made here (self-signed, extended key usage timeStamping, critical,
 * as RFC 3161 § 2.3 requires). Built with pkijs directly, not with the code under test's request
 * side. `mode` makes it misbehave the ways a real TSA can.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

export const TSA_CN = 'Aftaler Test-TSA';

/** ok; HTTP 500; status rejection; a token for another imprint; a token with another nonce. */
type TsaMode = 'ok' | 'http-error' | 'rejection' | 'wrong-imprint' | 'wrong-nonce';

export interface LocalTsa {
  url: string;
  mode: TsaMode;
  /** Requests answered so far. */
  requests: number;
  /** A token over `imprint` (SHA-256), as the TSA would issue it: for tests that tamper with a seal. */
  issueToken(imprint: Uint8Array, nonce?: asn1js.Integer): Promise<Uint8Array<ArrayBuffer>>;
  close(): Promise<void>;
}

const OID_KP_TIME_STAMPING = '1.3.6.1.5.5.7.3.8';
const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';

async function tsaIdentity(): Promise<{ certificate: pkijs.Certificate; privateKey: CryptoKey }> {
  const { subtle } = globalThis.crypto;
  const keys = await subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, [
    'sign',
    'verify',
  ]);
  const certificate = new pkijs.Certificate();
  certificate.version = 2;
  certificate.serialNumber = new asn1js.Integer({ value: 3161 });
  const name = new pkijs.RelativeDistinguishedNames({
    typesAndValues: [new pkijs.AttributeTypeAndValue({ type: '2.5.4.3', value: new asn1js.Utf8String({ value: TSA_CN }) })],
  });
  certificate.subject = name;
  certificate.issuer = name;
  const now = Date.now();
  certificate.notBefore.value = new Date(now - 24 * 3600_000);
  certificate.notAfter.value = new Date(now + 24 * 3600_000);
  await certificate.subjectPublicKeyInfo.importKey(keys.publicKey);
  certificate.extensions = [
    new pkijs.Extension({
      extnID: pkijs.id_BasicConstraints,
      critical: true,
      extnValue: new pkijs.BasicConstraints({ cA: false }).toSchema().toBER(false),
    }),
    new pkijs.Extension({
      extnID: pkijs.id_ExtKeyUsage,
      critical: true,
      extnValue: new pkijs.ExtKeyUsage({ keyPurposes: [OID_KP_TIME_STAMPING] }).toSchema().toBER(false),
    }),
  ];
  await certificate.sign(keys.privateKey, 'SHA-256');
  // Parsed again, so its extensions carry their parsed values as in a certificate read from a token.
  return { certificate: pkijs.Certificate.fromBER(certificate.toSchema(true).toBER(false)), privateKey: keys.privateKey };
}

export async function startLocalTsa(): Promise<LocalTsa> {
  const { certificate, privateKey } = await tsaIdentity();
  let serial = 0;

  const issueToken = async (imprint: Uint8Array, nonce?: asn1js.Integer): Promise<Uint8Array<ArrayBuffer>> => {
    const tstInfo = new pkijs.TSTInfo({
      version: 1,
      policy: '1.2.3.4.1',
      messageImprint: new pkijs.MessageImprint({
        hashAlgorithm: new pkijs.AlgorithmIdentifier({ algorithmId: OID_SHA256 }),
        hashedMessage: new asn1js.OctetString({ valueHex: new Uint8Array(imprint).buffer }),
      }),
      serialNumber: new asn1js.Integer({ value: ++serial }),
      genTime: new Date(Math.floor(Date.now() / 1000) * 1000),
      ...(nonce ? { nonce } : {}),
    });
    const eContent = new Uint8Array(tstInfo.toSchema().toBER(false));
    const digest = await globalThis.crypto.subtle.digest('SHA-256', eContent);
    const signedData = new pkijs.SignedData({
      version: 3,
      encapContentInfo: new pkijs.EncapsulatedContentInfo({
        eContentType: pkijs.id_eContentType_TSTInfo,
        eContent: new asn1js.OctetString({ valueHex: eContent.buffer }),
      }),
      certificates: [certificate],
      signerInfos: [
        new pkijs.SignerInfo({
          version: 1,
          sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
          signedAttrs: new pkijs.SignedAndUnsignedAttributes({
            type: 0,
            attributes: [
              new pkijs.Attribute({ type: OID_CONTENT_TYPE, values: [new asn1js.ObjectIdentifier({ value: pkijs.id_eContentType_TSTInfo })] }),
              new pkijs.Attribute({ type: OID_MESSAGE_DIGEST, values: [new asn1js.OctetString({ valueHex: digest })] }),
            ],
          }),
        }),
      ],
    });
    await signedData.sign(privateKey, 0, 'SHA-256');
    const token = new pkijs.ContentInfo({ contentType: pkijs.ContentInfo.SIGNED_DATA, content: signedData.toSchema(true) });
    return new Uint8Array(token.toSchema().toBER(false));
  };

  const answer = async (body: Buffer): Promise<{ status: number; type: string; bytes: Uint8Array }> => {
    if (tsa.mode === 'http-error') return { status: 500, type: 'text/plain', bytes: Buffer.from('intern fejl') };
    const request = pkijs.TimeStampReq.fromBER(new Uint8Array(body));
    const reply = (resp: pkijs.TimeStampResp) => ({ status: 200, type: 'application/timestamp-reply', bytes: new Uint8Array(resp.toSchema().toBER(false)) });
    if (tsa.mode === 'rejection') {
      return reply(
        new pkijs.TimeStampResp({
          status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.rejection, statusStrings: [new asn1js.Utf8String({ value: 'policy not accepted' })] }),
        }),
      );
    }
    let imprint = new Uint8Array(request.messageImprint.hashedMessage.valueBlock.valueHexView);
    if (tsa.mode === 'wrong-imprint') imprint = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', Buffer.from('noget andet')));
    const nonce = tsa.mode === 'wrong-nonce' ? new asn1js.Integer({ value: 42 }) : request.nonce;
    const token = pkijs.ContentInfo.fromBER(await issueToken(imprint, nonce));
    return reply(new pkijs.TimeStampResp({ status: new pkijs.PKIStatusInfo({ status: pkijs.PKIStatus.granted }), timeStampToken: token }));
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      tsa.requests++;
      answer(Buffer.concat(chunks)).then(
        ({ status, type, bytes }) => {
          res.writeHead(status, { 'content-type': type });
          res.end(bytes);
        },
        () => {
          res.writeHead(400, { 'content-type': 'text/plain' });
          res.end('bad request');
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const tsa: LocalTsa = {
    url: `http://127.0.0.1:${port}/tsa`,
    mode: 'ok',
    requests: 0,
    issueToken,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return tsa;
}

/** A URL on 127.0.0.1 where nothing listens (a port that was free a moment ago). */
export async function unreachableUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/tsa`;
}
