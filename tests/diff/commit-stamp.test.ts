/** Whom a document's tracked changes are attributed to, from the commits of the compared range. */
import { describe, expect, it } from 'vitest';
import { commitStamp, type CommitInfo } from '../../scripts/diff/git.ts';

const LEJRE = 'agreements/midt-og-vestsjaelland/lejre/hsa-lejre-akutsygepleje.yaml';
const HOLBAEK = 'agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml';
const commit = (author: string, date: string, ...files: string[]): CommitInfo => ({ author, date, files });

describe('commitStamp', () => {
  it('names the authors of the commits that changed the document’s file or a template, dated with the newest', () => {
    const commits = [
      commit('Anna', '2026-02-25T09:00:00Z', LEJRE),
      commit('Bo', '2026-02-26T09:00:00Z', HOLBAEK),
      commit('Carl', '2026-02-24T09:00:00Z', 'templates/hsa.md.hbs'),
      commit('Anna', '2026-02-27T09:00:00Z', LEJRE),
    ];
    expect(commitStamp(commits, LEJRE)).toEqual({ author: 'Anna, Carl', date: '2026-02-27T09:00:00Z' });
    expect(commitStamp(commits, HOLBAEK)).toEqual({ author: 'Bo, Carl', date: '2026-02-26T09:00:00Z' });
  });

  it('does not name the author of a commit that changed only the README or the workflows', () => {
    const commits = [commit('Anna', '2026-02-25T09:00:00Z', LEJRE), commit('Dan', '2026-02-28T09:00:00Z', 'README.md', '.github/workflows/publish.yml')];
    expect(commitStamp(commits, LEJRE)).toEqual({ author: 'Anna', date: '2026-02-25T09:00:00Z' });
    // Reference data reaches every document.
    const reference = [...commits, commit('Eva', '2026-03-01T09:00:00Z', 'agreements/reference/frister.yaml')];
    expect(commitStamp(reference, LEJRE)).toEqual({ author: 'Anna, Eva', date: '2026-03-01T09:00:00Z' });
  });

  it('names every author of the range when none changed the document’s own inputs', () => {
    const commits = [commit('Anna', '2026-02-25T09:00:00Z', HOLBAEK), commit('Bo', '2026-02-26T09:00:00Z', 'agreements/sager/sag.yaml')];
    expect(commitStamp(commits, LEJRE)).toEqual({ author: 'Anna, Bo', date: '2026-02-26T09:00:00Z' });
  });

  it('shortens more than three names, and says »ukendt forfatter« for an empty range, never a made-up name', () => {
    const commits = ['A', 'B', 'C', 'D'].map((name, i) => commit(name, `2026-02-2${i}T09:00:00Z`, LEJRE));
    expect(commitStamp(commits, LEJRE).author).toBe('A, B, C m.fl.');
    expect(commitStamp([], LEJRE)).toEqual({ author: 'ukendt forfatter', date: '1980-01-01T00:00:00Z' });
  });
});
