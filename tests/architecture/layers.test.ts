/**
 * The folders of scripts/ are layers, and imports run one way: a module imports from its own
 * folder or from a folder in a lower layer, never from its own layer's other folders or from
 * above. So there is no cycle between folders, a stage can be read (and tested) with only what
 * lies below it, and a shared helper lives where every user can reach it instead of in one of
 * its users. Type-only imports count like runtime ones: they tie the folders together the same
 * way, only later.
 *
 * The imports are read from the syntax tree (typescript's parser, no type-check): static
 * `import`/`export … from`, `import type`, `import()` and `import('…')` types, `declare module`
 * augmentations, and workers' `new URL('./x.ts', import.meta.url)`. Only relative specifiers
 * name our own modules.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TS from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/repo.ts';

// Required, not imported: an ESM import of this 9 MB CommonJS file first scans it for export
// names, which costs seconds; require takes a fraction of that.
const ts = createRequire(import.meta.url)('typescript') as typeof TS;

/**
 * The layers, lowest first. Folders in one layer are peers and may not import each other.
 *
 * - diagnostics: the finding value, rule ids, the reporters. Imports nothing of ours.
 * - basics: source positions (DataPath, locate, scalar offsets), quoting and suggestions, Danish
 *   date and number formatting, the cache file, reading plain input files, the repository root.
 *   May name a diagnostic type (a Span, a rule id), nothing else.
 * - model: the data's types and what follows from the data alone (names, dates, references,
 *   the cases' decisions).
 * - kinds: one module per kind of YAML file, and the registry the stages iterate.
 * - validate, sign: the stages that need only the model: schemas; PAdES sealing.
 * - load: finds, parses and classifies files, and validates each (load-repository calls validate).
 * - check, render, emit: the rules; view models and templates; output files (PDF sealed through
 *   sign, manifest, bundles, the deadline calendar). None needs another.
 * - diff, pipeline: `npm run diff`; the build (cache, workers, shards, merge).
 * - tooling, bench: staff tools (watch mode runs builds); the benchmark (runs builds).
 * - cli: the entry points, one per command.
 */
const LAYERS: ReadonlyArray<readonly string[]> = [
  ['diagnostics'],
  ['basics'],
  ['model'],
  ['kinds'],
  ['validate', 'sign'],
  ['load'],
  ['check', 'render', 'emit'],
  ['diff', 'pipeline'],
  ['tooling', 'bench'],
  ['cli'],
];

/** Rule modules are the catalogue's business: outside check/, only the catalogue's index is imported. */
const RULES = 'check/rules/';
const RULES_API = 'check/rules/index.ts';

const SCRIPTS = path.join(REPO_ROOT, 'scripts');

interface Import {
  /** scripts-relative, forward slashes */
  from: string;
  to: string;
  line: number;
  specifier: string;
  typeOnly: boolean;
}

