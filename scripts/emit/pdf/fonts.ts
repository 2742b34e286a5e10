/**
 * Font set for the PDF emitter: the Roboto TTFs that ship with pdfmake.
 *
 * Paths are resolved from the installed pdfmake package (never hard-coded), and
 * the files are read once per process. pdfmake is then pointed at them through
 * its virtual file system, so rendering a document never touches the disk and
 * the local-file access policy can deny everything.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TFontDictionary } from 'pdfmake/interfaces.js';

/** Font family name used in all styles of the document definition. */
export const FONT_FAMILY = 'Roboto';

type FontStyle = 'normal' | 'bold' | 'italics' | 'bolditalics';

// pdfmake ships no "Bold" cut; Medium is its designated bold face.
const FILE_NAMES: Readonly<Record<FontStyle, string>> = {
  normal: 'Roboto-Regular.ttf',
  bold: 'Roboto-Medium.ttf',
  italics: 'Roboto-Italic.ttf',
  bolditalics: 'Roboto-MediumItalic.ttf',
};

// Key prefix inside pdfmake's virtual file system; keeps our entries apart from anything else.
const VFS_DIR = 'aftaler-fonts';

/** Absolute paths of the Roboto TTFs inside the installed pdfmake package. */
export function robotoPaths(): Readonly<Record<FontStyle, string>> {
  const pkgJson = createRequire(import.meta.url).resolve('pdfmake/package.json');
  const dir = join(dirname(pkgJson), 'fonts', 'Roboto');
  return {
    normal: join(dir, FILE_NAMES.normal),
    bold: join(dir, FILE_NAMES.bold),
    italics: join(dir, FILE_NAMES.italics),
    bolditalics: join(dir, FILE_NAMES.bolditalics),
  };
}

let cachedFiles: ReadonlyMap<string, Buffer> | undefined;

/** Virtual-file-system entries (name → TTF bytes); read from disk once per process. */
export function fontFiles(): ReadonlyMap<string, Buffer> {
  if (cachedFiles === undefined) {
    const paths = robotoPaths();
    const files = new Map<string, Buffer>();
    for (const style of Object.keys(FILE_NAMES) as FontStyle[]) {
      files.set(`${VFS_DIR}/${FILE_NAMES[style]}`, readFileSync(paths[style]));
    }
    cachedFiles = files;
  }
  return cachedFiles;
}

/** pdfmake font descriptor; its paths are keys of {@link fontFiles} in the virtual file system. */
export function fontDescriptors(): TFontDictionary {
  return {
    [FONT_FAMILY]: {
      normal: `${VFS_DIR}/${FILE_NAMES.normal}`,
      bold: `${VFS_DIR}/${FILE_NAMES.bold}`,
      italics: `${VFS_DIR}/${FILE_NAMES.italics}`,
      bolditalics: `${VFS_DIR}/${FILE_NAMES.bolditalics}`,
    },
  };
}
