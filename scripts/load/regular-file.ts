import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadRuleId, SchemaRuleId } from '../diagnostics/rule-id.ts';

/**
 * An input file (a template, a schema, the rule configuration) that is not a plain file of the
 * repository: one Danish line, positioned at the file, exit 1.
 */
export class InputFileError extends Error {
  constructor(
    readonly rule: Extract<LoadRuleId, 'load/symlink' | 'load/read'> | Extract<SchemaRuleId, 'schema/invalid'>,
    /** Repository-relative path with forward slashes. */
    readonly file: string,
    message: string,
    /** 1-based, when known. */
    readonly line = 1,
    readonly column = 1,
  ) {
    super(message);
  }
}

/**
 * The bytes of `file` (relative to `root`), read only if it and every folder on the way to it
 * below `root` are real, not symbolic links, and it is a regular file. A link committed as
 * templates/partials/x.md.hbs → /proc/self/environ would otherwise put the publishing job's
 * environment, sealing secrets included, into a sealed PDF; a link as schemas/x.schema.json
 * would quote it in a JSON parse error. The last step opens with O_NOFOLLOW, so a link put in
 * place between the check and the read is refused too.
 */
export function readRegularFile(root: string, file: string): Buffer {
  const shown = file.split(path.sep).join('/');
  const parts = file.split(/[\\/]/).filter((p) => p !== '');
  let at = root;
  for (const [i, part] of parts.entries()) {
    at = path.join(at, part);
    let stat;
    try {
      stat = lstatSync(at);
    } catch {
      throw new InputFileError('load/read', shown, `${shown} findes ikke eller kan ikke læses`);
    }
    if (stat.isSymbolicLink()) {
      const link = parts.slice(0, i + 1).join('/');
      throw new InputFileError('load/symlink', shown, `${link} er et symbolsk link; skabeloner, skemaer og konfiguration skal være almindelige filer i repository'et`);
    }
  }
  let fd: number;
  try {
    fd = openSync(at, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    throw new InputFileError('load/read', shown, `${shown} kan ikke læses som en almindelig fil`);
  }
  try {
    if (!fstatSync(fd).isFile()) throw new InputFileError('load/read', shown, `${shown} er ikke en almindelig fil`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
