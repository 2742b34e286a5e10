/**
 * Rule configuration: `.aftalerrc.json` at the repository root (beside package.json). It may
 * change the severity of any rule in the catalogue (`npm run check -- --list-rules`), or turn
 * a rule off. The file is optional; without it every rule has its default severity.
 *
 *   {
 *     "$comment": "Why the defaults are changed (optional; JSON has no comments).",
 *     "rules": {
 *       "kapacitet/ukendt": "off",
 *       "bilag/foraeldet-version": "warning",
 *       "forsinket/hsa-godkendelse": "error"
 *     },
 *     "kalender": { "paamindelse_dage": 7 },
 *     "segl": { "tidsstempel_url": "https://tsa.example.dk/tsa" }
 *   }
 *
 * - `kalender.paamindelse_dage` (0–90, default 14): how many days before an open deadline the
 *   calendars (out/frister.ics, each kommune's) remind; 0 for no reminders.
 * - `segl.tidsstempel_url` (optional, http or https, no user name or password in it): an RFC 3161
 *   time-stamping authority. With it the build seals PAdES baseline B-T: every seal gets a
 *   signature timestamp from that TSA, and a TSA that fails stops the build. Without it (the
 *   default) the seal is B-B and the build contacts no server, so its output is byte-identical
 *   from run to run; a timestamp cannot be.
 * - `rules` maps a rule id to "error", "warning" or "off". Rules not named keep their default.
 * - Locked rules (`locked` in the catalogue: duplicate ids, unknown references, status
 *   consistency, the bilag files' place and checksum) keep the output truthful and cannot be
 *   weakened: setting one to "warning" or "off" is itself an error (`config/laast-regel`) at its
 *   line in the file, and the rule keeps its severity. The file is committed with the data, so
 *   it is as untrusted as the data.
 * - A rule renamed when the ids became Danish throughout (`formerId` in the catalogue, e.g.
 *   »bilag/stale-version«, now »bilag/foraeldet-version«) may for one release still be named by
 *   its old id: the setting applies to the rule, and a warning at the key names the new id
 *   (`config/foraeldet-id`). Naming a rule under both ids is a mistake like a key given twice.
 * - Only the catalogue's rules can be configured; fil/, yaml/ and skema/ findings are always
 *   errors (a file that cannot be read or validated cannot be checked further).
 * - `--strict` makes the overdue rules (those flagged `overdue`, ids `forsinket/…`) errors, also
 *   when the file sets them to "warning"; a rule set to "off" stays off.
 * - A mistake in the file (invalid JSON, a key given twice, an unknown key or rule id, another value) stops the
 *   command with exit code 2 and a message naming the problem, rather than being ignored:
 *   a silently ignored setting would let an error pass as configured.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, parseDocument } from 'yaml';
import type { Diagnostic, Severity, Span } from '../diagnostics/diagnostic.ts';
import type { RuleId } from '../diagnostics/rule-id.ts';
import { InputFileError, readRegularFile } from '../basics/regular-file.ts';
import { suggest } from '../basics/quote.ts';
import type { RuleMeta } from './rule.ts';

export const CONFIG_FILE = '.aftalerrc.json';

export type RuleSetting = Severity | 'off';

export interface Config {
  rules: Partial<Record<RuleId, RuleSetting>>;
  /** Settings that would weaken a locked rule: not applied, reported at their place in the file. */
  refused?: RefusedSetting[];
  /** Rules named by their former id: applied, with a warning at the key naming the new id. */
  renamed?: RenamedSetting[];
  /** The file's text, for positioning those findings; undefined without a file. */
  text?: string;
  /** Days before an open deadline the calendars remind (`kalender.paamindelse_dage`); undefined: the default. */
  reminderDays?: number;
  /** The RFC 3161 time-stamping authority the seals are timestamped by (`segl.tidsstempel_url`); undefined: none (PAdES B-B). */
  timestampUrl?: string;
}

interface RefusedSetting {
  id: RuleId;
  setting: RuleSetting;
  /** The rule id's key in the file. */
  span: Span;
}

interface RenamedSetting {
  from: string;
  to: RuleId;
  /** The former id's key in the file. */
  span: Span;
}

/** A mistake in the configuration file; the command reports it as a usage error. */
export class ConfigError extends Error {}

