/** Object identifiers shared by the CMS builder and the verifier (RFC 5652, RFC 5035, NIST). */
export const OID_SHA256 = '2.16.840.1.101.3.4.2.1';
export const OID_CONTENT_TYPE = '1.2.840.113549.1.9.3';
export const OID_MESSAGE_DIGEST = '1.2.840.113549.1.9.4';
export const OID_SIGNING_TIME = '1.2.840.113549.1.9.5';
export const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';
/** id-aa-signatureTimeStampToken (RFC 3161 appendix A): the unsigned attribute carrying a B-T seal's timestamp. */
export const OID_SIGNATURE_TIME_STAMP_TOKEN = '1.2.840.113549.1.9.16.2.14';
