import type { Diagnostic } from '../diagnostics/diagnostic.ts';

const strict = new TextDecoder('utf-8', { fatal: true });
const lenient = new TextDecoder('utf-8', { fatal: false });

/**
 * Decodes a file as UTF-8. Invalid bytes are an error positioned at the first replacement
 * character, so staff see where a file was saved in the wrong encoding.
 */
export function decodeUtf8(file: string, bytes: Uint8Array): { text: string; diagnostic?: Diagnostic } {
  try {
    return { text: strict.decode(bytes) };
  } catch {
    const text = lenient.decode(bytes);
    const at = Math.max(0, text.indexOf('\uFFFD'));
    return {
      text,
      diagnostic: {
        rule: 'yaml/encoding',
        severity: 'error',
        file,
        span: { start: at, end: at + 1 },
        message: 'Filen er ikke gyldig UTF-8; gem den som UTF-8 (fx et tegn fra Windows-1252 som æ, ø eller å)',
      },
    };
  }
}
