/**
 * Finds the key and certificate to seal with: the region's PKCS#12 from the
 * environment, or else the local development certificate. The passphrase is
 * only used to open the file; it is not kept, logged or put in any message.
 */
import { X509Certificate, createPrivateKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type * as pkijs from 'pkijs';
import { certificateDer, chainAbove, subjectCommonName } from './certificates.ts';
import { loadOrCreateDevelopmentKey } from './dev-certificate.ts';
import { SigningError } from './errors.ts';
import { readPkcs12 } from './p12.ts';
import { ENV_P12_BASE64, ENV_P12_PATH, ENV_PASSPHRASE } from './signing-env.ts';

export interface SigningIdentity {
  /** RSASSA-PKCS1-v1_5 / SHA-256, not extractable. */
  privateKey: CryptoKey;
  certificate: pkijs.Certificate;
  /** Certificates above `certificate`, its issuer first. May be empty. */
  chain: pkijs.Certificate[];
  subjectCN: string;
  /** True when sealed with the local self-signed test certificate. */
  development: boolean;
}

export async function loadSigningIdentity(opts: { root: string; env: NodeJS.ProcessEnv }): Promise<SigningIdentity> {
  const p12 = await readConfiguredP12(opts.root, opts.env);
  if (p12 === null) {
    const dev = await loadOrCreateDevelopmentKey(opts.root);
    return identityFrom(dev.privateKeyPkcs8, dev.certificate, [], true);
  }
  const passphrase = opts.env[ENV_PASSPHRASE];
  if (passphrase === undefined) {
    throw new SigningError(
      'sign/missing-passphrase',
      `${ENV_PASSPHRASE} mangler: adgangskoden til PKCS#12-filen skal angives (tom streng hvis filen ikke har nogen).`,
    );
  }
  const { privateKeyPkcs8, certificates } = await readPkcs12(p12, passphrase);
  const keyObject = privateKeyObject(privateKeyPkcs8);
  const leaf = certificates.find((certificate) => belongsTo(certificate, keyObject));
  if (!leaf) {
    throw new SigningError('sign/bad-p12', 'Ingen af certifikaterne i PKCS#12-filen passer til den private nøgle.');
  }
  return identityFrom(privateKeyPkcs8, leaf, chainAbove(leaf, certificates), false);
}

/** The PKCS#12 bytes from the environment, or null when none is configured. */
async function readConfiguredP12(root: string, env: NodeJS.ProcessEnv): Promise<Uint8Array | null> {
  // Empty counts as unset: CI systems expand a missing secret to "".
  const file = nonEmpty(env[ENV_P12_PATH]);
  const base64 = nonEmpty(env[ENV_P12_BASE64]);
  if (file !== undefined && base64 !== undefined) {
    throw new SigningError('sign/ambiguous-key', `Angiv enten ${ENV_P12_PATH} eller ${ENV_P12_BASE64}, ikke begge.`);
  }
  if (file !== undefined) {
    const resolved = path.resolve(root, file);
    try {
      return await readFile(resolved);
    } catch (cause) {
      throw new SigningError('sign/missing-key', `PKCS#12-filen fra ${ENV_P12_PATH} kan ikke læses: ${resolved}`, {
        cause,
      });
    }
  }
  if (base64 !== undefined) {
    const compact = base64.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) {
      throw new SigningError('sign/bad-p12', `${ENV_P12_BASE64} er ikke gyldig base64.`);
    }
    return new Uint8Array(Buffer.from(compact, 'base64'));
  }
  return null;
}

async function identityFrom(
  privateKeyPkcs8: Uint8Array<ArrayBuffer>,
  certificate: pkijs.Certificate,
  chain: pkijs.Certificate[],
  development: boolean,
): Promise<SigningIdentity> {
  const privateKey = await importRsaSigningKey(privateKeyPkcs8);
  return { privateKey, certificate, chain, subjectCN: subjectCommonName(certificate), development };
}

/**
 * Only RSA: PKCS#1 v1.5 signatures are deterministic, which the reproducible
 * build (SOURCE_DATE_EPOCH → byte-identical PDFs) depends on. ECDSA is not.
 */
async function importRsaSigningKey(pkcs8: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  const keyType = privateKeyObject(pkcs8).asymmetricKeyType;
  if (keyType !== 'rsa') {
    throw new SigningError('sign/unsupported-key', `Nøgletypen ${keyType ?? 'ukendt'} understøttes ikke; forseglingsnøglen skal være RSA (mindst 2048 bit).`);
  }
  return globalThis.crypto.subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' }, false, ['sign']);
}

function privateKeyObject(pkcs8: Uint8Array): KeyObject {
  try {
    return createPrivateKey({ key: Buffer.from(pkcs8), format: 'der', type: 'pkcs8' });
  } catch (cause) {
    throw new SigningError('sign/bad-p12', 'Den private nøgle kunne ikke læses.', { cause });
  }
}

function belongsTo(certificate: pkijs.Certificate, privateKey: KeyObject): boolean {
  try {
    return new X509Certificate(certificateDer(certificate)).checkPrivateKey(privateKey);
  } catch {
    return false; // A certificate Node cannot read is not the signer's.
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
