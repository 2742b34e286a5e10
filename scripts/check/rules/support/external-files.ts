import { lstatSync } from 'node:fs';
import path from 'node:path';

export type Resolved = { ok: true; file: string; absolute: string } | { ok: false; message: string };

/**
 * Resolves an external bilag's `fil` (relative to the YAML file) to a regular file inside the
 * repository. Absolute paths, paths that climb out with `..`, and symbolic links anywhere on
 * the way are refused: the bilag must be the file in the repository, and a link could point
 * anywhere on the machine that builds the PDFs.
 */
export function resolveExternal(root: string, yamlFile: string, fil: string): Resolved {
  if (path.posix.isAbsolute(fil) || path.win32.isAbsolute(fil)) {
    return { ok: false, message: `Stien »${fil}« er absolut; angiv den relativt til YAML-filen, fx bilag/navn.pdf` };
  }
  if (fil.includes('\\')) return { ok: false, message: `Brug / (ikke \\) mellem mapper i stien »${fil}«` };
  const file = path.posix.normalize(path.posix.join(path.posix.dirname(yamlFile), fil));
  if (file === '..' || file.startsWith('../')) {
    return { ok: false, message: `Stien »${fil}« peger uden for repository'et; bilaget skal ligge i repository'et` };
  }
  let absolute = root;
  const segments = file.split('/');
  for (const [i, segment] of segments.entries()) {
    absolute = path.join(absolute, segment);
    const shown = segments.slice(0, i + 1).join('/');
    let stat;
    try {
      stat = lstatSync(absolute);
    } catch {
      return { ok: false, message: `Filen »${file}« findes ikke${shown !== file ? ` (mappen »${shown}« mangler)` : ''}` };
    }
    if (stat.isSymbolicLink()) return { ok: false, message: `»${shown}« er et symbolsk link; læg bilaget ind som en almindelig fil` };
    if (i === segments.length - 1 && !stat.isFile()) return { ok: false, message: `»${file}« er ikke en fil` };
  }
  return { ok: true, file, absolute };
}
