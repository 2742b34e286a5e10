import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type Handlebars from 'handlebars';
import { strictBlock, strictBlockHelpers, valueHelpers, type RenderData } from './helpers.ts';
import { InputFileError, readRegularFile } from '../basics/regular-file.ts';
import { TemplateError } from './template-error.ts';

export const TEMPLATE_DIR = 'templates';
const PARTIAL_DIR = 'partials';
const SUFFIX = '.md.hbs';

export interface TemplateSet {
  render(name: string, view: object, data: RenderData): string;
  has(name: string): boolean;
  /** Template file plus the partial files it uses, for manifests and caches. */
  filesOf(name: string): string[];
  paramNames: ReadonlyMap<string, readonly string[]>;
}

type Node = hbs.AST.Node & { loc: hbs.AST.SourceLocation & { source?: string } };

function positionOfParseError(file: string, error: unknown): TemplateError {
  const message = error instanceof Error ? error.message : String(error);
  const line = Number(/Parse error on line (\d+)/.exec(message)?.[1] ?? 1);
  const expected = /Expecting (.*), got '(\w+)'/.exec(message);
  const detail = expected?.[2] === 'EOF' ? 'skabelonen slutter, før en blok er lukket ({{/…}} mangler)' : 'ugyldig Handlebars-syntaks';
  return new TemplateError('template/syntax', file, line, 1, `Skabelonfejl: ${detail}`);
}

/**
 * Walks a template's AST: collects helper parameter names (for positioned »missing variable«
 * errors) and rejects any way of inserting a value that bypasses the escaping helpers.
 */
function lint(
  file: string,
  ast: hbs.AST.Program,
  helpers: ReadonlySet<string>,
  partials: Set<string>,
  paramNames: Map<string, readonly string[]>,
  used: Set<string>,
): void {
  const at = (node: Node, rule: TemplateError['rule'], message: string) =>
    new TemplateError(rule, file, node.loc.start.line, node.loc.start.column + 1, message);
  const visit = (node: Node | undefined): void => {
    if (!node) return;
    switch (node.type) {
      case 'Program':
        for (const child of (node as unknown as hbs.AST.Program).body) visit(child);
        return;
      case 'MustacheStatement':
      case 'BlockStatement':
      case 'SubExpression': {
        const call = node as unknown as hbs.AST.MustacheStatement;
        const name = call.path.type === 'PathExpression' ? (call.path as hbs.AST.PathExpression).original : call.path.type;
        if (node.type === 'MustacheStatement' && !call.escaped) {
          throw at(node, 'template/bare-value', `{{{${name}}}} indsætter rå tekst; brug {{t …}} (tekst) eller {{md …}} (Markdown)`);
        }
        if (!helpers.has(name)) {
          if (node.type === 'MustacheStatement' && call.params.length === 0) {
            throw at(node, 'template/bare-value', `Værdien »${name}« skal indsættes med {{t ${name}}} (tekst) eller {{md ${name}}} (Markdown)`);
          }
          throw at(node, 'template/unknown-helper', `Ukendt hjælpefunktion »${name}«`);
        }
        paramNames.set(
          `${file}:${node.loc.start.line}:${node.loc.start.column}`,
          call.params.map(
            (p: hbs.AST.Expression) => (p as Partial<hbs.AST.PathExpression>).original ?? String((p as hbs.AST.Literal & { value?: unknown }).value),
          ),
        );
        for (const p of call.params) visit(p);
        if (node.type === 'BlockStatement') {
          visit((node as unknown as hbs.AST.BlockStatement).program);
          visit((node as unknown as hbs.AST.BlockStatement).inverse);
        }
        return;
      }
      case 'PartialStatement': {
        const partial = node as unknown as hbs.AST.PartialStatement;
        // A path (`{{> parter}}`) or a string (`{{> "parter"}}`); a sub-expression has no name.
        const nameNode = partial.name as hbs.AST.Expression; // the typings omit the string form
        const name = nameNode.type === 'PathExpression' || nameNode.type === 'StringLiteral' ? (nameNode as hbs.AST.PathExpression).original : undefined;
        if (name === undefined || !partials.has(name))
          throw at(node, 'template/unknown-helper', `Ukendt delskabelon »${name ?? '(beregnet navn)'}« (findes ikke i templates/partials/)`);
        used.add(name);
        return;
      }
      // Partial blocks and decorators (`{{#> x}}…{{/x}}`, `{{#*inline "x"}}`) can stand in for a
      // partial file; the templates use neither, so which files a document is made from (its cache
      // key, the diff's »same inputs«, the manifest's sources) stays what the syntax tree says.
      case 'PartialBlockStatement':
      case 'DecoratorBlock':
      case 'Decorator':
        throw at(node, 'template/syntax', 'Delskabelon-blokke og dekoratorer ({{#> …}}, {{#*inline …}}) bruges ikke; brug {{> navn}}');
      case 'CommentStatement':
      case 'ContentStatement':
      case 'PathExpression':
      case 'StringLiteral':
      case 'NumberLiteral':
      case 'BooleanLiteral':
      case 'UndefinedLiteral':
      case 'NullLiteral':
      case 'Hash':
        return;
      default:
        throw at(node, 'template/syntax', `Ukendt Handlebars-konstruktion (${node.type})`);
    }
  };
  visit(ast);
}

