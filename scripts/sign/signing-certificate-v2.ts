/**
 * The ESS signing-certificate-v2 attribute (RFC 5035), which PAdES B-B requires
 * and pkijs has no class for. It binds the signature to the signer's certificate
 * by hash, so the certificate in the CMS cannot be swapped for another one with
 * the same key. This is the only ASN.1 structure the signing code builds by hand.
 *
 *   SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies ... OPTIONAL }
 *   ESSCertIDv2 ::= SEQUENCE {
 *     hashAlgorithm AlgorithmIdentifier DEFAULT { id-sha256 },
 *     certHash      OCTET STRING,
 *     issuerSerial  IssuerSerial OPTIONAL }
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { certificateDer } from './certificates.ts';
import { OID_SHA256, OID_SIGNING_CERTIFICATE_V2 } from './oids.ts';

const GENERAL_NAME_DIRECTORY = 4;

export async function signingCertificateV2Attribute(certificate: pkijs.Certificate): Promise<pkijs.Attribute> {
  const certHash = await globalThis.crypto.subtle.digest('SHA-256', certificateDer(certificate));
  const issuerSerial = new pkijs.IssuerSerial({
    issuer: new pkijs.GeneralNames({
      names: [new pkijs.GeneralName({ type: GENERAL_NAME_DIRECTORY, value: certificate.issuer })],
    }),
    serialNumber: certificate.serialNumber,
  });
  // hashAlgorithm is left out: SHA-256 is its DEFAULT, and DER forbids encoding defaults.
  const essCertIdV2 = new asn1js.Sequence({
    value: [new asn1js.OctetString({ valueHex: certHash }), issuerSerial.toSchema()],
  });
  const signingCertificateV2 = new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] });
  return new pkijs.Attribute({ type: OID_SIGNING_CERTIFICATE_V2, values: [signingCertificateV2] });
}

export interface SigningCertificateRef {
  /** Dotted OID of the hash algorithm (SHA-256 when the field is absent). */
  hashAlgorithm: string;
  certHash: Uint8Array;
}

/** The first ESSCertIDv2 of the attribute (the signer's, by RFC 5035), or null if malformed. */
export function readSigningCertificateV2(attribute: pkijs.Attribute): SigningCertificateRef | null {
  const signingCertificate: unknown = attribute.values[0];
  if (!(signingCertificate instanceof asn1js.Sequence)) return null;
  const certs = signingCertificate.valueBlock.value[0];
  if (!(certs instanceof asn1js.Sequence)) return null;
  const first = certs.valueBlock.value[0];
  if (!(first instanceof asn1js.Sequence)) return null;
  const [head, second] = first.valueBlock.value;
  if (head instanceof asn1js.OctetString) {
    return { hashAlgorithm: OID_SHA256, certHash: head.valueBlock.valueHexView };
  }
  if (head instanceof asn1js.Sequence && second instanceof asn1js.OctetString) {
    const algorithm = head.valueBlock.value[0];
    if (!(algorithm instanceof asn1js.ObjectIdentifier)) return null;
    return { hashAlgorithm: algorithm.valueBlock.toString(), certHash: second.valueBlock.valueHexView };
  }
  return null;
}
