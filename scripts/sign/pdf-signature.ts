/**
 * Finds the one signature in a sealed PDF at byte level and checks that its
 * ByteRange covers the whole file except the /Contents value, with nothing
 * appended. Deliberately strict and simple: it only has to accept what signPdf
 * writes (a single signature, no incremental updates), and anything else is a
 * reason to reject, not to interpret.
 */
import { parsePdfDate } from './pdf-date.ts';

interface EmbeddedSignature {
  byteRange: readonly [number, number, number, number];
  /** The DER CMS from /Contents, without the zero padding. */
  cms: Uint8Array<ArrayBuffer>;
  /** The bytes the ByteRange covers, i.e. what the CMS signs. */
  signedContent: Uint8Array<ArrayBuffer>;
  subFilter: string | null;
  /** The signature dictionary's /M. */
  signingTime: Date | null;
}

export type LocatedSignature = { ok: true; signature: EmbeddedSignature } | { ok: false; reason: string };

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/** Whether the file carries a signature at all (a /ByteRange), whatever its state. */
export function hasSignature(pdf: Buffer): boolean {
  return /\/ByteRange\s*\[/.test(pdf.toString('latin1'));
}

export function locateSignature(pdf: Buffer): LocatedSignature {
  // latin1 maps byte i to char i, so string offsets are file offsets.
  const text = pdf.toString('latin1');
  const ranges = [...text.matchAll(BYTE_RANGE)];
  const [match, ...others] = ranges;
  if (!match) return fail('Filen har ingen signatur (ingen /ByteRange).');
  if (others.length > 0) return fail('Filen har mere end én signatur; kun én forsegling understøttes.');

  const byteRange = [1, 2, 3, 4].map((group) => Number(match[group])) as [number, number, number, number];
  const [start, firstLength, gapEnd, secondLength] = byteRange;
  const end = gapEnd + secondLength;
  if (start !== 0 || firstLength <= 0 || gapEnd <= firstLength) {
    return fail('Signaturens ByteRange dækker ikke filen fra begyndelsen.');
  }
  if (end < pdf.length) return fail('Der er tilføjet data efter forseglingen – filen er ændret.');
  if (end > pdf.length) return fail('Signaturens ByteRange peger ud over filens slutning – filen er afkortet.');

  // The gap must be exactly the /Contents hex string of this signature dictionary.
  const gap = text.slice(firstLength, gapEnd);
  if (!/^<[0-9A-Fa-f]*>$/.test(gap) || !/\/Contents\s*$/.test(text.slice(match.index, firstLength))) {
    return fail('Signaturens ByteRange udelader andet end signaturværdien.');
  }
  const contents = Buffer.from(gap.slice(1, -1), 'hex');
  const cmsLength = derLength(contents);
  if (cmsLength === null) return fail('Signaturværdien er ikke en gyldig CMS-struktur.');
  if (contents.subarray(cmsLength).some((byte) => byte !== 0)) {
    return fail('Signaturfeltet indeholder data ud over selve signaturen.');
  }

  const dictionary = signatureDictionary(text, match.index, firstLength, gapEnd);
  return {
    ok: true,
    signature: {
      byteRange,
      cms: new Uint8Array(contents.subarray(0, cmsLength)),
      signedContent: new Uint8Array(Buffer.concat([pdf.subarray(0, firstLength), pdf.subarray(gapEnd, end)])),
      subFilter: /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(dictionary)?.[1] ?? null,
      signingTime: parseSigningTime(dictionary),
    },
  };
}

function fail(reason: string): LocatedSignature {
  return { ok: false, reason };
}

/**
 * The signature dictionary's text around the ByteRange (from its "obj" to its
 * "endobj"), with the /Contents hex cut out so it cannot be mistaken for keys.
 */
function signatureDictionary(text: string, byteRangeAt: number, gapStart: number, gapEnd: number): string {
  const objectStart = Math.max(0, text.lastIndexOf(' obj', byteRangeAt));
  const objectEnd = text.indexOf('endobj', gapEnd);
  return text.slice(objectStart, gapStart) + text.slice(gapEnd, objectEnd === -1 ? gapEnd : objectEnd);
}

function parseSigningTime(dictionary: string): Date | null {
  const literal = /\/M\s*\(([^)]*)\)/.exec(dictionary)?.[1];
  return literal === undefined ? null : parsePdfDate(literal);
}

/** Total length (header + content) of the DER element at the start of `bytes`. */
export function derLength(bytes: Uint8Array): number | null {
  const first = bytes[1];
  if (bytes[0] !== 0x30 || first === undefined) return null;
  if (first < 0x80) return 2 + first <= bytes.length ? 2 + first : null;
  const count = first & 0x7f;
  if (count === 0 || count > 4) return null;
  let length = 0;
  for (let i = 0; i < count; i++) {
    const byte = bytes[2 + i];
    if (byte === undefined) return null;
    length = length * 256 + byte;
  }
  const total = 2 + count + length;
  return total <= bytes.length ? total : null;
}
