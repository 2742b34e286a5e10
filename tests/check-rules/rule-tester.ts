/**
 * Rule tests in memory, after ESLint's RuleTester and remark-lint's examples: a case is a few
 * YAML documents (and bilag files) held in memory on top of the shipped reference data, and
 * what one rule must say about them. The documents go through the real loader
 * (loadFromMemory: YAML, schema, text limits), the files a rule reads beside the YAML are
 * served from memory, and so are the templates (a case may edit them, as it edits reference
 * data, for the rule that re-renders signed agreements); only the rule under test runs (plus,
 * where a case says so, the rules that must stay quiet or speak instead). Nothing is written to
 * disk.
 *
 * Each rule's cases are in tests/check-rules/cases/<rule file name>.ts; rules.test.ts runs them.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { fingerprintOf, laastYaml } from '../../scripts/basics/fingerprint.ts';
import type { DataFiles } from '../../scripts/check/data-files.ts';
import { runRules, type Rule } from '../../scripts/check/rule.ts';
import { rules } from '../../scripts/check/rules/index.ts';
import type { Severity } from '../../scripts/diagnostics/diagnostic.ts';
import { toJson, type JsonDiagnostic } from '../../scripts/diagnostics/report-json.ts';
import type { RuleId } from '../../scripts/diagnostics/rule-id.ts';
import { loadFromMemory } from '../../scripts/load/load-repository.ts';
import type { DocumentKind } from '../../scripts/model/kinds.ts';
import { Repository } from '../../scripts/model/repository.ts';
import type { SourceDocument } from '../../scripts/model/source-document.ts';
import { markdownRenderer } from '../../scripts/render/markdown-of.ts';
import { loadTemplates, TEMPLATE_DIR, type TemplateSource } from '../../scripts/render/templates.ts';
import { compileValidators, type Validators } from '../../scripts/validate/schemas.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

/** A file of a case: YAML text (or other bytes, e.g. a bilag), or a symbolic link to `symlink`. */
export type Content = string | Uint8Array | { symlink: string };

export interface CaseFile {
  file: string;
  content: Content;
}

/** One finding the rule must report, in report order. */
interface Expected {
  /** `file:line:column` of the finding's start. */
  at: string;
  /** Default: the rule's own severity. */
  severity?: Severity;
  /** The whole message, or a pattern it must match. */
  message?: string | RegExp;
  /** Every related place, as `file:line:column message`. */
  related?: string[];
  endColumn?: number;
}

export interface RuleCase {
  name: string;
  /** The case's documents and files; the shipped reference data is added unless given here. */
  files: readonly CaseFile[];
  /** Text replacements, each `from` found exactly once in `file` (a case's or a shipped one). */
  edits?: ReadonlyArray<readonly [file: string, from: string, to: string]>;
  /** »Today« for the overdue rules; default 2026-01-15, as in the other check tests. */
  today?: string;
  /** Run the rules without the files beside the YAML, as a caller that offers none. */
  withoutFiles?: true;
  /**
   * Other rules run on the same documents and what they report (`file:line:column severity`),
   * to show that one mistake gives one message, or that a neighbouring rule takes it; 'all'
   * runs the whole catalogue and wants nothing from any rule.
   */
  others?: Partial<Record<RuleId, string[]>> | 'all';
}

export interface InvalidCase extends RuleCase {
  errors: readonly Expected[];
}

export interface RuleCases {
  rule: RuleId;
  valid: readonly RuleCase[];
  invalid: readonly InvalidCase[];
}

const REFERENCE = 'agreements/reference';
const shippedReference = new Map<string, string>(
  readdirSync(path.join(REPO_ROOT, REFERENCE))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => [`${REFERENCE}/${f}`, readFileSync(path.join(REPO_ROOT, REFERENCE, f), 'utf8')]),
);

/** The shipped templates and partials (templates/…), which a case may edit like reference data. */
const shippedTemplates = new Map<string, string>(
  [TEMPLATE_DIR, `${TEMPLATE_DIR}/partials`].flatMap((folder) =>
    readdirSync(path.join(REPO_ROOT, folder))
      .filter((f) => f.endsWith('.md.hbs'))
      .map((f) => [`${folder}/${f}`, readFileSync(path.join(REPO_ROOT, folder, f), 'utf8')] as const),
  ),
);

/** A shipped reference file's text (agreements/reference/…). */
export function shipped(file: string): string {
  const text = shippedReference.get(file);
  if (text === undefined) throw new Error(`no shipped reference file ${file}`);
  return text;
}

/** 1-based number of the first line of `text` containing `needle`. */
export function lineIn(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`»${needle}« not found`);
  return index + 1;
}

export function file(name: string, content: Content): CaseFile {
  return { file: name, content };
}

