import { mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { MAX_CACHE_FILES, cacheKey, readCacheFile, writeCacheFile } from '../../scripts/basics/cache-file.ts';
import { registry } from '../../scripts/kinds/index.ts';
import type { Kind } from '../../scripts/model/kinds.ts';
import { loadValidators, type Validators } from '../../scripts/validate/schemas.ts';
import { REPO_ROOT, RepoCopy } from '../helpers/repo.ts';

const tempDirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'aftaler-validators-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

const entries = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.cjs'));

/** Every YAML document of the real data, as plain data with its kind. */
function realDocuments(): Array<{ kind: Kind; data: Record<string, unknown> }> {
  const out: Array<{ kind: Kind; data: Record<string, unknown> }> = [];
  for (const name of readdirSync(path.join(REPO_ROOT, 'agreements'), { recursive: true, encoding: 'utf8' }).sort()) {
    if (!name.endsWith('.yaml')) continue;
    const data = parse(readFileSync(path.join(REPO_ROOT, 'agreements', name), 'utf8')) as Record<string, unknown>;
    if (typeof data.dokumenttype === 'string' && registry.has(data.dokumenttype)) out.push({ kind: data.dokumenttype as Kind, data });
  }
  return out;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Copies of `data` with one value changed or removed each, at every place in it. */
function* mutations(data: Json): Generator<Json> {
  const wrong: Json[] = [null, 1.5, -1, 'x', '', '2026-02-30', [], {}, [1, 1], true, 'a'.repeat(3000)];
  if (Array.isArray(data)) {
    for (const [i, item] of data.entries()) for (const m of mutations(item)) yield data.map((x, j) => (j === i ? m : x));
    if (data.length > 0) yield [...data, data[0]!];
    yield [];
  } else if (data !== null && typeof data === 'object') {
    for (const key of Object.keys(data)) {
      const { [key]: value, ...rest } = data;
      yield rest;
      for (const m of mutations(value!)) yield { ...data, [key]: m };
    }
    yield { ...data, ukendt_felt: 1, dokumenttyp: 'hsa' };
  } else {
    yield* wrong.filter((w) => w !== data);
  }
}

describe('validators from the cache', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir();
  });

  it('are compiled and stored on a miss, then served from the stored entry', () => {
    const first = loadValidators(REPO_ROOT, dir);
    expect(first.from).toBe('compiled');
    expect(entries(dir)).toHaveLength(1);
    const second = loadValidators(REPO_ROOT, dir);
    expect(second.from).toBe('cache');
    expect(entries(dir)).toHaveLength(1);
  });

  it('report exactly what compiled validators report: keyword, place, params, schema excerpts, data', () => {
    const compiled = loadValidators(REPO_ROOT, null).validators;
    loadValidators(REPO_ROOT, dir);
    const cached = loadValidators(REPO_ROOT, dir);
    expect(cached.from).toBe('cache');

    const keywords = new Set<string>();
    let invalid = 0;
    const run = (validators: Validators, kind: Kind, data: unknown) => {
      const validate = validators[kind];
      const valid = validate(data);
      return { valid, errors: structuredClone(validate.errors ?? null) };
    };
    for (const { kind, data } of realDocuments()) {
      for (const mutated of mutations(data as Json)) {
        const a = run(compiled, kind, mutated);
        const b = run(cached.validators, kind, mutated);
        expect(b).toEqual(a);
        if (!a.valid) invalid++;
        for (const e of a.errors ?? []) keywords.add(e.keyword);
      }
    }
    // The corpus reaches the keywords the Danish messages are written for.
    expect(invalid).toBeGreaterThan(1000);
    for (const k of [
      'required',
      'additionalProperties',
      'type',
      'enum',
      'const',
      'pattern',
      'format',
      'minLength',
      'minimum',
      'uniqueItems',
      'minItems',
      'if',
    ]) {
      expect(keywords, k).toContain(k);
    }
  });

  it.each([
    ['garbage', () => 'not a cache entry'],
    ['an empty file', () => ''],
    ['a torn entry', (text: string) => text.slice(0, Math.floor(text.length / 2))],
    // Still code that loads: only the checksum tells.
    ['an altered entry', (text: string) => text.replace('"use strict";', '"use strict";exports.altered = true;')],
  ])('ignore %s and compile (and store a good entry again)', (_label, damage) => {
    loadValidators(REPO_ROOT, dir);
    const [entry] = entries(dir);
    const file = path.join(dir, entry!);
    writeFileSync(file, damage(readFileSync(file, 'utf8')));

    const again = loadValidators(REPO_ROOT, dir);
    expect(again.from).toBe('compiled');
    expect(again.validators.hsa({})).toBe(false);
    expect(loadValidators(REPO_ROOT, dir).from).toBe('cache');
  });

  it.each([
    ['code that throws', 'throw new Error("broken");'],
    ['code that does not parse', 'exports.hsa = ('],
    ['code without every validator', 'exports.hsa = function () { return true; };'],
  ])('ignore an intact entry holding %s', (_label, body) => {
    loadValidators(REPO_ROOT, dir);
    const key = entries(dir)[0]!.replace(/\.cjs$/, '');
    const file = path.join(dir, `${key}.cjs`);
    writeCacheFile(file, key, body);
    expect(readCacheFile(file, key)).toBe(body); // the checksum is right: only loading it can fail

    const again = loadValidators(REPO_ROOT, dir);
    expect(again.from).toBe('compiled');
    expect(again.validators.hsa({})).toBe(false);
    expect(readCacheFile(file, key)).not.toBe(body);
  });

  it('still validate when the cache cannot be written', () => {
    const blocked = path.join(tempDir(), 'a-file');
    writeFileSync(blocked, '');
    const loaded = loadValidators(REPO_ROOT, path.join(blocked, 'validators'));
    expect(loaded.from).toBe('compiled');
    expect(loaded.validators.hsa({})).toBe(false);
  });
});

