import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { SourceStore } from '../diagnostics/sources.ts';
import type { Kind } from '../model/kinds.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { Validators } from '../validate/schemas.ts';
import { validateDocument } from '../validate/validate-document.ts';
import { classify } from './classify.ts';
import { decodeUtf8 } from './decode.ts';
import { discover, type FoundFile } from './discover.ts';
import { locate } from './locate.ts';
import { parseYaml } from './parse-yaml.ts';

/** The data folder, relative to the repository root. */
export const DATA_DIR = 'agreements';

/** Largest YAML file read; a real agreement is a few kB, so this only stops runaway input. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

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
}

/** Non-YAML files are allowed only as external bilag (in a folder named bilag) or as READMEs. */
function isAllowedNonYaml(file: string): boolean {
  return file.split('/').includes('bilag') || path.posix.basename(file).toLowerCase() === 'readme.md';
}

async function loadFile(found: FoundFile, validators: Validators, out: LoadResult): Promise<void> {
  const { file } = found;
  const report = (d: Omit<Diagnostic, 'file'>) => out.diagnostics.push({ file, ...d });
  if (found.symlink) {
    report({ rule: 'load/symlink', severity: 'error', message: 'Symbolske links er ikke tilladt under agreements/; læg filen ind som en almindelig fil' });
    return;
  }
  if (file.endsWith('.yml')) {
    report({ rule: 'load/extension', severity: 'error', message: 'Brug endelsen .yaml (ikke .yml), så filen bliver kontrolleret' });
    return;
  }
  if (!file.endsWith('.yaml')) {
    if (!isAllowedNonYaml(file)) {
      report({ rule: 'load/stray-file', severity: 'warning', message: 'Filen er hverken et YAML-dokument (.yaml) eller et bilag (i en mappe ved navn bilag) og bliver ikke brugt' });
    }
    return;
  }
  const size = (await stat(found.absolute)).size;
  if (size > MAX_FILE_BYTES) {
    report({ rule: 'load/read', severity: 'error', message: `Filen er for stor (${size} bytes; højst ${MAX_FILE_BYTES})` });
    return;
  }
  const { text, diagnostic } = decodeUtf8(file, await readFile(found.absolute));
  const { parsed, lineCounter, diagnostics } = parseYaml(file, text);
  out.sources.add(file, lineCounter);
  const broken = (id: unknown = path.posix.basename(file, '.yaml')) => {
    if (typeof id === 'string') out.brokenIds.add(id);
  };
  if (diagnostic) {
    out.diagnostics.push(diagnostic);
    broken();
    return;
  }
  out.diagnostics.push(...diagnostics);
  if (!parsed) return broken();
  const rawId = (parsed.data as { id?: unknown } | null)?.id;

  const { kind, diagnostic: kindDiagnostic } = classify(file, parsed.doc, parsed.data);
  if (!kind) {
    out.diagnostics.push(kindDiagnostic!);
    return broken(rawId);
  }
  out.counts[kind] = (out.counts[kind] ?? 0) + 1;
  const schemaDiagnostics = validateDocument(validators, kind, file, parsed.doc, parsed.data);
  if (schemaDiagnostics.length > 0) {
    out.diagnostics.push(...schemaDiagnostics);
    return broken(rawId);
  }
  const id = (parsed.data as { id: string }).id;
  if (path.posix.basename(file) !== `${id}.yaml`) {
    report({
      rule: 'load/filename',
      severity: 'error',
      span: locate(parsed.doc, ['id']),
      message: `Filen skal hedde »${id}.yaml« efter sit id (eller id'et rettes til filnavnet)`,
    });
    return broken(rawId);
  }
  out.documents.push({ file, kind, yaml: parsed.doc, data: parsed.data } as SourceDocument);
}

/**
 * Load → validate for every file under agreements/. Nothing is thrown for bad data: each
 * problem becomes a diagnostic, and only schema-valid documents go on to the checks.
 */
export async function loadRepository(root: string, validators: Validators): Promise<LoadResult> {
  const out: LoadResult = { sources: new SourceStore(), diagnostics: [], documents: [], files: 0, counts: {}, brokenIds: new Set() };
  const found = await discover(root, DATA_DIR);
  out.files = found.length;
  for (const f of found) await loadFile(f, validators, out);
  return out;
}
