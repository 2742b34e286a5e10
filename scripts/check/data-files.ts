import { createHash } from 'node:crypto';
import { closeSync, lstatSync, openSync, readFileSync, readSync } from 'node:fs';
import path from 'node:path';

/** What a path names, without following a symbolic link. */
type EntryType = 'file' | 'directory' | 'symlink' | 'other';

/**
 * The files beside the YAML that a few rules read (an external bilag's file and checksum, a
 * case's source text for positions inside a block scalar), by repository-relative path with
 * forward slashes. check and build read them from disk under the repository root
 * (`filesOnDisk`); the rule tests hold them in memory, so a rule test writes nothing.
 */
export interface DataFiles {
  /** What is at `file`; undefined when there is nothing (or it cannot be looked at). */
  entry(file: string): EntryType | undefined;
  /** The SHA-256 of a regular file, hex. */
  sha256(file: string): string;
  /** A file's text, decoded as the loader decodes it (a BOM dropped); undefined if unreadable. */
  text(file: string): string | undefined;
}

/** The repository's files on disk. */
export function filesOnDisk(root: string): DataFiles {
  const absolute = (file: string) => path.join(root, ...file.split('/'));
  return {
    entry(file) {
      let stat;
      try {
        stat = lstatSync(absolute(file));
      } catch {
        return undefined;
      }
      return stat.isSymbolicLink() ? 'symlink' : stat.isFile() ? 'file' : stat.isDirectory() ? 'directory' : 'other';
    },
    sha256(file) {
      // Read in chunks: a bilag may be a large scan.
      const hash = createHash('sha256');
      const chunk = Buffer.alloc(1 << 20);
      const fd = openSync(absolute(file), 'r');
      try {
        for (let n = readSync(fd, chunk); n > 0; n = readSync(fd, chunk)) hash.update(chunk.subarray(0, n));
      } finally {
        closeSync(fd);
      }
      return hash.digest('hex');
    },
    text(file) {
      try {
        // Decoded as the loader decodes (a BOM is dropped), so offsets agree with the parser's.
        return new TextDecoder('utf-8').decode(readFileSync(absolute(file)));
      } catch {
        return undefined;
      }
    },
  };
}
