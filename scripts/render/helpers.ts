import type { HelperOptions } from 'handlebars';
import type { Repository } from '../model/repository.ts';
import { versionLabel } from '../model/names.ts';
import { NOT_SET, formatBillions, formatCount, formatDate, formatKroner, formatNumber } from '../basics/format.ts';
import { TemplateError } from './template-error.ts';
import { TokenTable } from './tokens.ts';

/** What every render passes to its template as Handlebars `@data`. */
export interface RenderData {
  tokens: TokenTable;
  repo: Repository;
  /** Names of the parameters at each helper call, by `file:line:column`, from the template AST. */
  paramNames: ReadonlyMap<string, readonly string[]>;
}

type Helper = (this: unknown, ...args: unknown[]) => unknown;

function dataOf(options: HelperOptions): RenderData {
  return options.data as RenderData;
}

/**
 * Handlebars' strict mode does not cover helper parameters: `{{t nmae}}` would pass undefined.
 * Every helper therefore checks its parameters and reports a missing one at its template place.
 */
function requireDefined(args: unknown[], options: HelperOptions): void {
  const index = args.findIndex((a) => a === undefined);
  if (index < 0) return;
  // Handlebars passes the call's location at run time; its typings omit it.
  const loc = (options as HelperOptions & { loc: { source?: string; start: { line: number; column: number } } }).loc;
  const file = loc.source ?? 'templates';
  const names = dataOf(options).paramNames.get(`${file}:${loc.start.line}:${loc.start.column}`);
  const name = names?.[index] ?? `parameter ${index + 1}`;
  throw new TemplateError('template/missing-variable', file, loc.start.line, loc.start.column + 1, `Variablen »${name}« findes ikke i data til skabelonen`);
}

/** Wraps a helper: split off Handlebars' options, check parameters, hand over render data. */
function helper(fn: (data: RenderData, ...args: unknown[]) => string): Helper {
  return function (...all: unknown[]) {
    const options = all.pop() as HelperOptions;
    requireDefined(all, options);
    return fn(dataOf(options), ...all);
  };
}

const asString = (value: unknown): string => (typeof value === 'number' ? formatNumber(value) : String(value));

/** A parameter that is not null, as text the way String() gives it (the fields are strings by their schemas). */
const asText = (value: unknown): string => String(value);

/** Helpers available to templates; every value they insert goes through the token table. */
export const valueHelpers: Record<string, Helper> = {
  /** Literal text (never Markdown): {{t kommune.navn}}. */
  t: helper(({ tokens }, value) => tokens.text(value === null ? NOT_SET : TokenTable.clean(asString(value)))),
  /** A Markdown field as blocks, on a line of its own: {{md formaal}}. Null renders nothing. */
  md: helper(({ tokens }, value) => (value === null ? '' : tokens.markdown(TokenTable.clean(asText(value)), false))),
  /** A Markdown field inside a line or table cell: {{mdInline beskrivelse}}. */
  mdInline: helper(({ tokens }, value) => (value === null ? '' : tokens.markdown(TokenTable.clean(asText(value)), true))),
  /** 2026-04-01 → »1. april 2026«. */
  dato: helper(({ tokens }, value) => tokens.text(value === null ? NOT_SET : formatDate(asText(value)))),
  /** 1234567 → »1.234.567 kr.«. */
  kr: helper(({ tokens }, value) => tokens.text(value === null ? NOT_SET : formatKroner(Number(value)))),
  /** 4200000000 → »4,2 mia. kr.«. */
  mia: helper(({ tokens }, value) => tokens.text(value === null ? NOT_SET : formatBillions(Number(value)))),
  /** 2026-02-24 → »V20260224«. */
  version: helper(({ tokens }, value) => tokens.text(value === null ? NOT_SET : versionLabel(asText(value)))),
  /** {{antal 9 "måned" "måneder"}} → »9 måneder«. */
  antal: helper(({ tokens }, n, one, other) => tokens.text(n === null ? NOT_SET : formatCount(Number(n), String(one), String(other)))),
  /** Kommunekode → official name: {{kommune "316"}} → »Holbæk Kommune«. */
  kommune: helper(({ tokens, repo }, code) => tokens.text(repo.kommune(String(code))?.navn ?? String(code))),
  /** Opgave id → its name as in a sentence: »sundheds- og omsorgspladser«. */
  opgave: helper(({ tokens, repo }, id) => tokens.text(repo.opgave(String(id))?.betegnelse ?? String(id))),
};

/** Block helpers that must not treat a missing variable as false or empty. */
export const strictBlockHelpers = ['if', 'unless', 'each', 'with'] as const;

export function strictBlock(builtin: Helper): Helper {
  return function (this: unknown, ...all: unknown[]) {
    const options = all[all.length - 1] as HelperOptions;
    requireDefined(all.slice(0, -1), options);
    return builtin.apply(this, all);
  };
}