describe('a schema change', () => {
  /** Whether the HSA validator finds fault with `status: value`. */
  const rejectsStatus = (validators: Validators, value: string) => {
    validators.hsa({ status: value });
    return (validators.hsa.errors ?? []).some((e) => e.instancePath === '/status');
  };

  it('gives a new entry, and validators that follow the changed schema', () => {
    const repo = new RepoCopy(['schemas']);
    const dir = tempDir();
    try {
      expect(loadValidators(repo.root, dir).from).toBe('compiled');
      expect(rejectsStatus(loadValidators(repo.root, dir).validators, 'arkiveret')).toBe(true);

      repo.replace('schemas/common.schema.json', '"opsagt"]', '"opsagt", "arkiveret"]');
      const changed = loadValidators(repo.root, dir);
      expect(changed.from).toBe('compiled');
      expect(entries(dir)).toHaveLength(2);
      expect(rejectsStatus(changed.validators, 'arkiveret')).toBe(false);
      const again = loadValidators(repo.root, dir);
      expect(again.from).toBe('cache');
      expect(rejectsStatus(again.validators, 'arkiveret')).toBe(false);
    } finally {
      repo.remove();
    }
  });

  it('in a schema file no kind names directly (a new file) gives a new entry too', () => {
    const repo = new RepoCopy(['schemas']);
    const dir = tempDir();
    try {
      expect(loadValidators(repo.root, dir).from).toBe('compiled');
      repo.write('schemas/extra.schema.json', JSON.stringify({ $id: 'https://aftaler.invalid/schemas/extra.schema.json', type: 'object' }));
      expect(loadValidators(repo.root, dir).from).toBe('compiled');
      expect(entries(dir)).toHaveLength(2);
    } finally {
      repo.remove();
    }
  });
});

describe('cache files', () => {
  it('have keys that tell lists of parts apart, however they are split', () => {
    expect(cacheKey(['ab', 'c'])).not.toBe(cacheKey(['a', 'bc']));
    expect(cacheKey(['a', ''])).not.toBe(cacheKey(['a']));
    expect(cacheKey(['a', 'b'])).toBe(cacheKey(['a', 'b']));
  });

  it('are read only under the key they were written with', () => {
    const file = path.join(tempDir(), 'entry');
    writeCacheFile(file, 'k1', 'body');
    expect(readCacheFile(file, 'k1')).toBe('body');
    expect(readCacheFile(file, 'k2')).toBeUndefined();
  });

  it(`keep the ${MAX_CACHE_FILES} most recently used files of a folder`, () => {
    const dir = tempDir();
    const names = Array.from({ length: MAX_CACHE_FILES + 3 }, (_, i) => `${i}.cjs`);
    for (const [i, name] of names.entries()) {
      writeCacheFile(path.join(dir, name), 'k', `// ${i}`);
      // Distinct, increasing times in the past: file systems may store coarse ones.
      const time = new Date(Date.UTC(2020, 0, 1, 0, i));
      utimesSync(path.join(dir, name), time, time);
    }
    const kept = () => new Set(entries(dir));
    expect(kept()).toEqual(new Set(names.slice(3)));

    expect(readCacheFile(path.join(dir, names[3]!), 'k')).toBe('// 3'); // the oldest, now used
    writeCacheFile(path.join(dir, 'last.cjs'), 'k', '// last');
    expect(kept()).toEqual(new Set([...names.slice(5), names[3], 'last.cjs']));
  });
});
