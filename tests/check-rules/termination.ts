/**
 * A recorded termination on a rule-test HSA (documents.ts): `opsigelse.meddelt` after
 * `varsel_maaneder` on line 23, so `meddelt:` is on line 24 (col 3), its `dato` on 25 (col 11),
 * `part` on 26, `ophoer` (if given) on 27 (col 13); every later line moves down by 3, or 4 with
 * `ophoer` (ikrafttraeden to 28 or 29, col 16).
 */
import type { CaseFile } from './rule-tester.ts';

export interface TerminationOptions {
  dato: string;
  part?: 'region' | 'kommune';
  ophoer?: string;
  /** Status to set; default opsagt. Undefined keeps the file's own. */
  status?: string | null;
}

export function terminated(hsaFile: CaseFile, o: TerminationOptions): CaseFile {
  if (typeof hsaFile.content !== 'string') throw new Error('an HSA is text');
  let text = hsaFile.content.replace(
    /^( {2}varsel_maaneder: .*\n)/m,
    `$1  meddelt:\n    dato: ${o.dato}\n    part: ${o.part ?? 'kommune'}\n${o.ophoer ? `    ophoer: ${o.ophoer}\n` : ''}`,
  );
  if (o.status !== null) text = text.replace(/^status: .*$/m, `status: ${o.status ?? 'opsagt'}`);
  return { file: hsaFile.file, content: text };
}
