import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { kinds, type Kind } from '../model/kinds.ts';

export type Validators = Record<Kind, ValidateFunction>;

/**
 * Compiles one validator per kind from schemas/. allErrors so one run reports every problem;
 * verbose so messages can quote the offending value and the schema's Danish descriptions.
 */
export function compileValidators(root: string): Validators {
  const dir = path.join(root, 'schemas');
  // strictRequired off: `if`/`else` branches name required fields defined next to them, the idiomatic form.
  const ajv = new Ajv2020({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true, inlineRefs: false });
  // ajv-formats is CommonJS: under NodeNext the default import is module.exports, whose
  // `default` property is the plugin (at run time and in its typings alike).
  addFormats.default(ajv, ['date']);
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.schema.json')).sort()) {
    ajv.addSchema(JSON.parse(readFileSync(path.join(dir, name), 'utf8')) as object);
  }
  const validators = {} as Validators;
  for (const kind of kinds) {
    const validate = ajv.getSchema(`https://aftaler.invalid/schemas/${kind}.schema.json`);
    if (!validate) throw new Error(`schemas/${kind}.schema.json mangler`);
    validators[kind] = validate;
  }
  return validators;
}
