import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A scratch copy of the data and schemas, so tests can break files without touching the repo. */
export class RepoCopy {
  readonly root: string;

  constructor(parts: readonly string[] = ['agreements', 'schemas'], prefix = 'aftaler-test-') {
    this.root = mkdtempSync(path.join(tmpdir(), prefix));
    for (const part of parts) cpSync(path.join(REPO_ROOT, part), path.join(this.root, part), { recursive: true });
  }

  path(file: string): string {
    return path.join(this.root, file);
  }

  read(file: string): string {
    return readFileSync(this.path(file), 'utf8');
  }

  /** Writes a file (creating its folders); returns its path, for chaining into assertions. */
  write(file: string, text: string): string {
    mkdirSync(path.dirname(this.path(file)), { recursive: true });
    writeFileSync(this.path(file), text);
    return file;
  }

  /** Replaces exactly one occurrence of `from`; fails loudly if the fixture text drifted. */
  replace(file: string, from: string, to: string): void {
    const text = this.read(file);
    const at = text.indexOf(from);
    if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one »${from}« in ${file}`);
    this.write(file, text.slice(0, at) + to + text.slice(at + from.length));
  }

  /** 1-based line number of the first line containing `needle`. */
  lineOf(file: string, needle: string, occurrence = 1): number {
    const lines = this.read(file).split('\n');
    let seen = 0;
    for (const [i, line] of lines.entries()) if (line.includes(needle) && ++seen === occurrence) return i + 1;
    throw new Error(`»${needle}« not found in ${file}`);
  }

  remove(): void {
    rmSync(this.root, { recursive: true, force: true });
  }
}
