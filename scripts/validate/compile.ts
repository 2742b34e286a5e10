import { createRequire } from 'node:module';
import { setFlagsFromString } from 'node:v8';
import type { Ajv2020 as Ajv2020Type } from 'ajv/dist/2020.js';
import type addFormatsType from 'ajv-formats';
import type standaloneCodeType from 'ajv/dist/standalone/index.js';
import type { Validator } from './schemas.ts';

// ajv is required on demand, not imported: with validators from the cache (see schemas.ts) a
// check never loads ajv's compiler, which was a large part of its start-up.
const require = createRequire(import.meta.url);

/**
 * ajv's options. allErrors so one run reports every problem; verbose so messages can quote the
 * offending value and the schema's Danish descriptions; strictRequired off because `if`/`else`
 * branches name required fields defined next to them, the idiomatic form. They shape the
 * generated code, so they are part of the cache key.
 */
export const AJV_OPTIONS = {
  allErrors: true,
  verbose: true,
  strict: true,
  strictRequired: false,
  allowUnionTypes: true,
  inlineRefs: false,
  unicodeRegExp: false,
} as const;

/**
 * The schemas are committed like the data, so a schema's `pattern` is untrusted: one such as
 * `^([a-z0-9]+|-)+$` backtracks exponentially on a crafted value (36 characters kept `check`
 * busy for minutes). V8 can fall back to its linear-time engine when a regular expression
 * backtracks excessively; it does so only for expressions without the `u` flag, so ajv builds
 * the patterns without it (`unicodeRegExp: false`: the schemas' patterns are ASCII). The flag is
 * process-wide and changes no result, only how a runaway match is computed.
 */
function enableLinearRegExpFallback(): void {
  setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
}
enableLinearRegExpFallback();

/** The string formats the schemas use, from ajv-formats. */
export const FORMATS = ['date'] as const;

/** A schema file's name and text, as read from schemas/. */
export interface SchemaSource {
  name: string;
  text: string;
}

export interface Compiled {
  /** One validator per requested id, under the given names. */
  validators: Record<string, Validator>;
  /** The same validators as a CommonJS module (ajv standalone code), for the cache. */
  standalone: () => string;
}

/** The installed versions of ajv and ajv-formats: their generated code differs between releases. */
export function ajvVersions(): string {
  const version = (name: string) => (require(`${name}/package.json`) as { version: string }).version;
  return `ajv@${version('ajv')} ajv-formats@${version('ajv-formats')}`;
}

/**
 * Compiles the schemas with ajv and returns the validators for `ids` (kind → schema $id). An
 * invalid schema throws, as ajv reports it.
 */
export function compileSchemas(schemas: readonly SchemaSource[], ids: Readonly<Record<string, string>>): Compiled {
  const { Ajv2020 } = require('ajv/dist/2020.js') as { Ajv2020: typeof Ajv2020Type };
  // ajv-formats and the standalone generator are CommonJS: module.exports is the function, and
  // its `default` property is the same function (which is what their typings describe).
  const addFormats = require('ajv-formats') as typeof addFormatsType;
  const standaloneCode = require('ajv/dist/standalone/index.js') as typeof standaloneCodeType;

  // code.source keeps each function's source, which the standalone generator needs; it does not
  // change the code that validates.
  const ajv = new Ajv2020({ ...AJV_OPTIONS, code: { source: true } });
  addFormats.default(ajv, [...FORMATS]);
  for (const schema of schemas) ajv.addSchema(JSON.parse(schema.text) as object);
  const validators: Record<string, Validator> = {};
  for (const [name, id] of Object.entries(ids)) {
    const validate = ajv.getSchema(id);
    if (!validate) throw new Error(`schemas/${name}.schema.json mangler`);
    validators[name] = validate;
  }
  return { validators, standalone: () => standaloneCode.default(ajv, { ...ids }) };
}

/**
 * The validators in a module made by `standalone()`, or undefined when the code does not run or
 * lacks one of `names`. The module is CommonJS whose only requires are ajv's small runtime
 * helpers (deep equality, string length, the date format), resolved from here.
 */
export function loadStandalone(code: string, names: readonly string[]): Record<string, Validator> | undefined {
  try {
    const exports: Record<string, unknown> = {};
    // Evaluated the way ajv evaluates the code it generates (new Function), but from the text
    // this program wrote into its own cache: no module loader round trip, no compiler.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- this is the evaluation described above.
    const load = new Function('require', 'exports', code) as (require: NodeJS.Require, exports: Record<string, unknown>) => void;
    load(require, exports);
    return names.every((name) => typeof exports[name] === 'function') ? (exports as Record<string, Validator>) : undefined;
  } catch {
    return undefined;
  }
}
