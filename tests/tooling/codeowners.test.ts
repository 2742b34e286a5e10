/**
 * .github/CODEOWNERS routes a pull request to the people who must review it (issue 19): each
 * kommune's folder to that kommune's team, the data, reference data, templates and schemas to the
 * secretariat, everything else to the developers. Checked against the folders that exist, so a
 * new kommune folder without its line fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from '../helpers/repo.ts';

const rules = readFileSync(path.join(REPO_ROOT, '.github/CODEOWNERS'), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '' && !line.startsWith('#'))
  .map((line) => {
    const [pattern, ...owners] = line.trim().split(/\s+/);
    return { pattern: pattern!, owners };
  });

/** The owners of a file as GitHub decides them: the last matching line wins. */
function ownersOf(file: string): string[] {
  let owners: string[] = [];
  for (const rule of rules) {
    const matches = rule.pattern === '*' || (rule.pattern.startsWith('/') && rule.pattern.endsWith('/') && `/${file}`.startsWith(rule.pattern));
    if (matches) owners = rule.owners;
  }
  return owners;
}

const slugs = new Set(
  (parse(readFileSync(path.join(REPO_ROOT, 'agreements/reference/region.yaml'), 'utf8')) as { kommuner: Array<{ slug: string }> }).kommuner.map((k) => k.slug),
);
const isDir = (p: string) => statSync(path.join(REPO_ROOT, p)).isDirectory();
const kommuneFolders = readdirSync(path.join(REPO_ROOT, 'agreements'))
  .filter((raad) => raad !== 'reference' && isDir(`agreements/${raad}`))
  .flatMap((raad) =>
    readdirSync(path.join(REPO_ROOT, 'agreements', raad))
      .filter((d) => isDir(`agreements/${raad}/${d}`))
      .map((d) => ({ raad, slug: d })),
  );

describe('CODEOWNERS', () => {
  it('uses only patterns GitHub reads the way this test does, and one organisation', () => {
    for (const { pattern, owners } of rules) {
      expect(pattern === '*' || /^\/[a-z0-9/-]+\/$/.test(pattern), pattern).toBe(true);
      expect(owners.length, pattern).toBe(1);
      expect(owners[0], pattern).toMatch(/^@region-oestdanmark\/aftaler-[a-z0-9-]+$/);
    }
  });

  it('routes every kommune folder to that kommune’s team', () => {
    expect(kommuneFolders.length).toBeGreaterThan(0);
    for (const { raad, slug } of kommuneFolders) {
      expect(slugs.has(slug), `${raad}/${slug} is a kommune of region.yaml`).toBe(true);
      expect(ownersOf(`agreements/${raad}/${slug}/hsa-${slug}-akutsygepleje.yaml`)).toEqual([`@region-oestdanmark/aftaler-${slug}`]);
    }
  });

  it('routes the case, the reference data, templates and schemas to the secretariat, the rest to the developers', () => {
    const secretariat = ['@region-oestdanmark/aftaler-sekretariat'];
    expect(ownersOf('agreements/midt-og-vestsjaelland/sag-emn-2025-10366.yaml')).toEqual(secretariat);
    expect(ownersOf('agreements/reference/region.yaml')).toEqual(secretariat);
    expect(ownersOf('templates/hsa.md.hbs')).toEqual(secretariat);
    expect(ownersOf('schemas/hsa.schema.json')).toEqual(secretariat);
    for (const file of ['scripts/cli/build.ts', '.github/workflows/publish.yml', 'package.json']) {
      expect(ownersOf(file)).toEqual(['@region-oestdanmark/aftaler-udvikling']);
    }
  });
});
