/**
 * Builds the detached CMS SignedData for a PAdES baseline B-B signature with
 * pkijs: SHA-256, RSASSA-PKCS1-v1_5, signed attributes content-type,
 * message-digest and signing-certificate-v2, signer certificate plus chain.
 * There is deliberately no signing-time attribute: PAdES puts the claimed time
 * in the signature dictionary's /M instead.
 *
 * With a time-stamping authority configured the seal is PAdES baseline B-T: the SignerInfo gets
 * an RFC 3161 timestamp over its signature value as an unsigned attribute (timestamp.ts).
 */
import { Signer } from '@signpdf/utils';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import type { SigningIdentity } from './keys.ts';
import { OID_CONTENT_TYPE, OID_MESSAGE_DIGEST } from './oids.ts';
import { signingCertificateV2Attribute } from './signing-certificate-v2.ts';
import { requestTimestamp, timestampAttribute, type TimestampOptions } from './timestamp.ts';

const OID_DATA = pkijs.ContentInfo.DATA;

/** Plugs the CMS into @signpdf/signpdf, which hands us the bytes the ByteRange covers. */
export class PadesSigner extends Signer {
  constructor(
    private readonly identity: SigningIdentity,
    private readonly timestamp?: TimestampOptions,
  ) {
    super();
  }

  // signingTime is ignored on purpose: the time lives in /M (set with the placeholder).
  override async sign(pdfBuffer: Buffer): Promise<Buffer> {
    return Buffer.from(await createPadesCms(new Uint8Array(pdfBuffer), this.identity, this.timestamp));
  }
}

/** DER-encoded ContentInfo(SignedData) over `content`, without the content itself. */
async function createPadesCms(content: Uint8Array<ArrayBuffer>, identity: SigningIdentity, timestamp?: TimestampOptions): Promise<Uint8Array> {
  const { certificate, chain, privateKey } = identity;
  const digest = await globalThis.crypto.subtle.digest('SHA-256', content);
  const attributes = derSorted([
    new pkijs.Attribute({ type: OID_CONTENT_TYPE, values: [new asn1js.ObjectIdentifier({ value: OID_DATA })] }),
    new pkijs.Attribute({ type: OID_MESSAGE_DIGEST, values: [new asn1js.OctetString({ valueHex: digest })] }),
    await signingCertificateV2Attribute(certificate),
  ]);

  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID_DATA }),
    certificates: [certificate, ...chain],
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({ issuer: certificate.issuer, serialNumber: certificate.serialNumber }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({ type: 0, attributes }),
      }),
    ],
  });
  await signedData.sign(privateKey, 0, 'SHA-256');
  if (timestamp) {
    const signerInfo = signedData.signerInfos[0]!;
    const token = await requestTimestamp(signerInfo.signature.valueBlock.valueHexView, timestamp);
    signerInfo.unsignedAttrs = new pkijs.SignedAndUnsignedAttributes({ type: 1, attributes: [timestampAttribute(token)] });
  }

  const contentInfo = new pkijs.ContentInfo({
    contentType: pkijs.ContentInfo.SIGNED_DATA,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

/**
 * signedAttrs is a DER SET OF, so its members must be sorted by encoding. pkijs
 * keeps the given order; OpenSSL (and others) re-encode the set sorted before
 * checking the signature, so an unsorted set would not verify there.
 */
function derSorted(attributes: pkijs.Attribute[]): pkijs.Attribute[] {
  const encoded = attributes.map((attribute) => ({
    attribute,
    der: Buffer.from(attribute.toSchema().toBER(false)),
  }));
  encoded.sort((a, b) => Buffer.compare(a.der, b.der));
  return encoded.map((entry) => entry.attribute);
}
