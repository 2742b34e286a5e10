/**
 * Reads a PKCS#12 (.p12/.pfx) file into a PKCS#8 private key and its certificates,
 * using pkijs. Only password integrity + PBES2 encryption is supported (what
 * OpenSSL 3 and current Windows export by default); the legacy 3DES/RC2
 * PKCS#12-PBE schemes get a clear error asking for a modern re-export.
 */
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { SigningError, type SigningErrorCode } from './errors.ts';

export interface Pkcs12Contents {
  /** DER-encoded PKCS#8 PrivateKeyInfo. */
  privateKeyPkcs8: Uint8Array<ArrayBuffer>;
  certificates: pkijs.Certificate[];
}

const OID_PBES2 = '1.2.840.113549.1.5.13';
const OID_KEY_BAG = '1.2.840.113549.1.12.10.1.1';
const OID_SHROUDED_KEY_BAG = '1.2.840.113549.1.12.10.1.2';
const OID_CERT_BAG = '1.2.840.113549.1.12.10.1.3';

interface Failure {
  code: SigningErrorCode;
  message: string;
}

const BAD_FILE: Failure = {
  code: 'sign/bad-p12',
  message: 'PKCS#12-filen kunne ikke læses – den er beskadiget eller ikke en PKCS#12-fil.',
};
const WRONG_PASSPHRASE: Failure = {
  code: 'sign/bad-passphrase',
  message: 'Forkert adgangskode til PKCS#12-filen (AFTALER_SIGN_PASSPHRASE).',
};
const LEGACY_P12 =
  'PKCS#12-filen bruger forældet kryptering (3DES/RC2), som ikke understøttes. ' +
  'Eksportér den igen med moderne kryptering (AES-256/PBES2), fx: ' +
  'openssl pkcs12 -export -inkey nøgle.pem -in cert.pem -certfile kæde.pem -out ny.p12';

/** Without a MAC, failing to decrypt (or decrypting to garbage) is the only sign of a wrong passphrase. */
function decryptFailure(macVerified: boolean): Failure {
  return macVerified ? BAD_FILE : WRONG_PASSPHRASE;
}

export async function readPkcs12(bytes: Uint8Array, passphrase: string): Promise<Pkcs12Contents> {
  const crypto = pkijs.getCrypto(true);
  // pkijs turns these UTF-8 bytes into the BMPString form the MAC needs itself;
  // PBES2/PBKDF2 uses them as they are, which matches what OpenSSL 3 writes.
  const password = toArrayBuffer(new TextEncoder().encode(passphrase));

  const authSafeBytes = authenticatedSafeBytes(parsePfx(bytes));
  const macVerified = await verifyMac(authSafeBytes.macData, authSafeBytes.content, password, crypto);
  const authenticatedSafe = await guard(() => pkijs.AuthenticatedSafe.fromBER(authSafeBytes.content), BAD_FILE);

  const bags: pkijs.SafeBag[] = [];
  for (const content of authenticatedSafe.safeContents) {
    bags.push(...(await readSafeContents(content, password, macVerified, crypto)).safeBags);
  }

  const certificates: pkijs.Certificate[] = [];
  const keys: Uint8Array<ArrayBuffer>[] = [];
  for (const bag of bags) {
    if (bag.bagId === OID_CERT_BAG && bag.bagValue instanceof pkijs.CertBag) {
      const parsed: unknown = bag.bagValue.parsedValue;
      if (parsed instanceof pkijs.Certificate) certificates.push(parsed);
    } else if (bag.bagId === OID_KEY_BAG && bag.bagValue instanceof pkijs.PrivateKeyInfo) {
      keys.push(new Uint8Array(bag.bagValue.toSchema().toBER(false)));
    } else if (bag.bagId === OID_SHROUDED_KEY_BAG && bag.bagValue instanceof pkijs.PKCS8ShroudedKeyBag) {
      keys.push(await decryptShroudedKey(bag.bagValue, password, macVerified, crypto));
    }
  }
  const [privateKeyPkcs8, ...extraKeys] = keys;
  if (!privateKeyPkcs8 || extraKeys.length > 0 || certificates.length === 0) {
    throw new SigningError('sign/bad-p12', 'PKCS#12-filen skal indeholde præcis én privat nøgle og mindst ét certifikat.');
  }
  return { privateKeyPkcs8, certificates };
}

function parsePfx(bytes: Uint8Array): pkijs.PFX {
  const asn1 = asn1js.fromBER(toArrayBuffer(bytes));
  if (asn1.offset === -1) throw new SigningError(BAD_FILE.code, BAD_FILE.message);
  try {
    return new pkijs.PFX({ schema: asn1.result });
  } catch (cause) {
    throw new SigningError(BAD_FILE.code, BAD_FILE.message, { cause });
  }
}

