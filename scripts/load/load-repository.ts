import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Document } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { SourceStore } from '../diagnostics/sources.ts';
import type { Kind } from '../model/kinds.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { Validators } from '../validate/schemas.ts';
import { textFields } from '../validate/text-fields.ts';
import { checkTextLimits } from '../validate/text-limits.ts';
import { validateDocument } from '../validate/validate-document.ts';
import { SchemaDocs } from '../validate/schema-docs.ts';
import { classify } from './classify.ts';
import { decodeUtf8 } from './decode.ts';
import { discover, type FoundFile } from './discover.ts';
import { locate, type DataPath, type Target } from '../basics/locate.ts';
import { ParseCache, type SpanMemo } from './parse-cache.ts';
import { lineCounterOf, parseYaml } from './parse-yaml.ts';

/** The data folder, relative to the repository root. */
const DATA_DIR = 'agreements';

/**
 * Largest YAML file read. The largest real file (the case) is 14 kB. Parsing keeps a node per
 * value, so memory and time grow with the number of values, not bytes: measured on a 2-core
 * machine, a 2 MiB file of `- x` lines needs more than 256 MB of heap (and one of distinct keys
 * took minutes in yaml's duplicate check), while the worst shapes of 256 KiB still took 250 MB
 * of memory and 5 s for a whole check. At 128 KiB, nine times the largest real file, a check
 * stays well within 256 MB and a few seconds.
 */
export const MAX_FILE_BYTES = 128 * 1024;

/** Schema findings reported per file; a file with thousands is one mistake repeated. */
const MAX_SCHEMA_DIAGNOSTICS = 50;

/** Control characters, direction marks and line breaks in a path would corrupt a report line. */
// eslint-disable-next-line no-control-regex
const ODD_PATH = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2066-\u2069\uFEFF]/;

const folderErrors: Record<string, string> = {
  ENOENT: 'den findes ikke',
  ENOTDIR: 'det er ikke en mappe',
  EACCES: 'der er ikke adgang til den',
  EPERM: 'der er ikke adgang til den',
};

const readErrors: Record<string, string> = {
  EACCES: 'der er ikke adgang til den',
  EPERM: 'der er ikke adgang til den',
  ENOENT: 'den forsvandt, mens den blev læst',
  EISDIR: 'det er en mappe',
};

export interface LoadResult {
  sources: SourceStore;
  diagnostics: Diagnostic[];
  /** Every schema-valid document, in path order. */
  documents: SourceDocument[];
  /** Number of files under agreements/ that were looked at. */
  files: number;
  /** Number of files per kind, valid or not, for the summary. */
  counts: Partial<Record<Kind, number>>;
  /**
   * Ids of documents that exist but have errors of their own. References to them are not
   * reported again as »missing«: one mistake, one message.
   */
  brokenIds: Set<string>;
  /**
   * Saves what the parse cache learnt since the load (the spans of findings located by the
   * checks); the load itself saved the data already. Nothing to do without a cache.
   */
  saveCache(): void;
}

function emptyResult(): Omit<LoadResult, 'saveCache'> {
  return { sources: new SourceStore(), diagnostics: [], documents: [], files: 0, counts: {}, brokenIds: new Set() };
}

/** Non-YAML files are allowed only as external bilag (in a folder named bilag) or as READMEs. */
function isAllowedNonYaml(file: string): boolean {
  return file.split('/').includes('bilag') || path.posix.basename(file).toLowerCase() === 'readme.md';
}

/**
 * The syntax tree of a text that parsed without a finding before, parsed again on first use:
 * only a finding that needs a position asks for it.
 */
function treeOf(file: string, text: string): () => Document.Parsed {
  let doc: Document.Parsed | undefined;
  return () => {
    doc ??= parseYaml(file, text).parsed?.doc;
    // The same text and parser gave data before; anything else is a bug, not bad data.
    if (!doc) throw new Error(`${file} kunne ikke læses igen`);
    return doc;
  };
}

/** A file's bytes, or only its size when that is over the limit (the file is then not read). */
type ReadFile = (found: FoundFile) => Buffer | { tooLarge: number };

function readFromDisk(found: FoundFile): Buffer | { tooLarge: number } {
  // Synchronous: the files are small and read one after another, and a round trip through
  // the thread pool per call (two per file) cost a check more than the reading itself.
  const size = statSync(found.absolute).size;
  if (size > MAX_FILE_BYTES) return { tooLarge: size };
  return readFileSync(found.absolute);
}

