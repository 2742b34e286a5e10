import { lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Manifest } from './manifest.ts';

/** The manifest a build writes at the top of its output folder, and each kommune bundle in its own folder. */
export const OUTPUT_MANIFEST = 'manifest.json';

/** The status overview `npm run status` adds to out/, judged as of its day. */
export const STATUS_MD = 'status.md';
export const STATUS_PDF = 'status.pdf';

/**
 * Files another command adds to out/ that a build does not make: a full build carries them over
 * into the new out/ as they are, so running build after status does not lose the overview.
 */
export const KEPT_BY_BUILD = [STATUS_MD, STATUS_PDF] as const;

/** Longer than any name a build makes, and within every file system's limit (255 bytes a name). */
const MAX_SEGMENT_BYTES = 255;
const MAX_PATH_BYTES = 1024;

/**
 * Why `relative`, a path read from a manifest, may not be joined to an output or shard folder;
 * undefined when it may. A build only writes relative POSIX paths of plain names, so anything else
 * came from a damaged or crafted manifest. Decided on the text alone, before any file system call,
 * so that no such path ever reaches one.
 */
export function unsafeManifestPath(relative: unknown): string | undefined {
  if (typeof relative !== 'string' || relative === '') return 'stien er tom eller ikke en tekst';
  if (relative.includes('\0')) return 'stien indeholder et NUL-tegn';
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  if (/[\u0001-\u001f\u007f]/.test(relative)) return 'stien indeholder et styretegn';
  if (relative.includes('\\')) return 'stien indeholder en omvendt skråstreg (\\)';
  if (relative.startsWith('/') || /^[A-Za-z]:/.test(relative)) return 'stien er absolut';
  if (Buffer.byteLength(relative) > MAX_PATH_BYTES) return `stien er over ${MAX_PATH_BYTES} byte lang`;
  for (const segment of relative.split('/')) {
    if (segment === '..') return 'stien går op over mappen (»..«)';
    if (segment === '' || segment === '.') return 'stien har et tomt led eller et »/./«';
    if (Buffer.byteLength(segment) > MAX_SEGMENT_BYTES) return `et navn i stien er over ${MAX_SEGMENT_BYTES} byte langt`;
  }
  return undefined;
}

/** A manifest path in a message: on one line, whatever it holds. */
export function showPath(relative: unknown): string {
  return typeof relative === 'string' ? JSON.stringify(relative).slice(1, -1) : String(relative);
}

/**
 * Whether `dir` holds a whole build output: a manifest that parses, and every file it lists, at a
 * safe path, as a regular file of the listed size. Sizes, not hashes: this tells a build's output
 * from a folder with a few stray files in it (to decide which one to keep after a kill), it does
 * not verify the output (npm run verify does).
 */
export function isCompleteOutput(dir: string): boolean {
  let files: unknown;
  try {
    files = (JSON.parse(readFileSync(path.join(dir, OUTPUT_MANIFEST), 'utf8')) as Partial<Manifest>).files;
  } catch {
    return false;
  }
  if (!Array.isArray(files)) return false;
  return files.every((entry: unknown) => {
    const { path: relative, bytes } = (entry ?? {}) as { path?: unknown; bytes?: unknown };
    if (unsafeManifestPath(relative) !== undefined) return false;
    try {
      const stat = lstatSync(path.join(dir, relative as string));
      return stat.isFile() && (typeof bytes !== 'number' || stat.size === bytes);
    } catch {
      return false;
    }
  });
}