function replaceOnce(text: string, from: string, to: string, name: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`expected exactly one »${from}« in ${name}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** The case's files over the shipped reference data, edits applied. */
function filesOf(c: RuleCase): Map<string, Content> {
  const files = new Map<string, Content>([...shippedReference, ...shippedTemplates]);
  for (const f of c.files) {
    if (files.has(f.file) && !shippedReference.has(f.file) && !shippedTemplates.has(f.file)) throw new Error(`${f.file} given twice in »${c.name}«`);
    files.set(f.file, f.content);
  }
  for (const [name, from, to] of c.edits ?? []) {
    const text = files.get(name);
    if (typeof text !== 'string') throw new Error(`no text file ${name} to edit in »${c.name}«`);
    files.set(name, replaceOnce(text, from, to, name));
  }
  return files;
}

/** The files beside the YAML, from memory: folders are implied by the paths below them. */
function filesInMemory(files: ReadonlyMap<string, Content>): DataFiles {
  const bytes = (name: string): Uint8Array => {
    const content = files.get(name);
    if (content === undefined || (typeof content === 'object' && 'symlink' in content)) throw new Error(`${name} is not a regular file`);
    return typeof content === 'string' ? Buffer.from(content) : content;
  };
  return {
    entry(name) {
      const content = files.get(name);
      if (content !== undefined) return typeof content === 'object' && 'symlink' in content ? 'symlink' : 'file';
      for (const other of files.keys()) if (other.startsWith(`${name}/`)) return 'directory';
      return undefined;
    },
    sha256: (name) => createHash('sha256').update(bytes(name)).digest('hex'),
    text: (name) => (files.has(name) ? new TextDecoder('utf-8').decode(bytes(name)) : undefined),
  };
}

/** The templates among the case's files, for loadTemplates. */
function templatesInMemory(files: ReadonlyMap<string, Content>): TemplateSource {
  return {
    list: (folder) => [...files.keys()].filter((f) => path.posix.dirname(f) === folder).map((f) => path.posix.basename(f)),
    read(name) {
      const content = files.get(name);
      if (typeof content !== 'string') throw new Error(`${name} is not a text file of the case`);
      return content;
    },
  };
}

let validators: Validators | undefined;

/** A case's documents loaded from memory, and a renderer over its templates. */
function loadCase(name: string, files: ReadonlyMap<string, Content>) {
  validators ??= compileValidators(REPO_ROOT);
  const texts = new Map<string, string | Uint8Array>();
  for (const [name, content] of files) {
    if (name.endsWith('.yaml') && !(typeof content === 'object' && 'symlink' in content)) texts.set(name, content);
  }
  const load = loadFromMemory(texts, validators, REPO_ROOT);
  // A document the loader refuses never reaches the rule, and a case would pass for nothing.
  expect(toJson(load.diagnostics, load.sources), `the documents of »${name}« load without findings`).toEqual([]);
  const repo = new Repository(load.documents, load.brokenIds);
  const markdown = markdownRenderer(REPO_ROOT, () => loadTemplates(REPO_ROOT, templatesInMemory(files)))(repo);
  return { load, repo, markdown };
}

/**
 * The `laast:` line of a document of a case as it renders now (over the shipped templates and
 * reference data): the line staff paste when it is signed, appended to the file in the cases.
 */
export function laastFor(files: readonly CaseFile[], file: string): string {
  const name = `laast for ${file}`;
  const { repo, markdown } = loadCase(name, filesOf({ name, files }));
  const doc = repo.documents.find((d) => d.file === file);
  if (!doc) throw new Error(`no document ${file} in the case`);
  const rendered = markdown(doc as SourceDocument<DocumentKind>);
  if ('problem' in rendered) throw new Error(rendered.problem);
  return laastYaml(fingerprintOf(rendered.markdown));
}

/** Loads a case's files from memory and runs the given rules; the load must be clean. */
function runCase(c: RuleCase, ruleIds: readonly RuleId[] | 'all'): JsonDiagnostic[] {
  const files = filesOf(c);
  const { load, repo, markdown } = loadCase(c.name, files);
  const selected: readonly Rule[] = ruleIds === 'all' ? rules : rules.filter((r) => ruleIds.includes(r.id));
  const diagnostics = runRules(selected, repo, {
    today: c.today ?? '2026-01-15',
    files: c.withoutFiles ? undefined : filesInMemory(files),
    markdown,
    validators,
  });
  return toJson(diagnostics, load.sources);
}

const position = (f: JsonDiagnostic) => `${f.file}:${f.line}:${f.column}`;

/** Runs one case of `ruleId` and asserts what it must report (nothing, for a valid case). */
export function testCase(ruleId: RuleId, c: RuleCase | InvalidCase): void {
  const rule = rules.find((r) => r.id === ruleId);
  if (!rule) throw new Error(`no rule ${ruleId} in the catalogue`);
  const others = c.others ?? {};
  const findings = runCase(c, others === 'all' ? 'all' : [ruleId, ...(Object.keys(others) as RuleId[])]);
  const expected = 'errors' in c ? c.errors : [];
  const own = findings.filter((f) => f.rule === ruleId);
  expect(
    own.map((f) => `${position(f)} ${f.severity}`),
    'findings',
  ).toEqual(expected.map((e) => `${e.at} ${e.severity ?? rule.severity}`));
  for (const [i, e] of expected.entries()) {
    const hit = own[i]!;
    if (typeof e.message === 'string') expect(hit.message, `message of finding ${i + 1}`).toBe(e.message);
    else if (e.message) expect(hit.message, `message of finding ${i + 1}`).toMatch(e.message);
    if (e.related)
      expect(
        (hit.related ?? []).map((r) => `${r.file}:${r.line}:${r.column} ${r.message}`),
        `related of finding ${i + 1}`,
      ).toEqual(e.related);
    if (e.endColumn !== undefined) expect(hit.endColumn, `end column of finding ${i + 1}`).toBe(e.endColumn);
  }
  if (others === 'all') {
    expect(
      findings.map((f) => `${f.rule} ${position(f)}`),
      'every rule quiet',
    ).toEqual([]);
    return;
  }
  for (const [other, positions] of Object.entries(others)) {
    expect(
      findings.filter((f) => f.rule === other).map((f) => `${position(f)} ${f.severity}`),
      other,
    ).toEqual(positions);
  }
}
