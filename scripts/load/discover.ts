import { readdirSync } from 'node:fs';
import path from 'node:path';

export interface FoundFile {
  /** Repository-relative path with forward slashes. */
  file: string;
  /** Absolute path on disk. */
  absolute: string;
  symlink: boolean;
  /** Set when the entry is a folder that could not be read (it is then reported, not walked). */
  unreadable?: string;
}

/**
 * Every entry below `dir`, depth first, sorted by code point so the order (and therefore every
 * report and output) is the same on every machine. Symlinks are listed, not followed: a link
 * could point outside the repository. With `listUnreadable`, a folder that cannot be read is
 * listed with the reason (so the loader can report it instead of crashing); otherwise the
 * error is thrown.
 */
export async function discover(root: string, dir: string, options: { listUnreadable?: boolean } = {}): Promise<FoundFile[]> {
  // Synchronous walk (the function stays async for its callers): one thread-pool round trip per
  // folder cost more than listing it.
  return discoverSync(root, dir, options);
}

/** discover(), synchronously: for the build's input stamps and fingerprints. */
export function discoverSync(root: string, dir: string, options: { listUnreadable?: boolean } = {}): FoundFile[] {
  const found: FoundFile[] = [];
  function walk(absoluteDir: string): void {
    const file = path.relative(root, absoluteDir).split(path.sep).join('/');
    let entries;
    try {
      entries = readdirSync(absoluteDir, { withFileTypes: true });
    } catch (error) {
      if (!options.listUnreadable) throw error;
      found.push({ file, absolute: absoluteDir, symlink: false, unreadable: (error as NodeJS.ErrnoException).code ?? 'ukendt fejl' });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolute = path.join(absoluteDir, entry.name);
      const relative = path.relative(root, absolute).split(path.sep).join('/');
      if (entry.isSymbolicLink()) found.push({ file: relative, absolute, symlink: true });
      else if (entry.isDirectory()) walk(absolute);
      else if (entry.isFile()) found.push({ file: relative, absolute, symlink: false });
    }
  }
  walk(path.join(root, dir));
  return found;
}
