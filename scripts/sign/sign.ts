/**
 * Seals a PDF that already carries a placeholder (see addSignaturePlaceholder):
 * @signpdf/signpdf computes the ByteRange and fills /Contents, PadesSigner
 * makes the CMS.
 */
import { SignPdf } from '@signpdf/signpdf';
import { SignPdfError, findByteRange } from '@signpdf/utils';
import { PadesSigner } from './cms.ts';
import { SigningError } from './errors.ts';
import type { SigningIdentity } from './keys.ts';
import type { TimestampOptions } from './timestamp.ts';

/**
 * `signingTime` must be the time given to the placeholder (/M). It is used to
 * refuse a certificate that was not valid at that time – a seal validators
 * would reject anyway – not put into the CMS. With `timestamp` the seal gets a signature
 * timestamp from that TSA (PAdES B-T); the placeholder must then have been made with room for it.
 */
export async function signPdf(pdfWithPlaceholder: Buffer, identity: SigningIdentity, signingTime: Date, timestamp?: TimestampOptions): Promise<Buffer> {
  assertValidAt(identity, signingTime);
  assertOnePlaceholder(pdfWithPlaceholder);
  try {
    return await new SignPdf().sign(pdfWithPlaceholder, new PadesSigner(identity, timestamp));
  } catch (error) {
    if (error instanceof SignPdfError && /exceeds placeholder length/.test(error.message)) {
      throw new SigningError('sign/placeholder-too-small', 'Signaturen er større end den plads, der er afsat i PDF-filen.', { cause: error });
    }
    throw error;
  }
}

function assertValidAt(identity: SigningIdentity, signingTime: Date): void {
  const { notBefore, notAfter } = identity.certificate;
  if (signingTime < notBefore.value || signingTime > notAfter.value) {
    const day = (date: Date): string => date.toISOString().slice(0, 10);
    throw new SigningError(
      'sign/cert-not-valid',
      `Certifikatet »${identity.subjectCN}« er kun gyldigt ${day(notBefore.value)}–${day(notAfter.value)}, ` +
        `men signeringstidspunktet er ${signingTime.toISOString()} (SOURCE_DATE_EPOCH?).`,
    );
  }
}

function assertOnePlaceholder(pdf: Buffer): void {
  let placeholder: string | undefined;
  try {
    placeholder = findByteRange(pdf).byteRangePlaceholder;
  } catch (cause) {
    // findByteRange throws when there is more than one placeholder.
    throw new SigningError('sign/no-placeholder', 'PDF-filen har mere end én signaturpladsholder.', { cause });
  }
  if (placeholder === undefined) {
    throw new SigningError('sign/no-placeholder', 'PDF-filen har ingen signaturpladsholder (addSignaturePlaceholder).');
  }
}