function loadFile(
  found: FoundFile,
  validators: Validators,
  schemas: () => SchemaDocs,
  out: LoadResult,
  cache: ParseCache | undefined,
  read: ReadFile = readFromDisk,
): void {
  if (ODD_PATH.test(found.file)) {
    // Reported under a visible form of the name: the real one cannot be printed as one line.
    const shown = JSON.stringify(found.file).slice(1, -1);
    out.diagnostics.push({
      rule: 'fil/filnavn',
      severity: 'error',
      file: shown,
      message: 'Fil- eller mappenavnet indeholder linjeskift eller usynlige tegn; omdøb den',
    });
    return;
  }
  const { file } = found;
  const report = (d: Omit<Diagnostic, 'file'>): void => {
    out.diagnostics.push({ file, ...d });
  };
  const cannotRead = (error: unknown) =>
    report({
      rule: 'fil/ulaeselig',
      severity: 'error',
      message: `Kan ikke læses: ${readErrors[(error as NodeJS.ErrnoException).code ?? ''] ?? String((error as NodeJS.ErrnoException).code ?? error)}`,
    });
  if (found.unreadable) {
    report({ rule: 'fil/ulaeselig', severity: 'error', message: `Mappen kan ikke læses: ${folderErrors[found.unreadable] ?? found.unreadable}` });
    return;
  }
  if (found.symlink) {
    report({ rule: 'fil/symbolsk-link', severity: 'error', message: 'Symbolske links er ikke tilladt under agreements/; læg filen ind som en almindelig fil' });
    return;
  }
  if (file.endsWith('.yml')) {
    report({ rule: 'fil/endelse', severity: 'error', message: 'Brug endelsen .yaml (ikke .yml), så filen bliver kontrolleret' });
    return;
  }
  if (!file.endsWith('.yaml')) {
    if (!isAllowedNonYaml(file)) {
      report({
        rule: 'fil/ubrugt',
        severity: 'warning',
        message: 'Filen er hverken et YAML-dokument (.yaml) eller et bilag (i en mappe ved navn bilag) og bliver ikke brugt',
      });
    }
    return;
  }
  const tooLarge = (size: number) =>
    report({
      rule: 'fil/for-stor',
      severity: 'error',
      message: `Filen er for stor (${size} bytes; højst ${MAX_FILE_BYTES}); en aftale fylder normalt under 20 kB`,
    });
  let bytes: Buffer;
  try {
    const bytesOrSize = read(found);
    if (!Buffer.isBuffer(bytesOrSize)) {
      tooLarge(bytesOrSize.tooLarge);
      return;
    }
    bytes = bytesOrSize;
  } catch (error) {
    cannotRead(error);
    return;
  }
  // The file may have grown between stat and read.
  if (bytes.length > MAX_FILE_BYTES) {
    tooLarge(bytes.length);
    return;
  }
  const { text, diagnostic } = decodeUtf8(file, bytes);
  const broken = (id: unknown = path.posix.basename(file, '.yaml')) => {
    if (typeof id === 'string') out.brokenIds.add(id);
  };
  const cached = diagnostic ? undefined : cache?.lookup(text);
  let data: unknown;
  let doc: () => Document.Parsed;
  // Spans found in this text before; only for a text the cache holds (or is given below).
  let spans: SpanMemo | undefined;
  if (cached?.data !== undefined) {
    // The same text parsed without a finding before (see ParseCache).
    cache!.keep(cached.hash);
    spans = cache!.spansOf(cached.hash);
    out.sources.add(file, lineCounterOf(text));
    data = cached.data;
    doc = treeOf(file, text);
  } else {
    const { parsed, lineCounter, diagnostics } = parseYaml(file, text);
    out.sources.add(file, lineCounter);
    if (diagnostic) {
      out.diagnostics.push(diagnostic);
      broken();
      return;
    }
    out.diagnostics.push(...diagnostics);
    if (!parsed) {
      broken();
      return;
    }
    // Data with aliases may share objects, which JSON would turn into copies.
    if (cached && diagnostics.length === 0 && !parsed.aliases) {
      cache!.put(cached.hash, parsed.data);
      spans = cache!.spansOf(cached.hash);
    }
    data = parsed.data;
    doc = () => parsed.doc;
  }
  const rawId = (data as { id?: unknown } | null)?.id;

  const { kind, diagnostic: kindDiagnostic } = classify(file, doc, data);
  if (!kind) {
    out.diagnostics.push(kindDiagnostic!);
    broken(rawId);
    return;
  }
  out.counts[kind] = (out.counts[kind] ?? 0) + 1;
  const schemaDiagnostics = validateDocument(validators, kind, file, doc, data);
  if (schemaDiagnostics.length > 0) {
    out.diagnostics.push(...schemaDiagnostics.slice(0, MAX_SCHEMA_DIAGNOSTICS));
    if (schemaDiagnostics.length > MAX_SCHEMA_DIAGNOSTICS) {
      const next = schemaDiagnostics[MAX_SCHEMA_DIAGNOSTICS]!;
      out.diagnostics.push({
        ...next,
        message: `… og ${schemaDiagnostics.length - MAX_SCHEMA_DIAGNOSTICS} fejl mere i filen; ret de første, og kontrollér igen`,
      });
    }
    broken(rawId);
    return;
  }
  const id = (data as { id: string }).id;
  if (path.posix.basename(file) !== `${id}.yaml`) {
    report({
      rule: 'fil/filnavn',
      severity: 'error',
      span: locate(doc(), ['id']),
      message: `Filen skal hedde »${id}.yaml« efter sit id (eller id'et rettes til filnavnet)`,
    });
    broken(rawId);
    return;
  }
  // Text the renderer could not handle in bounded time, or that reads differently in the PDF,
  // the .md and on GitHub: refused here, so check and build (and every worker) agree.
  const textDiagnostics = checkTextLimits(file, text, doc, textFields(schemas(), kind, data));
  if (textDiagnostics.length > 0) {
    out.diagnostics.push(...textDiagnostics);
    broken(rawId);
    return;
  }
  const memo = spans;
  out.documents.push({
    file,
    kind,
    get yaml() {
      return doc();
    },
    data,
    ...(memo && { locate: (at: DataPath, target: Target) => memo.span(at, target, () => locate(doc(), at, target)) }),
  } as SourceDocument);
}

