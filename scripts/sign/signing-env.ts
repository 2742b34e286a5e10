/**
 * Where the sealing key comes from, by name only: the environment variables of a real
 * certificate and the development certificate's file. A module of its own, so that code which
 * only needs to know whether the key's source changed (the build's no-op check) does not load
 * the signing stack.
 */
export const ENV_P12_PATH = 'AFTALER_SIGN_P12';
export const ENV_P12_BASE64 = 'AFTALER_SIGN_P12_BASE64';
export const ENV_PASSPHRASE = 'AFTALER_SIGN_PASSPHRASE';

/** The development certificate's folder (gitignored) and file, made on first use. */
export const DEV_SIGNING_DIR = '.signing';
export const DEV_SIGNING_FILE = 'udviklingscertifikat.pem';
