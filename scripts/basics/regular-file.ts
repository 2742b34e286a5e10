import { closeSync, constants, fstatSync, lstatSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { LoadRuleId, SchemaRuleId } from '../diagnostics/rule-id.ts';

/**
 * An input file (a template, a schema, the rule configuration) that is not a plain file of the
 * repository: one Danish line, positioned at the file, exit 1.
 */
export class InputFileError extends Error {
  constructor(
    readonly rule: Extract<LoadRuleId, 'fil/symbolsk-link' | 'fil/ulaeselig'> | Extract<SchemaRuleId, 'skema/ugyldigt-skema'>,
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
  const walked = plainPath(root, file);
  if (walked.problem === 'link') {
    const link = path.relative(root, walked.file).split(path.sep).join('/');
    throw new InputFileError(
      'fil/symbolsk-link',
      shown,
      `${link} er et symbolsk link; skabeloner, skemaer og konfiguration skal være almindelige filer i repository'et`,
    );
  }
  if (walked.problem === 'missing' || walked.problem === 'not-folder')
    throw new InputFileError('fil/ulaeselig', shown, `${shown} findes ikke eller kan ikke læses`);
  // Only a regular file gets here, or a folder at the end (opened, then refused by fstat below).
  const at = walked.file;
  let fd: number;
  try {
    fd = openSync(at, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    throw new InputFileError('fil/ulaeselig', shown, `${shown} kan ikke læses som en almindelig fil`);
  }
  try {
    if (!fstatSync(fd).isFile()) throw new InputFileError('fil/ulaeselig', shown, `${shown} er ikke en almindelig fil`);
    return readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * Walks `relative` below `root` one name at a time without following links: the first name
 * that is missing, a symbolic link, a folder where a file belongs or the other way round, with
 * its absolute path; or the whole path when it leads through real folders to a regular file.
 * The one walk for every input read through plain folders only (templates, schemas, the
 * configuration, a shard's files in merge).
 */
export function plainPath(root: string, relative: string): { file: string; problem?: 'missing' | 'link' | 'not-file' | 'not-folder' } {
  const parts = relative.split(/[\\/]/).filter((p) => p !== '');
  let at = root;
  for (const [i, part] of parts.entries()) {
    at = path.join(at, part);
    let stat;
    try {
      stat = lstatSync(at);
    } catch {
      return { file: at, problem: 'missing' };
    }
    if (stat.isSymbolicLink()) return { file: at, problem: 'link' };
    const last = i === parts.length - 1;
    if (last ? !stat.isFile() : !stat.isDirectory()) return { file: at, problem: last ? 'not-file' : 'not-folder' };
  }
  return { file: at };
}
