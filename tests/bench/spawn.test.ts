/** The bench runs each command with the Node options its npm script gives (scripts/bench/spawn.ts). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeOptionsOf } from '../../scripts/bench/spawn.ts';
import { REPO_ROOT } from '../../scripts/basics/repo-root.ts';

describe('nodeOptionsOf', () => {
  const scripts = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;

  it('takes the options between node and the launcher from package.json', () => {
    expect(scripts.build).toMatch(/^node (--\S+ )+scripts\/launch\.mjs build$/);
    expect(nodeOptionsOf('build')).toEqual(scripts.build!.split(' ').slice(1, -2));
    expect(nodeOptionsOf('build')).toContain('--max-old-space-size=256');
  });

  it('gives none for a script without options, or no such script', () => {
    expect(scripts.check).toBe('node scripts/launch.mjs check');
    expect(nodeOptionsOf('check')).toEqual([]);
    expect(nodeOptionsOf('findes-ikke')).toEqual([]);
  });
});