/** The AuthenticatedSafe's DER (what the MAC covers) and the MAC itself. */
function authenticatedSafeBytes(pfx: pkijs.PFX): { content: ArrayBuffer; macData: pkijs.MacData | undefined } {
  const content: unknown = pfx.authSafe.content;
  if (pfx.authSafe.contentType !== pkijs.ContentInfo.DATA || !(content instanceof asn1js.OctetString)) {
    throw new SigningError(BAD_FILE.code, `${BAD_FILE.message} (kun adgangskode-beskyttede PKCS#12-filer understøttes)`);
  }
  return { content: content.getValue(), macData: pfx.macData };
}

/**
 * Checked before anything is decrypted, so a wrong passphrase gets its own
 * error instead of a decryption failure somewhere inside. False: no MAC.
 */
async function verifyMac(macData: pkijs.MacData | undefined, content: ArrayBuffer, password: ArrayBuffer, crypto: pkijs.ICryptoEngine): Promise<boolean> {
  if (!macData) return false;
  const ok = await guard(() => {
    const hash = crypto.getAlgorithmByOID(macData.mac.digestAlgorithm.algorithmId, true, 'digestAlgorithm');
    return crypto.verifyDataStampedWithPassword({
      password,
      hashAlgorithm: hash.name,
      salt: toArrayBuffer(macData.macSalt.valueBlock.valueHexView),
      iterationCount: macData.iterations ?? 1,
      contentToVerify: content,
      signatureToVerify: toArrayBuffer(macData.mac.digest.valueBlock.valueHexView),
    });
  }, BAD_FILE);
  if (!ok) throw new SigningError(WRONG_PASSPHRASE.code, WRONG_PASSPHRASE.message);
  return true;
}

function assertPbes2(algorithm: pkijs.AlgorithmIdentifier): void {
  if (algorithm.algorithmId !== OID_PBES2) throw new SigningError('sign/legacy-p12', LEGACY_P12);
}

async function decryptShroudedKey(
  bag: pkijs.PKCS8ShroudedKeyBag,
  password: ArrayBuffer,
  macVerified: boolean,
  crypto: pkijs.ICryptoEngine,
): Promise<Uint8Array<ArrayBuffer>> {
  assertPbes2(bag.encryptionAlgorithm);
  // Same steps as PKCS8ShroudedKeyBag.parseInternalValues, which pkijs keeps protected.
  const encrypted = new pkijs.EncryptedData({
    encryptedContentInfo: new pkijs.EncryptedContentInfo({
      contentEncryptionAlgorithm: bag.encryptionAlgorithm,
      encryptedContent: bag.encryptedData,
    }),
  });
  const decrypted = await guard(() => encrypted.decrypt({ password }, crypto), decryptFailure(macVerified));
  // Round-trip through pkijs so a garbage decryption fails here and not at key import.
  const info = await guard(() => pkijs.PrivateKeyInfo.fromBER(decrypted), decryptFailure(macVerified));
  return new Uint8Array(info.toSchema().toBER(false));
}

/**
 * Opens one ContentInfo of the AuthenticatedSafe. Done here rather than with
 * AuthenticatedSafe.parseInternalValues so the encryption scheme can be checked
 * (legacy error) before decrypting – pkijs' schema parsing mutates its input, so
 * the structure cannot be parsed twice.
 */
async function readSafeContents(
  content: pkijs.ContentInfo,
  password: ArrayBuffer,
  macVerified: boolean,
  crypto: pkijs.ICryptoEngine,
): Promise<pkijs.SafeContents> {
  const inner: unknown = content.content;
  if (content.contentType === pkijs.ContentInfo.DATA && inner instanceof asn1js.OctetString) {
    return guard(() => pkijs.SafeContents.fromBER(inner.getValue()), BAD_FILE);
  }
  if (content.contentType === pkijs.ContentInfo.ENCRYPTED_DATA) {
    const encrypted = await guard(() => new pkijs.EncryptedData({ schema: inner }), BAD_FILE);
    assertPbes2(encrypted.encryptedContentInfo.contentEncryptionAlgorithm);
    const decrypted = await guard(() => encrypted.decrypt({ password }, crypto), decryptFailure(macVerified));
    return guard(() => pkijs.SafeContents.fromBER(decrypted), decryptFailure(macVerified));
  }
  throw new SigningError(BAD_FILE.code, `${BAD_FILE.message} (ukendt indholdstype ${content.contentType})`);
}

/** Runs a pkijs step and turns any failure into the given SigningError. */
async function guard<T>(step: () => T | Promise<T>, failure: Failure): Promise<T> {
  try {
    return await step();
  } catch (cause) {
    if (cause instanceof SigningError) throw cause;
    throw new SigningError(failure.code, failure.message, { cause });
  }
}

function toArrayBuffer(view: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(view.byteLength);
  copy.set(view);
  return copy.buffer;
}