const folderOf = (file: string) => file.split('/')[0]!;
const layerOf = new Map(LAYERS.flatMap((folders, i) => folders.map((f) => [f, i] as const)));
const show = (i: Import) => `scripts/${i.from}:${i.line} imports ${i.specifier}${i.typeOnly ? ' (type only)' : ''}`;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => path.relative(SCRIPTS, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

const allTypeOnly = (elements: TS.NodeArray<TS.ImportSpecifier | TS.ExportSpecifier>) => elements.length > 0 && elements.every((e) => e.isTypeOnly);

function importsOf(file: string): Import[] {
  const text = readFileSync(path.join(SCRIPTS, file), 'utf8');
  // No parent pointers: a third of the parse time, and nothing here walks upwards.
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const found: Import[] = [];
  const add = (literal: TS.StringLiteralLike, typeOnly: boolean) => {
    const specifier = literal.text;
    if (!specifier.startsWith('.')) return; // a package
    const to = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    const line = source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1;
    found.push({ from: file, to, line, specifier, typeOnly });
  };
  for (const node of source.statements) {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const clause = node.importClause;
      const named = clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : undefined;
      add(node.moduleSpecifier, !!clause && (clause.phaseModifier === ts.SyntaxKind.TypeKeyword || (!clause.name && !!named && allTypeOnly(named))));
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      const named = node.exportClause && ts.isNamedExports(node.exportClause) ? node.exportClause.elements : undefined;
      add(node.moduleSpecifier, node.isTypeOnly || (!!named && allTypeOnly(named)));
    } else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) {
      add(node.name, true); // `declare module '…'`: augmenting a module depends on it
    }
  }
  // The rest can sit anywhere in the tree: walked only in the few files that have one.
  if (!/\bimport\s*\(|\bnew\s+URL\s*\(/.test(text)) return found;
  const visit = (node: TS.Node): void => {
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] && ts.isStringLiteralLike(node.arguments[0])) {
      add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      add(node.argument.literal, true);
    } else if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'URL' &&
      node.arguments?.[0] &&
      ts.isStringLiteralLike(node.arguments[0]) &&
      node.arguments[1]?.getText(source) === 'import.meta.url'
    ) {
      add(node.arguments[0], false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const files = sourceFiles(SCRIPTS);
const imports = files.flatMap(importsOf);
const crossFolder = imports.filter((i) => folderOf(i.from) !== folderOf(i.to));

/** Folder cycles: strongly connected groups of more than one folder, each with the imports inside it. */
function folderCycles(edges: readonly Import[]): Import[][] {
  const next = new Map<string, Set<string>>();
  for (const e of edges) (next.get(folderOf(e.from)) ?? next.set(folderOf(e.from), new Set()).get(folderOf(e.from))!).add(folderOf(e.to));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const groups: string[][] = [];
  const connect = (v: string) => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const group: string[] = [];
      let w: string;
      do group.push((w = stack.pop()!));
      while (w !== v);
      if (group.length > 1) groups.push(group);
    }
  };
  for (const v of [...next.keys()].sort()) if (!index.has(v)) connect(v);
  return groups.map((g) => edges.filter((e) => g.includes(folderOf(e.from)) && g.includes(folderOf(e.to))));
}

describe('the layers of scripts/', () => {
  it('reads the imports', () => {
    // A guard against a parser change that finds nothing and so passes everything.
    expect(files.length).toBeGreaterThan(100);
    expect(crossFolder.length).toBeGreaterThan(100);
    expect(crossFolder.some((i) => i.typeOnly)).toBe(true);
  });

  it('places every folder of scripts/ in exactly one layer', () => {
    const folders = [...new Set(files.filter((f) => f.includes('/')).map(folderOf))].sort();
    expect(
      folders.filter((f) => !layerOf.has(f)),
      'folders missing from LAYERS in tests/architecture/layers.test.ts',
    ).toEqual([]);
    expect(
      files.filter((f) => !f.includes('/')),
      'modules directly in scripts/ belong in a folder',
    ).toEqual([]);
    const listed = LAYERS.flat();
    expect(listed.length, 'a folder listed twice in LAYERS').toBe(new Set(listed).size);
  });

  it('imports only from lower layers', () => {
    const wrong = crossFolder.filter((i) => {
      const from = layerOf.get(folderOf(i.from));
      const to = layerOf.get(folderOf(i.to));
      return from === undefined || to === undefined || to >= from;
    });
    const layer = (file: string) => `${folderOf(file)} (layer ${String(layerOf.get(folderOf(file)) ?? 'none')})`;
    const explain = (i: Import) => `${show(i)}: ${layer(i.from)} may not import ${layer(i.to)}`;
    expect(wrong.map(explain)).toEqual([]);
  });

  it('has no import cycle between folders', () => {
    const cycles = folderCycles(crossFolder).map((edges) => {
      const pairs = new Map<string, Import[]>();
      for (const e of edges) {
        const pair = `${folderOf(e.from)} → ${folderOf(e.to)}`;
        pairs.set(pair, [...(pairs.get(pair) ?? []), e]);
      }
      return [...pairs].map(([pair, es]) => `${pair}: ${es.map((e) => `scripts/${e.from}:${e.line}`).join(', ')}`).join('\n');
    });
    expect(cycles).toEqual([]);
  });

  it('keeps the rule modules behind the catalogue', () => {
    const internal = imports.filter((i) => !i.from.startsWith('check/') && i.to.startsWith(RULES) && i.to !== RULES_API);
    expect(internal.map(show)).toEqual([]);
  });

  it('imports only modules inside scripts/', () => {
    expect(imports.filter((i) => i.to.startsWith('../')).map(show)).toEqual([]);
  });
});