export interface LoadOptions {
  /** Folder of the parse cache (see ParseCache); null: parse every file. */
  parseCache?: string | null;
}

/**
 * Load → validate for every file under agreements/. Nothing is thrown for bad data: each
 * problem becomes a diagnostic, and only schema-valid documents go on to the checks.
 */
export async function loadRepository(root: string, validators: Validators, options: LoadOptions = {}): Promise<LoadResult> {
  const cache = options.parseCache === null ? undefined : ParseCache.open(root, options.parseCache);
  const out: LoadResult = { ...emptyResult(), saveCache: () => cache?.save() };
  const found = await discover(root, DATA_DIR, { listUnreadable: true });
  out.files = found.length;
  let schemaDocs: SchemaDocs | undefined;
  const schemas = () => (schemaDocs ??= new SchemaDocs(root));
  for (const f of found) loadFile(f, validators, schemas, out, cache);
  cache?.save();
  return out;
}

/** Code-point order of path segments, as discover() walks folders. */
function byFolderWalk(a: string, b: string): number {
  const as = a.split('/');
  const bs = b.split('/');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    if (as[i] !== bs[i]) return as[i]! < bs[i]! ? -1 : 1;
  }
  return as.length - bs.length;
}

/**
 * load → validate for files held in memory instead of a folder on disk (the rule tests): the
 * same steps per file, in the order discover() would list them, without the parse cache.
 * `files` maps repository-relative paths to contents; those outside agreements/ are ignored.
 * The schemas for the text limits are read under `root`.
 */
export function loadFromMemory(files: ReadonlyMap<string, string | Uint8Array>, validators: Validators, root: string): LoadResult {
  const out: LoadResult = { ...emptyResult(), saveCache: () => undefined };
  const found = [...files.keys()].filter((file) => file.startsWith(`${DATA_DIR}/`)).sort(byFolderWalk);
  out.files = found.length;
  let schemaDocs: SchemaDocs | undefined;
  const schemas = () => (schemaDocs ??= new SchemaDocs(root));
  const read = (f: FoundFile) => Buffer.from(files.get(f.file)!);
  for (const file of found) loadFile({ file, absolute: file, symlink: false }, validators, schemas, out, undefined, read);
  return out;
}
