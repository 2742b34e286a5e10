import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRules } from '../../scripts/check/rule.ts';
import { rules } from '../../scripts/check/rules/index.ts';
import { toJson } from '../../scripts/diagnostics/report-json.ts';
import { sha256 } from '../../scripts/basics/cache-file.ts';
import { loadRepository, type LoadResult } from '../../scripts/load/load-repository.ts';
import { ParseCache } from '../../scripts/load/parse-cache.ts';
import { Repository } from '../../scripts/model/repository.ts';
import { compileValidators } from '../../scripts/validate/schemas.ts';
import { runCli } from '../helpers/cli.ts';
import { REPO_ROOT, RepoCopy } from '../helpers/repo.ts';

const dir = 'agreements/midt-og-vestsjaelland';
const HSA = `${dir}/holbaek/hsa-holbaek-akutsygepleje.yaml`;
const ALIASES = `${dir}/lejre/hsa-lejre-akutsygepleje.yaml`;
const MINUS_ZERO = `${dir}/soroe/hsa-soroe-akutsygepleje.yaml`;
const KALUNDBORG = `${dir}/kalundborg/hsa-kalundborg-akutsygepleje.yaml`;
const NAESTVED = `${dir}/naestved/hsa-naestved-akutsygepleje.yaml`;
const RINGSTED = `${dir}/ringsted/delingsaftale-ringsted.yaml`;
/** A syntax error, aliases, -0: no entry in the store. */
const UNSTORED = [KALUNDBORG, ALIASES, MINUS_ZERO];
/** A date on which the real data has overdue warnings: rules then point into unchanged files. */
const TODAY = '2026-11-23';
const validators = compileValidators(REPO_ROOT);

const tempDirs: string[] = [];
function tempDir(): string {
  const made = mkdtempSync(path.join(tmpdir(), 'aftaler-parsed-'));
  tempDirs.push(made);
  return made;
}

/** Everything a check makes of a load: findings with positions, and the documents with their trees. */
function outcome(load: LoadResult) {
  const repo = new Repository(load.documents, load.brokenIds);
  const findings = toJson([...load.diagnostics, ...runRules(rules, repo, { today: TODAY })], load.sources);
  const documents = load.documents.map((d) => ({ file: d.file, kind: d.kind, data: d.data, tree: d.yaml.toString(), range: d.yaml.contents?.range }));
  return { findings, documents, files: load.files, counts: load.counts, brokenIds: [...load.brokenIds] };
}

