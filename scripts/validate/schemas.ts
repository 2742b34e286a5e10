import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { ErrorObject } from 'ajv';
import { cacheKey, codeCacheDir, readCacheFile, writeCacheFile } from '../basics/cache-file.ts';
import { InputFileError, readRegularFile } from '../basics/regular-file.ts';
import { registry } from '../kinds/index.ts';
import type { Kind } from '../model/kinds.ts';
import { AJV_OPTIONS, FORMATS, ajvVersions, compileSchemas, loadStandalone, type SchemaSource } from './compile.ts';

/** What validation needs of a validator: ajv's calling convention, compiled or standalone. */
export interface Validator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}

export type Validators = Record<Kind, Validator>;

export interface LoadedValidators {
  validators: Validators;
  /** Whether they came from the cache or were compiled (and then cached). */
  from: 'cache' | 'compiled';
}

/** A kind's schema by the `$id` its file declares: the base address plus the file's path. */
const schemaId = (schemaFile: string) => `https://aftaler.invalid/${schemaFile}`;

/** Bumped when the layout of a cached module or the meaning of its key changes. */
const CACHE_FORMAT = 1;

/**
 * One file per key: schema versions differ between data roots, revisions (`npm run diff`), tests.
 * Undefined when caching is off. The entries are executed, which is why they live outside any
 * checkout and carry this machine's HMAC (see cache-file.ts).
 */
function validatorCacheDir(root: string): string | undefined {
  const dir = codeCacheDir(root);
  return dir === undefined ? undefined : path.join(dir, 'validators');
}

/**
 * One validator per kind from schemas/. Compiling them is a large part of a check, so ajv's
 * standalone code for them is cached in `cacheDir`, keyed on everything that shapes it: every
 * schema file's name and text, the ajv and ajv-formats versions and the options. A missing,
 * damaged or unusable entry is ignored and the schemas are compiled as without a cache; both
 * give the same code, so the same findings. `cacheDir` null: no cache.
 */
export function loadValidators(root: string, cacheDir: string | null = validatorCacheDir(root) ?? null): LoadedValidators {
  const dir = path.join(root, 'schemas');
  const schemas: SchemaSource[] = readdirSync(dir)
    .filter((n) => n.endsWith('.schema.json'))
    .sort()
    .map((name) => ({ name, text: readRegularFile(root, `schemas/${name}`).toString('utf8') }));
  const kinds = registry.all().map((k) => k.id);
  const ids = Object.fromEntries(registry.all().map((k) => [k.id, schemaId(k.schema)]));
  if (cacheDir === null) return { validators: compileOrExplain(schemas, ids).validators as Validators, from: 'compiled' };

  const key = cacheKey([
    `validators ${CACHE_FORMAT}`,
    ajvVersions(),
    JSON.stringify(AJV_OPTIONS),
    JSON.stringify(FORMATS),
    JSON.stringify(ids),
    ...schemas.flatMap((s) => [s.name, s.text]),
  ]);
  const file = path.join(cacheDir, `${key}.cjs`);
  const cached = readCacheFile(file, key);
  const validators = cached === undefined ? undefined : loadStandalone(cached, kinds);
  if (validators) return { validators: validators as Validators, from: 'cache' };

  const compiled = compileOrExplain(schemas, ids);
  let code: string | undefined;
  try {
    code = compiled.standalone();
  } catch {
    // A schema feature the generator cannot write out: compiled validators serve without a cache.
  }
  // Only code that loads is stored, so a bad entry is never written in the first place.
  if (code !== undefined && loadStandalone(code, kinds)) writeCacheFile(file, key, code);
  return { validators: compiled.validators as Validators, from: 'compiled' };
}

/**
 * compileSchemas, with the schemas' own mistakes as one positioned Danish line each (exit 1)
 * rather than an internal error: the schemas are committed like the data. A `$ref` to anything
 * but another file in schemas/ cannot be resolved (ajv fetches nothing), so it is one of them.
 */
function compileOrExplain(schemas: readonly SchemaSource[], ids: Readonly<Record<string, string>>): ReturnType<typeof compileSchemas> {
  for (const schema of schemas) {
    try {
      JSON.parse(schema.text);
    } catch (error) {
      const at = Number(/position (\d+)/.exec((error as Error).message)?.[1] ?? 0);
      const before = schema.text.slice(0, at).split('\n');
      throw new InputFileError(
        'skema/ugyldigt-skema',
        `schemas/${schema.name}`,
        'Skemafilen er ikke gyldig JSON her; ret den',
        before.length,
        before.at(-1)!.length + 1,
      );
    }
  }
  try {
    return compileSchemas(schemas, ids);
  } catch (error) {
    const detail = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
    throw new InputFileError(
      'skema/ugyldigt-skema',
      'schemas',
      `Skemaerne kan ikke bruges (ajv: »${detail}«); ret skemaet, fx en $ref til en fil uden for schemas/ eller et ugyldigt mønster`,
    );
  }
}

/** One validator per kind from schemas/ (see loadValidators). */
export function compileValidators(root: string): Validators {
  return loadValidators(root).validators;
}
