/**
 * Every rule id the pipeline can emit. A closed union, so a typo in a rule id is a type error.
 * The ids below are findings of loading and validating (always errors, not configurable); the
 * consistency rules' ids come from the rule catalogue (CatalogueRuleIds).
 */
export const loadRuleIds = [
  'fil/ulaeselig',
  'fil/tom',
  'fil/ukendt-dokumenttype',
  'fil/filnavn',
  'fil/endelse',
  'fil/ubrugt',
  'fil/symbolsk-link',
  'yaml/syntaks',
  'yaml/dobbelt-noegle',
  'yaml/for-mange-aliasser',
  'yaml/flere-dokumenter',
  'yaml/tegnkodning',
  'fil/for-stor',
  'fil/for-dyb',
] as const;

/**
 * Limits on the text of Markdown fields and on invisible characters in any text: text that passes
 * `check` must render, in bounded time and memory, to the same reading in the PDF, the .md and a
 * pull-request comment. Always errors, like fil/ findings (not configurable).
 */
export const textRuleIds = ['tekst/dybde', 'tekst/ordlaengde', 'tekst/tegnraekke', 'tekst/styretegn', 'tekst/omfang'] as const;

/**
 * Findings about the repository around the data: generated or cached files committed to git,
 * a configuration that would switch off a rule that keeps the output truthful, and one that still
 * names a rule by its former id.
 */
export const repoRuleIds = ['repo/genereret-fil-i-git', 'repo/git-attribut', 'config/laast-regel', 'config/foraeldet-id'] as const;

export const schemaRuleIds = [
  'skema/paakraevet',
  'skema/ukendt-felt',
  'skema/type',
  'skema/tilladte-vaerdier',
  'skema/fast-vaerdi',
  'skema/moenster',
  'skema/format',
  'skema/interval',
  'skema/laengde',
  'skema/elementer',
  'skema/unik',
  'skema/udelukker',
  'skema/ugyldigt-skema',
] as const;

/**
 * The ids of the check catalogue's rules (ref/, frist/, forsinket/, dato/, status/, bilag/,
 * daekning/, region/, kapacitet/). Each id is written once, in its rule's module
 * (scripts/check/rules/), and the catalogue (scripts/check/rules/index.ts) adds them to this
 * interface by declaration merging:
 *
 *   declare module '../../diagnostics/rule-id.ts' { interface CatalogueRuleIds extends Record<CatalogueRuleId, true> {} }
 *
 * Why this way: a diagnostic carries its rule id, so this layer needs the union, but the
 * catalogue sits above it (check imports diagnostics, never the other way). A type-only import
 * of the catalogue from here would need no runtime cycle, yet it would make the lowest layer
 * name the highest; a generic id parameter on Diagnostic would spread through every reporter
 * and producer. Declaration merging keeps imports one-way (check augments diagnostics, as
 * mdast's extensions fill its content maps) and the union closed: its keys are exactly the
 * catalogue's ids, so a misspelt id in a diagnostic, a configuration type or a test is a type
 * error, as before.
 * @public (exported for the catalogue's augmentation, which no import shows)
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by the catalogue, see above
export interface CatalogueRuleIds {}

export type LoadRuleId = (typeof loadRuleIds)[number];
export type SchemaRuleId = (typeof schemaRuleIds)[number];
type CatalogueRuleId = Extract<keyof CatalogueRuleIds, string>;
export type TextRuleId = (typeof textRuleIds)[number];
type RepoRuleId = (typeof repoRuleIds)[number];
export type RuleId = LoadRuleId | TextRuleId | RepoRuleId | SchemaRuleId | CatalogueRuleId;