const settings: readonly RuleSetting[] = ['error', 'warning', 'off'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Where each key of `rules` stands in the text. JSON has no positions, so the text is read again
 * as YAML (JSON is a subset of YAML 1.2), which also finds a key written twice: JSON.parse would
 * keep the last one silently, so a second »"off"« could hide behind a harmless first setting.
 */
function ruleKeySpans(text: string): Map<string, Span> {
  const doc = parseDocument(text, { uniqueKeys: true });
  const duplicate = doc.errors.find((e) => e.code === 'DUPLICATE_KEY');
  if (duplicate) {
    const at = duplicate.linePos?.[0];
    throw new ConfigError(`${CONFIG_FILE}${at ? `:${at.line}:${at.col}` : ''}: en nøgle står to gange; skriv hver regel én gang`);
  }
  const spans = new Map<string, Span>();
  const rules = isMap(doc.contents) ? doc.contents.get('rules', true) : undefined;
  if (!isMap(rules)) return spans;
  for (const pair of rules.items) {
    if (isScalar(pair.key) && typeof pair.key.value === 'string' && pair.key.range)
      spans.set(pair.key.value, { start: pair.key.range[0], end: pair.key.range[1] });
  }
  return spans;
}

/** `kalender`: only `paamindelse_dage`, a whole number of days from 0 to 90. */
function parseCalendar(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) throw new ConfigError(`${CONFIG_FILE}: »kalender« skal være et objekt, fx {"paamindelse_dage": 7}`);
  for (const key of Object.keys(value)) {
    if (key !== 'paamindelse_dage') throw new ConfigError(`${CONFIG_FILE}: ukendt felt »kalender.${key}«; tilladt er »paamindelse_dage«`);
  }
  const days = value.paamindelse_dage;
  if (days === undefined) return undefined;
  if (typeof days !== 'number' || !Number.isInteger(days) || days < 0 || days > 90) {
    throw new ConfigError(
      `${CONFIG_FILE}: »kalender.paamindelse_dage« skal være et helt antal dage fra 0 til 90 (0: ingen påmindelser), ikke ${JSON.stringify(days)}`,
    );
  }
  return days;
}

/** `line:column` of the value at `keys` in the text (read as YAML, as ruleKeySpans does), or '' if not found. */
function positionOf(text: string, keys: readonly string[]): string {
  const doc = parseDocument(text);
  const node: unknown = doc.getIn(keys, true);
  if (!isScalar(node) && !isMap(node)) return '';
  const start = node.range?.[0];
  if (start === undefined) return '';
  const before = text.slice(0, start).split('\n');
  return `:${before.length}:${before.at(-1)!.length + 1}`;
}

/**
 * `segl`: only `tidsstempel_url`, an absolute http or https URL without user name or password
 * (a secret in the committed file would be quoted in error messages and logs).
 */
function parseSeal(value: unknown, text: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value)) {
    throw new ConfigError(`${CONFIG_FILE}${positionOf(text, ['segl'])}: »segl« skal være et objekt, fx {"tidsstempel_url": "https://tsa.example.dk/tsa"}`);
  }
  for (const key of Object.keys(value)) {
    if (key !== 'tidsstempel_url') {
      throw new ConfigError(`${CONFIG_FILE}${positionOf(text, ['segl', key])}: ukendt felt »segl.${key}«; tilladt er »tidsstempel_url«`);
    }
  }
  const given = value.tidsstempel_url;
  if (given === undefined) return undefined;
  const at = `${CONFIG_FILE}${positionOf(text, ['segl', 'tidsstempel_url'])}`;
  const refuse = (why: string): never => {
    throw new ConfigError(`${at}: »segl.tidsstempel_url« ${why}`);
  };
  if (typeof given !== 'string') return refuse(`skal være en URL (tekst) til en tidsstempeltjeneste (RFC 3161), ikke ${JSON.stringify(given)}`);
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    return refuse(`er ikke en gyldig URL: ${JSON.stringify(given)}; skriv fx "https://tsa.example.dk/tsa"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return refuse(`skal begynde med http:// eller https://, ikke »${url.protocol}«`);
  if (url.username !== '' || url.password !== '') {
    return refuse('må ikke indeholde brugernavn eller adgangskode (filen er en del af repositoriet); brug en tjeneste uden login');
  }
  return url.href;
}

