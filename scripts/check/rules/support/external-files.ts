import path from 'node:path';
import type { DataFiles } from '../../data-files.ts';
import { quote } from '../../../basics/quote.ts';

export type Resolved = { ok: true; file: string } | { ok: false; message: string };

/**
 * Resolves an external bilag's `fil` (relative to the YAML file) to a regular file in a folder
 * named `bilag` under agreements/ (where the loader also expects such files). Absolute paths,
 * paths that climb out, files elsewhere in the repository and symbolic links anywhere on the way
 * are refused: the bilag must be the file in the data, a link could point anywhere on the
 * machine that builds the PDFs, and bilag/sha256 must never reveal the hash of another file
 * (say .env or .signing/) to whoever writes the pull request.
 */
export function resolveExternal(files: DataFiles, yamlFile: string, fil: string): Resolved {
  const shownFil = quote(fil); // control characters escaped: a path must not break a report line
  if (path.posix.isAbsolute(fil) || path.win32.isAbsolute(fil)) {
    return { ok: false, message: `Stien ${shownFil} er absolut; angiv den relativt til YAML-filen, fx bilag/navn.pdf` };
  }
  if (fil.includes('\\')) return { ok: false, message: `Brug / (ikke \\) mellem mapper i stien ${shownFil}` };
  const file = path.posix.normalize(path.posix.join(path.posix.dirname(yamlFile), fil));
  const folders = file.split('/').slice(0, -1);
  if (file === '..' || file.startsWith('../') || folders[0] !== 'agreements' || !folders.includes('bilag')) {
    return {
      ok: false,
      message: `Stien ${shownFil} peger uden for agreements/; bilagsfiler skal ligge i en mappe ved navn bilag under agreements/, fx bilag/navn.pdf ved siden af sagen`,
    };
  }
  const segments = file.split('/');
  for (let i = 0; i < segments.length; i++) {
    const shown = segments.slice(0, i + 1).join('/');
    const entry = files.entry(shown);
    if (entry === undefined) return { ok: false, message: `Filen »${file}« findes ikke${shown !== file ? ` (mappen »${shown}« mangler)` : ''}` };
    if (entry === 'symlink') return { ok: false, message: `»${shown}« er et symbolsk link; læg bilaget ind som en almindelig fil` };
    if (i === segments.length - 1 && entry !== 'file') return { ok: false, message: `»${file}« er ikke en fil` };
  }
  return { ok: true, file };
}
