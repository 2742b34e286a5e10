import type { ErrorObject } from 'ajv';
import type { SchemaRuleId } from '../diagnostics/rule-id.ts';
import { isoDateGuess } from '../basics/iso-date-guess.ts';
import { quote, suggest } from '../basics/quote.ts';

/** A field name as staff see it: the last named segment of the path. */
function fieldName(path: readonly string[]): string {
  for (let i = path.length - 1; i >= 0; i--) if (!/^\d+$/.test(path[i]!)) return path[i]!;
  return 'dokumentet';
}

const typeWords: Record<string, string> = {
  string: 'en tekst',
  integer: 'et helt tal',
  number: 'et tal',
  boolean: 'true eller false',
  object: 'et afsnit med felter',
  array: 'en liste',
  null: 'tom (null)',
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

/**
 * Why a value of the wrong type was probably written that way, for the usual Danish habits:
 * decimal comma, thousands separators, and yes/no for a boolean. Empty when nothing fits.
 */
function typeHint(expected: readonly string[], value: unknown): string {
  const wantsNumber = expected.includes('number') || expected.includes('integer');
  if (typeof value === 'string' && wantsNumber) {
    const text = value.trim();
    if (/^[-+]?\d{1,3}([.\s]\d{3})+(,\d+)?$/.test(text)) {
      const plain = text.replace(/[.\s]/g, '').replace(/,\d+$/, '');
      return ` (skriv beløb uden tusindtalspunktummer og mellemrum, fx ${plain})`;
    }
    if (/^[-+]?\d+,\d+$/.test(text)) {
      return expected.includes('number') ? ` (brug punktum som decimaltegn, fx ${text.replace(',', '.')})` : ' (skal være et helt tal, uden decimaler)';
    }
    if (/^[-+]?\d+(\.\d+)?$/.test(text)) return ' (fjern anførselstegnene)';
  }
  if (typeof value === 'number' && expected.includes('integer') && !expected.includes('number') && !Number.isInteger(value) && Number.isFinite(value)) {
    // 1.234 is read as one point two three four: probably meant as 1234 kr.
    return /\.\d{3}$/.test(String(value))
      ? ` (skriv beløb uden tusindtalspunktum, fx ${String(value).replace('.', '')})`
      : ' (skal være et helt tal, uden decimaler)';
  }
  if (typeof value === 'string' && expected.includes('boolean') && /^(yes|no|on|off|y|n|ja|nej|sand|falsk)$/i.test(value.trim())) {
    // YAML 1.1 read yes/no/on/off as booleans; YAML 1.2 (used here) reads them as text.
    return ' (skriv true for ja og false for nej)';
  }
  if (expected.includes('string') && (typeof value === 'number' || typeof value === 'boolean')) return ' (sæt værdien i anførselstegn)';
  return '';
}

function schemaText(schema: unknown, key: 'description' | 'title'): string | undefined {
  if (schema && typeof schema === 'object' && key in schema) {
    const v = (schema as Record<string, unknown>)[key];
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

export interface Mapped {
  rule: SchemaRuleId;
  /** Path of the node to point at, and whether to point at its key or its value. */
  path: string[];
  target: 'key' | 'value';
  message: string;
}

/** Maps one ajv error to a rule id, a place and a Danish message; undefined for summary errors. */
export function mapAjvError(error: ErrorObject, path: string[]): Mapped | undefined {
  const name = fieldName(path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(params.missingProperty);
      const properties = (error.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
      const hint = schemaText(properties?.[missing], 'description');
      const where = path.length > 0 ? ` i »${name}«` : '';
      return { rule: 'skema/paakraevet', path, target: 'key', message: `Feltet »${missing}« mangler${where}${hint ? `: ${hint}` : ''}` };
    }
    case 'dependentRequired': {
      const missing = String(params.missingProperty);
      return {
        rule: 'skema/paakraevet',
        path: [...path, String(params.property)],
        target: 'key',
        message: `Feltet »${missing}« skal udfyldes, når »${String(params.property)}« er udfyldt`,
      };
    }
    case 'additionalProperties': {
      const unknown = String(params.additionalProperty);
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const guess = suggest(unknown, allowed);
      return {
        rule: 'skema/ukendt-felt',
        path: [...path, unknown],
        target: 'key',
        message: `Ukendt felt ${quote(unknown)}${guess ? ` – mente du »${guess}«?` : ''}`,
      };
    }
    case 'type': {
      const expected = ([] as string[]).concat(params.type as string | string[]);
      const words = expected.map((t) => typeWords[t] ?? t).join(' eller ');
      const actual = typeOf(error.data);
      return {
        rule: 'skema/type',
        path,
        target: 'value',
        message: `»${name}« skal være ${words}, ikke ${typeWords[actual] ?? actual} ${quote(error.data)}${typeHint(expected, error.data)}`,
      };
    }
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      const guess = typeof error.data === 'string' ? suggest(error.data, allowed) : undefined;
      return {
        rule: 'skema/tilladte-vaerdier',
        path,
        target: 'value',
        message: `${quote(error.data)} er ikke en gyldig værdi for »${name}«; brug en af: ${allowed.join(', ')}${guess ? ` (mente du »${guess}«?)` : ''}`,
      };
    }
    case 'const':
      return { rule: 'skema/fast-vaerdi', path, target: 'value', message: `»${name}« skal være ${quote(params.allowedValue)}` };
    case 'pattern': {
      const what = schemaText(error.parentSchema, 'description') ?? schemaText(error.parentSchema, 'title');
      return {
        rule: 'skema/moenster',
        path,
        target: 'value',
        message: `${quote(error.data)} har ikke det rigtige format for »${name}«${what ? `: ${what}` : ''}`,
      };
    }
    case 'format': {
      // The date the value most likely means, else an example of the form.
      const guess = isoDateGuess(error.data);
      const hint = guess === undefined ? 'fx 2026-04-01' : `altså ${guess}`;
      return { rule: 'skema/format', path, target: 'value', message: `${quote(error.data)} er ikke en gyldig dato; skriv ÅÅÅÅ-MM-DD, ${hint}` };
    }
    case 'minimum':
    case 'exclusiveMinimum':
      return {
        rule: 'skema/interval',
        path,
        target: 'value',
        message: `»${name}« skal være mindst ${String(params.limit)}${error.keyword === 'exclusiveMinimum' ? ' (og ikke lig med)' : ''}`,
      };
    case 'maximum':
    case 'exclusiveMaximum':
      return { rule: 'skema/interval', path, target: 'value', message: `»${name}« må højst være ${String(params.limit)}` };
    case 'minLength':
      return { rule: 'skema/laengde', path, target: 'value', message: `»${name}« må ikke være tom` };
    case 'maxLength':
      return { rule: 'skema/laengde', path, target: 'value', message: `»${name}« må højst være ${String(params.limit)} tegn` };
    case 'minItems':
      return { rule: 'skema/elementer', path, target: 'key', message: `»${name}« skal have mindst ${String(params.limit)} punkt(er)` };
    case 'maxItems':
      return { rule: 'skema/elementer', path, target: 'key', message: `»${name}« må højst have ${String(params.limit)} punkter` };
    case 'minProperties':
      return { rule: 'skema/elementer', path, target: 'value', message: `»${name}« skal indeholde mindst ét felt` };
    case 'maxProperties':
      return { rule: 'skema/elementer', path, target: 'value', message: `»${name}« må højst indeholde ${String(params.limit)} felter` };
    case 'uniqueItems':
      return {
        rule: 'skema/unik',
        path: [...path, String(params.j)],
        target: 'value',
        message: `»${name}« indeholder den samme værdi to gange (punkt ${Number(params.j) + 1} og ${Number(params.i) + 1})`,
      };
    case 'false schema':
      return { rule: 'skema/udelukker', path, target: 'key', message: `Feltet »${name}« kan ikke bruges her` };
    case 'if':
    case 'anyOf':
    case 'oneOf':
      // Summary errors: the branch errors next to them already say what is wrong.
      return undefined;
    default:
      return { rule: 'skema/ugyldigt-skema', path, target: 'value', message: `»${name}« er ugyldig (${error.message ?? error.keyword})` };
  }
}
