import { LineCounter, parseAllDocuments, type Document, type ErrorCode, type YAMLError } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';

/** Aliases a single file may expand; far above any real agreement, far below an alias bomb. */
export const MAX_ALIAS_COUNT = 100;

export interface ParsedYaml {
  doc: Document.Parsed;
  data: unknown;
  lineCounter: LineCounter;
}

const messages: Record<ErrorCode, string> = {
  ALIAS_PROPS: 'Et alias (*navn) kan ikke have tag eller anker',
  BAD_ALIAS: 'Ugyldigt alias (*navn)',
  BAD_DIRECTIVE: 'Ugyldigt YAML-direktiv (linje med %)',
  BAD_DQ_ESCAPE: 'Ugyldig escape-sekvens i tekst i dobbelte anførselstegn',
  BAD_INDENT: 'Forkert indrykning',
  BAD_PROP_ORDER: 'Anker og tag står i forkert rækkefølge',
  BAD_SCALAR_START: 'En værdi kan ikke begynde med dette tegn; sæt værdien i anførselstegn',
  BLOCK_AS_IMPLICIT_KEY: 'En liste eller et afsnit kan ikke bruges som nøgle',
  BLOCK_IN_FLOW: 'Blok-indhold inde i [ ] eller { } er ikke tilladt',
  DUPLICATE_KEY: 'Feltet står to gange i samme afsnit',
  IMPOSSIBLE: 'YAML-filen kan ikke læses her',
  KEY_OVER_1024_CHARS: 'Nøglen er længere end 1024 tegn',
  MISSING_CHAR: 'Der mangler et tegn (fx et afsluttende anførselstegn eller en parentes)',
  MULTILINE_IMPLICIT_KEY: 'En nøgle kan ikke strække sig over flere linjer; mangler der et kolon eller et anførselstegn?',
  MULTIPLE_ANCHORS: 'En værdi kan kun have ét anker (&navn)',
  MULTIPLE_DOCS: 'Filen må kun indeholde ét YAML-dokument',
  MULTIPLE_TAGS: 'En værdi kan kun have ét tag',
  NON_STRING_KEY: 'Nøgler skal være tekst',
  RESOURCE_EXHAUSTION: 'Filen udvider sig til for meget data (for mange aliasser)',
  TAB_AS_INDENT: 'Tabulator bruges til indrykning; brug mellemrum',
  TAG_RESOLVE_FAILED: 'Ukendt eller ugyldigt YAML-tag',
  UNEXPECTED_TOKEN: 'Uventet tegn',
  BAD_COLLECTION_TYPE: 'Forkert type af liste eller afsnit',
};

const flowClosers = { '[': ']', '{': '}' } as const;

/**
 * The parser notices an unclosed `[`/`{` only where the collection should have ended, often
 * lines later; staff need the place where it was opened. Scans back for the unmatched opener.
 */
function unclosedFlowStart(text: string, before: number, opener: '[' | '{'): number | undefined {
  const closer = flowClosers[opener];
  let depth = 0;
  for (let i = before - 1; i >= 0; i--) {
    const c = text[i];
    if (c === closer) depth++;
    else if (c === opener) {
      if (depth === 0) return i;
      depth--;
    }
  }
  return undefined;
}

function toDiagnostic(file: string, text: string, error: YAMLError, severity: Diagnostic['severity']): Diagnostic {
  let span = { start: error.pos[0], end: Math.max(error.pos[1], error.pos[0] + 1) };
  let message = messages[error.code] ?? 'Ugyldig YAML';
  if (error.code === 'DUPLICATE_KEY') {
    // The parser marks only the key's first character; the message names the whole key.
    const key = /^[^:\n]*/.exec(text.slice(span.start))![0].trim();
    message = `Feltet »${key}« står to gange i samme afsnit`;
  }
  const flow = /^Flow (sequence|mapping) in block collection/.exec(error.message);
  if (flow) {
    const opener = flow[1] === 'sequence' ? '[' : '{';
    const start = unclosedFlowStart(text, error.pos[0], opener);
    if (start !== undefined) span = { start, end: start + 1 };
    message = `»${opener}« er ikke lukket med »${flowClosers[opener]}« (eller det, der følger, er forkert indrykket)`;
  }
  return {
    rule: error.code === 'DUPLICATE_KEY' ? 'yaml/duplicate-key' : error.code === 'RESOURCE_EXHAUSTION' ? 'yaml/alias-limit' : 'yaml/syntax',
    severity,
    file,
    span,
    message,
  };
}

/**
 * Parses one file, keeping node ranges and the LineCounter so that every later finding can
 * point at a line and column. YAML 1.2 core schema: `yes`, `010` and dates stay text, the
 * schema then says what type is expected. Duplicate keys are errors; alias expansion is capped.
 */
export function parseYaml(file: string, text: string): { parsed?: ParsedYaml; lineCounter: LineCounter; diagnostics: Diagnostic[] } {
  const lineCounter = new LineCounter();
  const diagnostics: Diagnostic[] = [];
  const docs = parseAllDocuments(text, { lineCounter, uniqueKeys: true, prettyErrors: false, version: '1.2' });
  const list = Array.isArray(docs) ? docs : [];
  if (list.length > 1) {
    const second = list[1]!;
    const start = second.range[0];
    diagnostics.push({
      rule: 'yaml/multiple-documents',
      severity: 'error',
      file,
      span: { start, end: start + 3 },
      message: 'Filen må kun indeholde ét YAML-dokument; fjern linjen med ---',
    });
  }
  const doc = list[0];
  if (!doc || doc.contents === null) {
    if (diagnostics.length === 0) {
      diagnostics.push({ rule: 'load/empty', severity: 'error', file, span: { start: 0, end: 0 }, message: 'Filen er tom (eller indeholder kun kommentarer)' });
    }
    return { lineCounter, diagnostics };
  }
  for (const error of doc.errors) diagnostics.push(toDiagnostic(file, text, error, 'error'));
  for (const warning of doc.warnings) diagnostics.push(toDiagnostic(file, text, warning, 'warning'));
  if (diagnostics.some((d) => d.severity === 'error')) return { lineCounter, diagnostics };

  try {
    const data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { parsed: { doc, data, lineCounter }, lineCounter, diagnostics };
  } catch (error) {
    // toJS throws a ReferenceError for alias expansion past maxAliasCount; anything else it
    // throws is still a property of the input, never a reason to crash.
    const excessive = error instanceof ReferenceError || /alias/i.test(String(error));
    diagnostics.push({
      rule: excessive ? 'yaml/alias-limit' : 'yaml/syntax',
      severity: 'error',
      file,
      span: { start: 0, end: 1 },
      message: excessive
        ? `Filen bruger aliasser (*navn), der udvider sig til for meget data (højst ${MAX_ALIAS_COUNT})`
        : 'YAML-filen kan ikke omsættes til data',
    });
    return { lineCounter, diagnostics };
  }
}
