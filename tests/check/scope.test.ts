/**
 * `npm run check -- <file or folder>` (issue 19): the findings of that scope only, its files
 * counted, the exit code from its errors; references are still resolved against the whole
 * repository, and what was left out is said in one line.
 */
import { describe, expect, it } from 'vitest';
import { runInProcess } from '../helpers/in-process.ts';
import { RepoCopy } from '../helpers/repo.ts';

describe('check with a scope', () => {
  it('shows and counts only the findings of the named folder or file', async () => {
    const repo = new RepoCopy();
    try {
      repo.replace('agreements/midt-og-vestsjaelland/soroe/delingsaftale-soroe.yaml', 'status: udkast', 'status: kladde');
      const check = (...scope: string[]) => runInProcess('check', ['--root', repo.root, '--today', '2026-01-15', ...scope], { INIT_CWD: repo.root });
      const all = await check();
      expect(all.code).toBe(1);

      const lejre = await check('agreements/midt-og-vestsjaelland/lejre');
      expect(lejre.code).toBe(0); // Sorø's error is outside
      expect(lejre.stdout).not.toContain('soroe');
      expect(lejre.stdout).toMatch(/4 filer kontrolleret \(3 samarbejdsaftaler \(HSA\), 1 delingsaftale\)/);
      expect(lejre.stdout).toMatch(/^\(\d+ fund i andre filer end agreements\/midt-og-vestsjaelland\/lejre er ikke vist\)$/m);

      const soroe = await check('agreements/midt-og-vestsjaelland/soroe/delingsaftale-soroe.yaml');
      expect(soroe.code).toBe(1);
      expect(soroe.stdout).toMatch(/^agreements\/midt-og-vestsjaelland\/soroe\/delingsaftale-soroe\.yaml:\d+:\d+\s+fejl/m);
      expect(soroe.stdout).toContain('1 fil kontrolleret');

      const missing = await check('agreements/findes-ikke');
      expect(missing.code).toBe(2);
      expect(missing.stderr).toBe('check: »agreements/findes-ikke« findes ikke\nSe »npm run check -- --help«.\n');
    } finally {
      repo.remove();
    }
  });
});
