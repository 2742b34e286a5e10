/**
 * Every rule id the pipeline can emit. A closed union, so a typo in a rule id is a type error and
 * the catalogue (`--list-rules`) can be checked for completeness.
 */
export const loadRuleIds = [
  'load/read',
  'load/empty',
  'load/unknown-kind',
  'load/filename',
  'load/extension',
  'load/stray-file',
  'load/symlink',
  'yaml/syntax',
  'yaml/duplicate-key',
  'yaml/alias-limit',
  'yaml/multiple-documents',
  'yaml/encoding',
  'load/too-large',
  'load/too-deep',
] as const;

/**
 * Limits on the text of Markdown fields and on invisible characters in any text: text that passes
 * `check` must render, in bounded time and memory, to the same reading in the PDF, the .md and a
 * pull-request comment. Always errors, like load/ findings (not configurable).
 */
export const textRuleIds = ['tekst/dybde', 'tekst/ordlaengde', 'tekst/tegnraekke', 'tekst/styretegn', 'tekst/omfang'] as const;

/**
 * Findings about the repository around the data: generated or cached files committed to git,
 * and a configuration that would switch off a rule that keeps the output truthful.
 */
export const repoRuleIds = ['repo/genereret-fil-i-git', 'repo/git-attribut', 'config/laast-regel'] as const;

export const schemaRuleIds = [
  'schema/required',
  'schema/unknown-property',
  'schema/type',
  'schema/enum',
  'schema/const',
  'schema/pattern',
  'schema/format',
  'schema/range',
  'schema/length',
  'schema/items',
  'schema/unique',
  'schema/exclusive',
  'schema/invalid',
] as const;

export const refRuleIds = [
  'ref/missing-reference-data',
  'ref/duplicate-id',
  'ref/duplicate-code',
  'ref/unknown-kommune',
  'ref/unknown-opgave',
  'ref/unknown-sundhedsraad',
  'ref/unknown-document',
  'ref/duplicate-dokid',
  'ref/missing-frist',
  'ref/bilag-sig-selv',
  'ref/sti-navn',
] as const;

/** The consistency rules: deadlines, dates, bilag, coverage of the indstilling, capacity. */
export const consistencyRuleIds = [
  'frist/hsa-godkendelse',
  'frist/hsa-ikrafttraeden',
  'frist/hsa-opsigelsesvarsel',
  'frist/hsa-evaluering',
  'frist/anmodning-meddelelse',
  'frist/anmodning-periode-slut',
  'frist/delingsaftale-udkast',
  'frist/delingsaftale-indgaaelse',
  'frist/delingsraad-afgoerelse',
  'frist/delingsaftale-referencedato',
  'frist/sag-moede',
  // Overdue steps: warnings, errors with --strict.
  'forsinket/hsa-godkendelse',
  'forsinket/anmodning-meddelelse',
  'forsinket/delingsaftale-udkast',
  'forsinket/delingsaftale-indgaaelse',
  'dato/raekkefoelge',
  'dato/sag-moede',
  'status/godkendt-uden-dato',
  'bilag/nummerering',
  'bilag/stale-version',
  'bilag/version-mismatch',
  'bilag/unknown-mention',
  'bilag/external-file',
  'bilag/sha256',
  'daekning/driftsmodel',
  'daekning/hsa',
  'daekning/delingsaftale',
  'daekning/delingsaftale-drift',
  'daekning/delingsaftale-myndighed',
  'daekning/anmodning',
  'region/kommune-i-flere-sundhedsraad',
  'kapacitet/pladser',
  'kapacitet/ukendt',
] as const;

export type LoadRuleId = (typeof loadRuleIds)[number];
export type SchemaRuleId = (typeof schemaRuleIds)[number];
export type RefRuleId = (typeof refRuleIds)[number];
export type ConsistencyRuleId = (typeof consistencyRuleIds)[number];
export type TextRuleId = (typeof textRuleIds)[number];
export type RepoRuleId = (typeof repoRuleIds)[number];
export type RuleId = LoadRuleId | TextRuleId | RepoRuleId | SchemaRuleId | RefRuleId | ConsistencyRuleId;