/** Parses and validates the file's text against the catalogue. */
export function parseConfig(text: string, catalogue: readonly RuleMeta[]): Config {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${CONFIG_FILE} er ikke gyldig JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  const spans = ruleKeySpans(text);
  if (!isRecord(data)) throw new ConfigError(`${CONFIG_FILE} skal være et JSON-objekt med feltet »rules«`);
  for (const key of Object.keys(data)) {
    if (key !== 'rules' && key !== 'kalender' && key !== 'segl' && key !== '$comment') {
      throw new ConfigError(`${CONFIG_FILE}: ukendt felt »${key}«; tilladt er »rules«, »kalender«, »segl« (og »$comment«)`);
    }
  }
  const reminderDays = parseCalendar(data.kalender);
  const timestampUrl = parseSeal(data.segl, text);
  const rules = data.rules ?? {};
  if (!isRecord(rules)) throw new ConfigError(`${CONFIG_FILE}: »rules« skal være et objekt, fx {"kapacitet/ukendt": "off"}`);
  const ids = catalogue.map((r) => r.id as string);
  const config: Config = {
    rules: {},
    refused: [],
    renamed: [],
    text,
    ...(reminderDays === undefined ? {} : { reminderDays }),
    ...(timestampUrl === undefined ? {} : { timestampUrl }),
  };
  /** The key that named each rule so far: a rule named twice (by its old and new id) is refused. */
  const named = new Map<RuleId, string>();
  for (const [id, value] of Object.entries(rules)) {
    const rule = catalogue.find((r) => r.id === id) ?? catalogue.find((r) => r.formerId === id);
    if (!rule) {
      const guess = suggest(id, ids);
      throw new ConfigError(`${CONFIG_FILE}: ukendt regel »${id}«${guess ? ` (mente du »${guess}«?)` : ''}; se reglerne med »npm run check -- --list-rules«`);
    }
    if (typeof value !== 'string' || !settings.includes(value as RuleSetting)) {
      throw new ConfigError(`${CONFIG_FILE}: reglen »${id}« skal sættes til "error", "warning" eller "off", ikke ${JSON.stringify(value)}`);
    }
    const earlier = named.get(rule.id);
    if (earlier !== undefined) {
      throw new ConfigError(`${CONFIG_FILE}: reglen »${rule.id}« står to gange (som »${earlier}« og »${id}«); skriv den én gang, under »${rule.id}«`);
    }
    named.set(rule.id, id);
    const span = spans.get(id) ?? { start: 0, end: 0 };
    if (id !== rule.id) config.renamed!.push({ from: id, to: rule.id, span });
    if (rule.locked && value !== 'error' && value !== rule.severity) {
      config.refused!.push({ id: rule.id, setting: value as RuleSetting, span });
      continue;
    }
    config.rules[rule.id] = value as RuleSetting;
  }
  return config;
}

/**
 * The configuration's findings, in the file: refused settings (config/laast-regel, errors) and
 * rules named by their former id (config/foraeldet-id, warnings).
 */
export function configDiagnostics(config: Config): Diagnostic[] {
  const renamed = (config.renamed ?? []).map(({ from, to, span }): Diagnostic => ({
    rule: 'config/foraeldet-id',
    severity: 'warning',
    file: CONFIG_FILE,
    span,
    message: `Reglen »${from}« hedder nu »${to}«; skriv det nye id (det gamle virker kun i denne udgave)`,
  }));
  return [...renamed, ...refused(config)];
}

function refused(config: Config): Diagnostic[] {
  return (config.refused ?? []).map(({ id, setting, span }) => ({
    rule: 'config/laast-regel',
    severity: 'error',
    file: CONFIG_FILE,
    span,
    message: `Reglen »${id}« kan ikke sættes til "${setting}": den sikrer, at de forseglede dokumenter er sande, og er altid en fejl; fjern linjen`,
  }));
}

/**
 * Reads `<root>/.aftalerrc.json`; no file means no changes. Only a regular file is read: a
 * symbolic link (to /proc/self/environ, say) would have its target quoted in the JSON error.
 */
export async function loadConfig(root: string, catalogue: readonly RuleMeta[]): Promise<Config> {
  const file = path.join(root, CONFIG_FILE);
  if (!lstatSync(file, { throwIfNoEntry: false })) return { rules: {} };
  let text: string;
  try {
    text = readRegularFile(root, CONFIG_FILE).toString('utf8');
  } catch (error) {
    throw new ConfigError(error instanceof InputFileError ? error.message : `${CONFIG_FILE} kan ikke læses (${(error as Error).message})`);
  }
  return parseConfig(text, catalogue);
}

/** The severity a rule's findings get: configured or default, raised to error by --strict for overdue rules. */
export function effectiveSeverity(rule: RuleMeta, config: Config, options: { strict: boolean }): RuleSetting {
  const configured = config.rules[rule.id] ?? rule.severity;
  if (configured === 'off') return 'off';
  return options.strict && rule.overdue ? 'error' : configured;
}
