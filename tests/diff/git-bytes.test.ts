/**
 * `npm run diff` reads a revision's files with `git cat-file --batch` and splits the output by
 * the sizes in its headers, so the bytes must arrive exactly as git wrote them: across the pipe's
 * chunk boundaries (a large file of multi-byte characters) and for bytes that are not UTF-8 (the
 * second case fails when the output is taken as decoded text, as it was).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openGit } from '../../scripts/diff/git.ts';

describe('git output as bytes', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'aftaler-git-bytes-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('gives cat-file --batch output byte for byte, also across chunk boundaries', async () => {
    const text = '—æ€'.repeat(200_000); // 1.6 MB of two- and three-byte characters
    writeFileSync(path.join(root, 'tekst.md'), text);
    const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim();
    git('init', '-q');
    const oid = git('hash-object', '-w', 'tekst.md');
    const bytes = Buffer.from(text, 'utf8');

    const out = await (await openGit(root)).runBytes(['cat-file', '--batch'], `${oid}\n`);
    const header = `${oid} blob ${bytes.length}\n`;
    expect(out.subarray(0, header.length).toString('utf8')).toBe(header);
    expect(out.subarray(header.length, header.length + bytes.length).equals(bytes)).toBe(true);
    expect(out.length).toBe(header.length + bytes.length + 1);
  });

  it('reports a git that exits without reading its input as a git error, not a broken pipe', async () => {
    // `git version` reads nothing: 8 MB on its standard input cannot all be written before it exits.
    const out = await (await openGit(root)).runBytes(['version'], 'x'.repeat(8 * 1024 * 1024));
    expect(out.toString('utf8')).toMatch(/^git version /);
    await expect((await openGit(root)).runBytes(['cat-file', '--no-such-option'], 'x'.repeat(8 * 1024 * 1024))).rejects.toThrow(/git cat-file fejlede/);
  });

  it('gives bytes that are not UTF-8 (a Latin-1 file, a PDF bilag) unchanged', async () => {
    const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0xe6, 0xf8, 0xe5, 0x00, 0xff, 0xfe, 0x0a]);
    writeFileSync(path.join(root, 'bilag.pdf'), bytes);
    const oid = execFileSync('git', ['hash-object', '-w', 'bilag.pdf'], { cwd: root, encoding: 'utf8' }).trim();
    const out = await (await openGit(root)).runBytes(['cat-file', '--batch'], `${oid}\n`);
    const header = `${oid} blob ${bytes.length}\n`;
    expect(out.subarray(header.length, header.length + bytes.length).equals(bytes)).toBe(true);
    expect(out.length).toBe(header.length + bytes.length + 1);
  });
});