/**
 * Where the template files come from: the repository on disk, or (for the rule tests, which
 * write nothing) files held in memory. Paths are repository-relative with forward slashes.
 */
export interface TemplateSource {
  /** The names of the files directly in a folder (`templates`, `templates/partials`). */
  list(folder: string): string[];
  /** A file's text; throws InputFileError when it is not a plain, readable file. */
  read(file: string): string;
}

/** The templates of the repository at `root`, read only through plain folders (see readRegularFile). */
function templatesOnDisk(root: string): TemplateSource {
  return {
    list: (folder) => readdirSync(path.join(root, ...folder.split('/'))),
    read: (file) => readRegularFile(root, file).toString('utf8'),
  };
}

/**
 * Loads templates/<kind>.md.hbs and templates/partials/<name>.md.hbs into an isolated Handlebars
 * environment: strict mode, no HTML escaping (the output is Markdown, and values arrive as
 * tokens), only the project's helpers. Any template problem is a positioned TemplateError.
 */
export function loadTemplates(root: string, source: TemplateSource = templatesOnDisk(root)): TemplateSet {
  // Loaded on first use: a check loads this module for the signed agreements' texts but renders
  // them only when there are any, and Handlebars is a tenth of what a check of the shipped data loads.
  const hb = (createRequire(import.meta.url)('handlebars') as typeof Handlebars).create();
  for (const [name, fn] of Object.entries(valueHelpers)) hb.registerHelper(name, fn);
  for (const name of strictBlockHelpers) hb.registerHelper(name, strictBlock(hb.helpers[name] as never));
  const helpers = new Set(Object.keys(hb.helpers));
  const paramNames = new Map<string, readonly string[]>();
  const read = (sub: string) =>
    source
      .list([TEMPLATE_DIR, sub].filter(Boolean).join('/'))
      .filter((n) => n.endsWith(SUFFIX))
      .sort()
      .map((n) => ({ name: n.slice(0, -SUFFIX.length), file: [TEMPLATE_DIR, sub, n].filter(Boolean).join('/') }));
  const partialFiles = read(PARTIAL_DIR);
  const partialNames = new Set(partialFiles.map((p) => p.name));
  const usedPartials = new Map<string, Set<string>>();

  const compile = (file: string) => {
    let text: string;
    try {
      text = source.read(file);
    } catch (error) {
      if (error instanceof InputFileError) throw new TemplateError('template/syntax', file, 1, 1, error.message);
      throw error;
    }
    let ast: hbs.AST.Program;
    try {
      ast = hb.parse(text, { srcName: file });
    } catch (error) {
      throw positionOfParseError(file, error);
    }
    // The partials a template uses, from its syntax tree (a regex missed `{{> "x"}}` and `{{~> x}}`).
    const used = new Set<string>();
    lint(file, ast, helpers, partialNames, paramNames, used);
    usedPartials.set(file, used);
    return hb.compile(ast, { strict: true, noEscape: true });
  };
  for (const p of partialFiles) hb.registerPartial(p.name, compile(p.file));
  const templates = new Map(read('').map((t) => [t.name, { file: t.file, render: compile(t.file) }]));

  const partialClosure = (file: string, seen = new Set<string>()): string[] => {
    for (const name of usedPartials.get(file) ?? []) {
      const p = partialFiles.find((x) => x.name === name)!;
      if (!seen.has(p.file)) {
        seen.add(p.file);
        partialClosure(p.file, seen);
      }
    }
    return [...seen].sort();
  };

  return {
    paramNames,
    has: (name) => templates.has(name),
    filesOf(name) {
      const t = templates.get(name);
      return t ? [t.file, ...partialClosure(t.file)] : [];
    },
    render(name, view, data) {
      const t = templates.get(name);
      if (!t) throw new TemplateError('template/syntax', `${TEMPLATE_DIR}/${name}${SUFFIX}`, 1, 1, `Skabelonen ${TEMPLATE_DIR}/${name}${SUFFIX} findes ikke`);
      return t.render(view, { data });
    },
  };
}
