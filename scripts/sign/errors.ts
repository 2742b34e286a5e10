/**
 * The one error type the signing code throws on purpose. The CLI and the build
 * print `message` (Danish, one line) and may branch on `code`; they never print
 * a stack trace. Messages must never contain key material or the passphrase.
 */
export type SigningErrorCode =
  | 'sign/missing-key'
  | 'sign/missing-passphrase'
  | 'sign/ambiguous-key'
  | 'sign/bad-p12'
  | 'sign/bad-passphrase'
  | 'sign/legacy-p12'
  | 'sign/unsupported-key'
  | 'sign/cert-not-valid'
  | 'sign/bad-source-date-epoch'
  | 'sign/no-placeholder'
  | 'sign/placeholder-too-small'
  | 'sign/timestamp'
  | 'sign/dev-cert'
  | 'verify/bad-ca';

export class SigningError extends Error {
  override readonly name = 'SigningError';

  constructor(
    readonly code: SigningErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
