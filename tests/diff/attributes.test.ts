/**
 * What the reviewer sees is what gets built: `npm run diff` must read the same files as the
 * build, whatever the revision's .gitattributes say, and check refuses attributes that make a
 * file's bytes depend on how git is asked for it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { openGit } from '../../scripts/diff/git.ts';
import { materialise } from '../../scripts/diff/materialise.ts';
import { runDiff } from '../../scripts/diff/run.ts';
import { SnapshotError } from '../../scripts/diff/snapshot.ts';
import { FILES, ScratchRepo } from './scratch-repo.ts';

const TODAY = '2026-01-15';

describe('.gitattributes cannot hide a change from the diff', () => {
  let repo: ScratchRepo;
  let base: string;
  let head: string;

  beforeAll(() => {
    repo = new ScratchRepo();
    // The attribute arrives first, in a harmless-looking commit; the change follows.
    writeFileSync(repo.path('.gitattributes'), 'agreements/midt-og-vestsjaelland/holbaek/*.yaml export-ignore export-subst\n');
    base = repo.commitAll('Gitattributes');
    repo.replace(FILES.hsaHolbaek, '  aarligt_beloeb_kr: null', '  aarligt_beloeb_kr: 987654');
    head = repo.commitAll('Beløb');
  });
  afterAll(() => repo.remove());

  it('diff reports the changed document although export-ignore would leave it out of an archive', async () => {
    const result = await runDiff({ root: repo.root, base, head, today: TODAY });
    expect(result.changed.map((d) => d.id)).toEqual(['hsa-holbaek-akutsygepleje']);
    expect(result.added).toEqual([]);
    expect(result.removed).toEqual([]);
  }, 120_000);

  it('check refuses the attributes on every input file they apply to, at that file', async () => {
    const { diagnostics } = await checkRepository(repo.root, { today: TODAY });
    const found = diagnostics.filter((d) => d.rule === 'repo/git-attribut');
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((d) => d.severity === 'error' && d.file.startsWith('agreements/midt-og-vestsjaelland/holbaek/'))).toBe(true);
    expect(found.map((d) => d.message)).toContain(
      'Git-attributten »export-ignore« gælder for filen (fra .gitattributes); den ændrer, hvad git eksporterer eller tjekker ud, så gennemsyn og dannelse kunne se forskellige data. Fjern linjen i .gitattributes',
    );
    expect(found.some((d) => d.file === FILES.hsaHolbaek && d.message.includes('»export-subst«'))).toBe(true);
  }, 60_000);

  it('a tree that git would not check out (a »..« entry) is refused, nothing written outside', async () => {
    // A crafted tree: git mktree takes any name; git itself would refuse to check it out.
    const blob = execFileSync('git', ['-C', repo.root, 'hash-object', '-w', '--stdin'], { input: 'x' }).toString().trim();
    const evil = execFileSync('git', ['-C', repo.root, 'mktree'], { input: `100644 blob ${blob}\t..\n` })
      .toString()
      .trim();
    const agreements = execFileSync('git', ['-C', repo.root, 'mktree'], { input: `040000 tree ${evil}\tx\n` })
      .toString()
      .trim();
    const headTree = repo.git('rev-parse', `${head}^{tree}`).trim();
    const entries = repo
      .git('ls-tree', headTree)
      .split('\n')
      .filter((l) => l && !l.endsWith('\tagreements'));
    const root = execFileSync('git', ['-C', repo.root, 'mktree'], { input: [...entries, `040000 tree ${agreements}\tagreements`].join('\n') + '\n' })
      .toString()
      .trim();
    const commit = execFileSync('git', ['-C', repo.root, 'commit-tree', root, '-m', 'ond'], {
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' },
    })
      .toString()
      .trim();
    const git = await openGit(repo.root);
    await expect(materialise(git, commit, 'ond')).rejects.toThrow(SnapshotError);
    await expect(materialise(git, commit, 'ond')).rejects.toHaveProperty('report', expect.stringContaining('»agreements/x/..«'));
  });

  it('a tree with a link and a folder of the same name is refused, nothing written through the link', async () => {
    const target = mkdtempSync(path.join(tmpdir(), 'aftaler-evil-'));
    try {
      const hash = (text: string) => execFileSync('git', ['-C', repo.root, 'hash-object', '-w', '--stdin'], { input: text }).toString().trim();
      const mktree = (lines: string[]) =>
        execFileSync('git', ['-C', repo.root, 'mktree'], { input: lines.join('\n') + '\n' })
          .toString()
          .trim();
      const sub = mktree([`100644 blob ${hash('dokumenttype: hsa\n')}\ty.yaml`]);
      // git mktree takes a name twice; git itself would never write such a tree.
      const agreements = mktree([`120000 blob ${hash(target)}\tx`, `040000 tree ${sub}\tx`]);
      const rest = repo
        .git('ls-tree', head)
        .split('\n')
        .filter((l) => l && !l.endsWith('\tagreements'));
      const commit = execFileSync('git', ['-C', repo.root, 'commit-tree', mktree([...rest, `040000 tree ${agreements}\tagreements`]), '-m', 'ond'], {
        env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' },
      })
        .toString()
        .trim();
      const git = await openGit(repo.root);
      await expect(materialise(git, commit, 'ond')).rejects.toHaveProperty('report', expect.stringContaining('under et symbolsk link'));
      expect(readdirSync(target)).toEqual([]);
      // A link under a link: `x` → the target, `x/planted` → anywhere.
      const linkUnderLink = mktree([`120000 blob ${hash(target)}\tx`, `040000 tree ${mktree([`120000 blob ${hash('/etc/passwd')}\tplanted`])}\tx`]);
      const commit2 = execFileSync('git', ['-C', repo.root, 'commit-tree', mktree([...rest, `040000 tree ${linkUnderLink}\tagreements`]), '-m', 'ond'], {
        env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' },
      })
        .toString()
        .trim();
      await expect(materialise(git, commit2, 'ond')).rejects.toHaveProperty('report', expect.stringContaining('under et symbolsk link'));
      expect(readdirSync(target)).toEqual([]);
      // The same name twice, both files: refused too.
      const twice = mktree([`100644 blob ${hash('a')}\tx.yaml`, `100644 blob ${hash('b')}\tx.yaml`]);
      const commit3 = execFileSync('git', ['-C', repo.root, 'commit-tree', mktree([...rest, `040000 tree ${twice}\tagreements`]), '-m', 'ond'], {
        env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' },
      })
        .toString()
        .trim();
      await expect(materialise(git, commit3, 'ond')).rejects.toHaveProperty('report', expect.stringContaining('to gange eller som både fil og mappe'));
    } finally {
      rmSync(target, { recursive: true, force: true });
    }
  });
});
