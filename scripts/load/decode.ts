import type { Diagnostic } from '../diagnostics/diagnostic.ts';

// Both decoders drop a leading byte order mark, so columns on the first line count from the
// first real character, as editors show them.
const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8', { fatal: false });

/**
 * Byte index of the first invalid UTF-8 sequence (RFC 3629: no overlongs, no surrogates,
 * nothing above U+10FFFF), or -1. Kept separate from decoding so that the position is that of
 * the bad byte, not of the first U+FFFD (which a valid file may contain).
 */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need: number;
    let min = 0x80;
    let max = 0xbf;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) min = 0xa0;
      if (b === 0xed) max = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) min = 0x90;
      if (b === 0xf4) max = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? min : 0x80) || c > (k === 1 ? max : 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Decodes a file as UTF-8. Invalid bytes are an error positioned at the first of them, so staff
 * see where a file was saved in the wrong encoding.
 */
export function decodeUtf8(file: string, bytes: Uint8Array): { text: string; diagnostic?: Diagnostic } {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const text = lenient.decode(bytes);
    const bad = firstInvalidUtf8(bytes);
    // The offset in the decoded text: what the valid bytes before the bad one decode to.
    const at = bad < 0 ? Math.max(0, text.indexOf('\uFFFD')) : lenient.decode(bytes.subarray(0, bad)).length;
    return {
      text,
      diagnostic: {
        rule: 'yaml/tegnkodning',
        severity: 'error',
        file,
        span: { start: at, end: at + 1 },
        message: 'Filen er ikke gyldig UTF-8; gem den som UTF-8 (fx et tegn fra Windows-1252 som æ, ø eller å)',
      },
    };
  }
}
