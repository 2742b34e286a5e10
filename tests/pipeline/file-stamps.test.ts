/** Output verification by stat stamp (scripts/pipeline/cache.ts): what is trusted, what is re-hashed. */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyCache, fileHolds, inputStamp, readCache, stampFiles, writeCache, type CacheIndex } from '../../scripts/pipeline/cache.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'aftaler-stamps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const hash = (text: string) => createHash('sha256').update(text).digest('hex');

describe('fileHolds', () => {
  const file = path.join(dir, 'a.pdf');

  it('trusts a file whose size, mtime and inode match the stamp, and hashes any other', () => {
    writeFileSync(file, 'første udgave');
    const [stamp] = Object.values(stampFiles(dir, [{ path: 'a.pdf', sha256: hash('første udgave') }]));
    expect(fileHolds(file, hash('første udgave'), stamp)).toBe(true);
    expect(fileHolds(file, hash('første udgave'), undefined)).toBe(true); // no stamp: read and hashed
    expect(fileHolds(file, hash('noget andet'), undefined)).toBe(false);

    // Edited by hand: the mtime moves, so the file is hashed and the change is seen.
    const before = statSync(file);
    writeFileSync(file, 'anden udgave!');
    utimesSync(file, before.atime, new Date(before.mtimeMs + 1000));
    expect(fileHolds(file, hash('første udgave'), stamp)).toBe(false);
  });

  it('takes a file at its stamp, as git does: same size and times restored pass unread', () => {
    const time = new Date('2026-01-15T12:00:00Z'); // whole seconds survive utimes exactly
    writeFileSync(file, 'aaaa');
    utimesSync(file, time, time);
    const [stamp] = Object.values(stampFiles(dir, [{ path: 'a.pdf', sha256: hash('aaaa') }]));
    writeFileSync(file, 'bbbb'); // same size, same inode
    utimesSync(file, time, time);
    expect(fileHolds(file, hash('aaaa'), stamp)).toBe(true);
    expect(fileHolds(file, hash('aaaa'), undefined)).toBe(false);
  });

  it('reports a missing file as not holding anything', () => {
    expect(fileHolds(path.join(dir, 'mangler.pdf'), hash(''), undefined)).toBe(false);
  });
});

describe('cache stamps', () => {
  it('drops damaged stamps but keeps the rest of the cache', () => {
    const file = path.join(dir, 'cache.json');
    writeCache(file, { ...emptyCache(), documents: { d: { key: 'k', entries: [] } }, files: { 'a.pdf': [1, 2, 3, 'x'] } });
    expect(readCache(file).files).toEqual({ 'a.pdf': [1, 2, 3, 'x'] });
    // Written by this machine (the HMAC holds), but of a shape this code does not write.
    writeCache(file, { ...emptyCache(), documents: { d: { key: 'k', entries: [] } }, files: { 'a.pdf': 'ødelagt' } } as unknown as CacheIndex);
    const read = readCache(file);
    expect(read.files).toEqual({});
    expect(read.documents.d?.key).toBe('k');
  });

  it('ignores a cache file this machine did not write, even of the right shape', () => {
    const file = path.join(dir, 'forged.json');
    writeFileSync(file, JSON.stringify({ ...emptyCache(), documents: { d: { key: 'k', entries: [] } } }));
    expect(readCache(file)).toEqual(emptyCache());
  });
});

describe('inputStamp', () => {
  it('stays the same while nothing changes and moves when a data file does', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'aftaler-inputs-'));
    try {
      const file = path.join(root, 'agreements', 'a.yaml');
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, 'id: a\n');
      const first = inputStamp(root);
      expect(inputStamp(root)).toBe(first);
      writeFileSync(file, 'id: b\n');
      utimesSync(file, new Date('2026-01-15T12:00:00Z'), new Date('2026-01-15T12:00:00Z'));
      expect(inputStamp(root)).not.toBe(first);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('does not follow a folder symlink to a parent folder (the walk would never end)', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'aftaler-inputs-'));
    try {
      mkdirSync(path.join(root, 'agreements', 'a'), { recursive: true });
      writeFileSync(path.join(root, 'agreements', 'a', 'x.yaml'), 'id: a\n');
      const before = inputStamp(root);
      symlinkSync('..', path.join(root, 'agreements', 'a', 'loop'));
      symlinkSync(root, path.join(root, 'templates'));
      expect(inputStamp(root)).toBe(before); // links are neither followed nor counted
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