/** Hashes of the texts of every YAML file of `repo` but `except`: what the store should hold. */
function textHashes(repo: RepoCopy, except: readonly string[] = []): Set<string> {
  const files = readdirSync(repo.path('agreements'), { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('.yaml'));
  return new Set(
    files
      .map((n) => `agreements/${n}`)
      .filter((f) => !except.includes(f))
      .map((f) => sha256(repo.read(f))),
  );
}
const storeOf = (cacheDir: string) =>
  path.join(
    cacheDir,
    readdirSync(cacheDir).find((n) => n.endsWith('.json'))!,
  );
const storedEntries = (cacheDir: string) => Object.keys(JSON.parse(readFileSync(storeOf(cacheDir), 'utf8').split('\n').slice(1).join('\n')) as object);
/** The texts whose data the store holds (their spans are stored beside, as `spans <hash>`). */
const storedHashes = (cacheDir: string) => new Set(storedEntries(cacheDir).filter((k) => !k.startsWith('spans ')));

describe('the parse cache', () => {
  const repo = new RepoCopy();
  let uncached: ReturnType<typeof outcome>;
  beforeAll(async () => {
    // Findings of every stage: syntax, schema, references, and overdue warnings elsewhere.
    repo.replace(KALUNDBORG, '\nopgave: akutsygepleje\n', '\nopgave: [akutsygepleje\n');
    repo.replace(NAESTVED, 'kommune: "370"', 'kommune: 370');
    repo.replace(RINGSTED, 'kommune: "329"', 'kommune: "999"');
    repo.write('agreements/ukendt.yaml', 'dokumenttype: hsx\nid: ukendt\n');
    repo.write(`${dir}/holbaek/andet-navn.yaml`, repo.read(HSA));
    // Loaded without a finding, but not stored: aliases may share objects, and JSON gives -0 back as 0.
    const ansvar = repo
      .read(ALIASES)
      .replace('ansvarlig: region', 'ansvarlig: &r region')
      .replace(/(ansvarlig: &r region[^]*?ansvarlig: )region/, '$1*r');
    repo.write(ALIASES, ansvar);
    repo.replace(MINUS_ZERO, 'aarligt_beloeb_kr: null', 'aarligt_beloeb_kr: -0');
    uncached = outcome(await loadRepository(repo.root, validators, { parseCache: null }));
  });
  afterAll(() => {
    repo.remove();
    for (const made of tempDirs) rmSync(made, { recursive: true, force: true });
  });

  it('gives what parsing gives: findings and their positions, documents, their data and trees', async () => {
    const cacheDir = tempDir();
    const first = outcome(await loadRepository(repo.root, validators, { parseCache: cacheDir }));
    const second = outcome(await loadRepository(repo.root, validators, { parseCache: cacheDir }));
    expect(first).toEqual(uncached);
    expect(second).toEqual(uncached);
    expect(uncached.findings.some((f) => f.severity === 'warning')).toBe(true);
    expect(uncached.findings.filter((f) => f.severity === 'error').map((f) => f.rule)).toEqual(
      expect.arrayContaining(['yaml/syntaks', 'fil/ukendt-dokumenttype', 'fil/filnavn', 'skema/type', 'ref/ukendt-kommune']),
    );
    // Every file that parsed without a finding is stored (schema and rule findings come after
    // parsing), but for the two JSON cannot give back.
    expect(storedHashes(cacheDir)).toEqual(textHashes(repo, UNSTORED));
    expect(uncached.documents.find((d) => d.file === ALIASES)).toBeDefined();
    expect(
      Object.is(
        (uncached.documents.find((d) => d.file === MINUS_ZERO)!.data as { finansiering: { aarligt_beloeb_kr: number } }).finansiering.aarligt_beloeb_kr,
        -0,
      ),
    ).toBe(true);
  });

  it('serves a stored entry in place of parsing the file', async () => {
    const cacheDir = tempDir();
    await loadRepository(repo.root, validators, { parseCache: cacheDir });
    const text = repo.read(HSA);
    const cache = ParseCache.open(repo.root, cacheDir)!;
    const stored = cache.lookup(text).data as { formaal: string };
    cache.put(sha256(text), { ...stored, formaal: 'Fra lageret' });
    cache.save();

    const load = await loadRepository(repo.root, validators, { parseCache: cacheDir });
    expect((load.documents.find((d) => d.file === HSA)!.data as { formaal: string }).formaal).toBe('Fra lageret');
    // Only that entry was in the store: the other files were parsed, and are stored again.
    expect(storedHashes(cacheDir)).toEqual(textHashes(repo, UNSTORED));
  });

  it('parses an edited file again, and stores it as it is now', async () => {
    const cacheDir = tempDir();
    const copy = new RepoCopy();
    try {
      await loadRepository(copy.root, validators, { parseCache: cacheDir });
      copy.replace(HSA, '\nformaal: ', '\nformaal: Ændret. ');
      const load = await loadRepository(copy.root, validators, { parseCache: cacheDir });
      expect((load.documents.find((d) => d.file === HSA)!.data as { formaal: string }).formaal).toMatch(/^Ændret\. /);
      expect(storedHashes(cacheDir)).toEqual(textHashes(copy));
    } finally {
      copy.remove();
    }
  });

  it.each([
    ['garbage', () => 'not a store'],
    ['a torn store', (text: string) => text.slice(0, Math.floor(text.length / 2))],
    // Still valid data: only the checksum tells.
    ['an altered store', (text: string) => text.replace('Regionen og Holbæk Kommune har', 'Regionen og Holbæk Kommune HAR')],
    ['a store of other parser code', (text: string) => text.replace(/^(\/\/ aftaler-cache )\w+/, '$1other')],
  ])('ignores %s and parses every file', async (_label, damage) => {
    const cacheDir = tempDir();
    await loadRepository(repo.root, validators, { parseCache: cacheDir });
    const store = storeOf(cacheDir);
    const text = readFileSync(store, 'utf8');
    expect(damage(text)).not.toBe(text);
    writeFileSync(store, damage(text));

    expect(outcome(await loadRepository(repo.root, validators, { parseCache: cacheDir }))).toEqual(uncached);
    expect(storedHashes(cacheDir)).toEqual(textHashes(repo, UNSTORED)); // and a good store again
  });

  it('leaves `check` output byte for byte the same on a first run (cache cold) and a repeated one', () => {
    for (const format of ['json', 'text']) {
      const args = ['--root', repo.root, '--today', TODAY, '--format', format];
      const first = runCli('check', args);
      const second = runCli('check', args);
      expect(first.code).toBe(1);
      expect(second).toEqual(first);
    }
  });

  it('keeps where findings point, so a repeated check need not parse the files again', async () => {
    const cacheDir = tempDir();
    /** A check as checkRepository runs it; the store as it is afterwards. */
    const check = async (parseCache = cacheDir) => {
      const load = await loadRepository(repo.root, validators, { parseCache });
      const findings = toJson([...load.diagnostics, ...runRules(rules, new Repository(load.documents, load.brokenIds), { today: TODAY })], load.sources);
      load.saveCache();
      return { findings, store: readFileSync(storeOf(parseCache), 'utf8') };
    };
    const cold = await check();
    const spans = storedEntries(cacheDir).filter((k) => k.startsWith('spans '));
    expect(spans.length).toBeGreaterThan(5);
    const warm = await check();
    expect(cold.findings).toEqual(uncached.findings);
    expect(warm.findings).toEqual(uncached.findings);
    // Every span the warm check needed was in the store: it located nothing anew (a span located
    // anew is a syntax tree parsed again, and is stored), so the store is as the cold check left it.
    expect(warm.store).toBe(cold.store);

    // Without the stored spans, the same check locates its findings again, and stores them again.
    const [header, ...body] = cold.store.split('\n');
    const cache = ParseCache.open(repo.root, cacheDir)!;
    const entries = Object.entries(JSON.parse(body.join('\n')) as Record<string, string>).filter(([key]) => !spans.includes(key));
    for (const [hash, json] of entries) cache.put(hash, JSON.parse(json));
    cache.save();
    expect(header).toMatch(/^\/\/ aftaler-cache /);
    expect(storedEntries(cacheDir).filter((k) => k.startsWith('spans '))).toEqual([]);
    const relocated = await check();
    expect(relocated.findings).toEqual(uncached.findings);
    expect(
      storedEntries(cacheDir)
        .filter((k) => k.startsWith('spans '))
        .sort(),
    ).toEqual([...spans].sort());

    // And the stored spans are what the check reports: stored at the start of each file instead,
    // every finding they place points at line 1, column 1.
    const stored = JSON.parse(relocated.store.split('\n').slice(1).join('\n')) as Record<string, string>;
    const movedDir = tempDir();
    const moved = ParseCache.open(repo.root, movedDir)!;
    for (const [key, json] of Object.entries(stored)) {
      if (!key.startsWith('spans ')) moved.put(key, JSON.parse(json));
    }
    for (const key of spans) {
      const hash = key.slice('spans '.length);
      for (const [at] of JSON.parse(stored[key]!) as Array<[string, unknown]>) {
        const split = at.lastIndexOf(' ');
        moved.spansOf(hash).span(JSON.parse(at.slice(0, split)) as string[], at.slice(split + 1) as 'key' | 'value', () => ({ start: 0, end: 1 }));
      }
    }
    moved.save();
    const placed = await check(movedDir);
    const atStart = placed.findings.filter((f) => f.line === 1 && f.column === 1);
    expect(atStart.length).toBeGreaterThan(5);
    expect(uncached.findings.filter((f) => f.line === 1 && f.column === 1).length).toBeLessThan(atStart.length);
  });

  it('ignores stored spans of the wrong shape', () => {
    const cacheDir = tempDir();
    const text = repo.read(HSA);
    const hash = sha256(text);
    const cache = ParseCache.open(repo.root, cacheDir)!;
    cache.put(hash, { id: 'x' });
    cache.spansOf(hash).span(['id'], 'value', () => ({ start: 1, end: 2 }));
    cache.save();
    const store = storeOf(cacheDir);
    const lines = readFileSync(store, 'utf8').split('\n');
    const body = JSON.parse(lines.slice(1).join('\n')) as Record<string, string>;
    expect(JSON.parse(body[`spans ${hash}`]!)).toEqual([['["id"] value', { start: 1, end: 2 }]]);
    // A memo entry that is not a span is dropped with the rest of that text's spans.
    const reopened = ParseCache.open(repo.root, cacheDir)!;
    expect(reopened.spansOf(hash).span(['id'], 'value', () => ({ start: 7, end: 8 }))).toEqual({ start: 1, end: 2 });
  });

  it('still loads when the cache cannot be written', async () => {
    const blocked = path.join(tempDir(), 'a-file');
    writeFileSync(blocked, '');
    expect(outcome(await loadRepository(repo.root, validators, { parseCache: path.join(blocked, 'parsed') }))).toEqual(uncached);
  });
});
