import { readdir } from 'node:fs/promises';
import path from 'node:path';

export interface FoundFile {
  /** Repository-relative path with forward slashes. */
  file: string;
  /** Absolute path on disk. */
  absolute: string;
  symlink: boolean;
}

/**
 * Every entry below `dir`, depth first, sorted by code point so the order (and therefore every
 * report and output) is the same on every machine. Symlinks are listed, not followed: a link
 * could point outside the repository.
 */
export async function discover(root: string, dir: string): Promise<FoundFile[]> {
  const found: FoundFile[] = [];
  async function walk(absoluteDir: string): Promise<void> {
    const entries = await readdir(absoluteDir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = path.join(absoluteDir, entry.name);
      const file = path.relative(root, absolute).split(path.sep).join('/');
      if (entry.isSymbolicLink()) found.push({ file, absolute, symlink: true });
      else if (entry.isDirectory()) await walk(absolute);
      else if (entry.isFile()) found.push({ file, absolute, symlink: false });
    }
  }
  await walk(path.join(root, dir));
  return found;
}
