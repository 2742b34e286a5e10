import {
  Composer,
  Lexer,
  LineCounter,
  Parser,
  isAlias,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  type CST,
  type Document,
  type ErrorCode,
  type Node,
  type Tags,
  type YAMLError,
} from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { quote } from '../basics/quote.ts';

/** Aliases a single file may expand; far above any real agreement, far below an alias bomb. */
const MAX_ALIAS_COUNT = 100;

/**
 * Nesting of lists and sections a file may have. Real documents nest about six levels; the
 * YAML composer and toJS recurse per level and overflow the stack at roughly 800, with a place
 * that depends on how much stack is left. Checked before composing, without recursion (brackets
 * on the lexer's output, all nesting on the token tree), so the limit and its position are the
 * same everywhere.
 */
const MAX_DEPTH = 64;

/** YAML errors reported per file: the first few are what staff fix; the rest is usually fallout. */
const MAX_SYNTAX_DIAGNOSTICS = 20;

export interface ParsedYaml {
  doc: Document.Parsed;
  data: unknown;
  lineCounter: LineCounter;
  /** The file uses aliases (*name): its data may hold the same object at more than one place. */
  aliases: boolean;
}

/**
 * Line starts from the text itself, as editors count lines. (The parser can fill a LineCounter
 * too, but misses line starts in some broken block scalars.)
 */
export function lineCounterOf(text: string): LineCounter {
  const lineCounter = new LineCounter();
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  return lineCounter;
}

// Partial: a newer yaml may have codes this table does not know yet.
const messages: Partial<Record<ErrorCode, string>> = {
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
  NON_STRING_KEY: 'Et feltnavn skal være tekst, ikke en liste eller et afsnit',
  RESOURCE_EXHAUSTION: 'Filen udvider sig til for meget data (for mange aliasser)',
  TAB_AS_INDENT: 'Tabulator bruges til indrykning; brug mellemrum',
  TAG_RESOLVE_FAILED: 'Ukendt eller ugyldigt YAML-tag (!…); fjern det',
  UNEXPECTED_TOKEN: 'Uventet tegn',
  BAD_COLLECTION_TYPE: 'Forkert type af liste eller afsnit',
};

/** Marks a number too large for a JS number (1e400 → Infinity), raised from the tags below. */
const NON_FINITE = 'aftaler:non-finite';
const NUMBER_TAGS = new Set(['tag:yaml.org,2002:int', 'tag:yaml.org,2002:float']);
const NOT_DECIMAL = ['0x1F', '0o17', '.inf', '-.inf', '.nan'];

type ScalarResolve = (value: string, onError: (message: string) => void, options: unknown) => unknown;

/**
 * The YAML 1.2 core schema, minus what surprises people who write agreements by hand:
 * `0x1F`, `0o17`, `.inf` and `.nan` stay text (the schema then says a number is expected), and a
 * number too large to represent (`1e400`) is an error instead of Infinity.
 */
function decimalNumbersOnly(tags: Tags): Tags {
  return tags
    .filter((tag) => !(typeof tag === 'object' && tag.test instanceof RegExp && NOT_DECIMAL.some((s) => tag.test!.test(s))))
    .map((tag) => {
      if (typeof tag !== 'object' || !NUMBER_TAGS.has(tag.tag) || typeof tag.resolve !== 'function') return tag;
      const resolve = tag.resolve.bind(tag) as ScalarResolve;
      const finite: ScalarResolve = (value, onError, options) => {
        const result = resolve(value, onError, options);
        if (typeof result === 'number' && !Number.isFinite(result)) onError(NON_FINITE);
        return result;
      };
      return { ...tag, resolve: finite } as typeof tag;
    });
}

const composeOptions = {
  version: '1.2',
  schema: 'core',
  customTags: decimalNumbersOnly,
  // !!binary, !!set, !!timestamp … would become Buffers, Sets and Dates: an unknown tag instead.
  resolveKnownTags: false,
  // `? [a, b]: x` is an error, and `1:` is the field "1"; never a stringified collection key.
  stringKeys: true,
  // Duplicates are found below in linear time; yaml's own check is quadratic in the number of keys.
  uniqueKeys: false,
  // yaml would otherwise print warnings to stderr by itself.
  logLevel: 'error',
} as const;

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

/** Offset of the quote that opens an unterminated quoted value ending before `before`. */
function unclosedQuoteStart(text: string, before: number, quoteChar: '"' | "'"): number | undefined {
  for (let i = Math.min(before, text.length) - 1; i >= 0; i--) {
    if (text[i] !== quoteChar) continue;
    if (quoteChar === '"' && text[i - 1] === '\\') continue; // \" inside "…"
    if (quoteChar === "'" && text[i - 1] === "'") {
      i--; // '' inside '…'
      continue;
    }
    return i;
  }
  return undefined;
}

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
const indentAt = (text: string, start: number) => /^ */.exec(text.slice(start, start + 200))![0].length;

function toDiagnostic(file: string, text: string, error: YAMLError, severity: Diagnostic['severity']): Diagnostic {
  let span = { start: error.pos[0], end: Math.max(error.pos[1], error.pos[0] + 1) };
  let message = messages[error.code] ?? 'Ugyldig YAML';
  let rule: Diagnostic['rule'] = 'yaml/syntaks';
  const flow = /^Flow (sequence|mapping) in block collection/.exec(error.message);
  if (flow) {
    const opener = flow[1] === 'sequence' ? '[' : '{';
    const start = unclosedFlowStart(text, error.pos[0], opener);
    if (start !== undefined) span = { start, end: start + 1 };
    message = `»${opener}« er ikke lukket med »${flowClosers[opener]}« (eller det, der følger, er forkert indrykket)`;
  } else if (error.code === 'MISSING_CHAR' && /closing ("|')quote/.test(error.message)) {
    const quoteChar = error.message.includes('"') ? '"' : "'";
    const start = unclosedQuoteStart(text, error.pos[0], quoteChar);
    if (start !== undefined) span = { start, end: start + 1 };
    message = `Anførselstegnet ${quoteChar} her er ikke lukket; afslut værdien med ${quoteChar}`;
  } else if (error.code === 'MULTILINE_IMPLICIT_KEY' && text[error.pos[1]] === ':') {
    // A value went on over a line break into »felt:«. If that line is indented further than
    // the value's own line, the field is mis-indented; otherwise a colon is missing before.
    const keyLine = lineStart(text, error.pos[1]);
    if (indentAt(text, keyLine) > indentAt(text, lineStart(text, error.pos[0]))) {
      const key = keyLine + indentAt(text, keyLine);
      span = { start: key, end: error.pos[1] };
      message = `Forkert indrykning: ${quote(text.slice(key, error.pos[1] + 1))} står længere inde end felterne over det (eller værdien på linjen før skal i anførselstegn)`;
    }
  } else if (error.code === 'BAD_DQ_ESCAPE') {
    message = `Ugyldig escape-sekvens ${quote(text.slice(error.pos[0], error.pos[0] + 2))} i tekst i dobbelte anførselstegn; skriv \\\\ for \\, eller brug enkelte anførselstegn om værdien`;
  } else if (error.code === 'UNEXPECTED_TOKEN') {
    const what = text.slice(error.pos[0], Math.min(error.pos[1], error.pos[0] + 20)).trim();
    if (what) message = `Uventet ${quote(what)} her; mangler der et felt foran, eller skal værdien i anførselstegn?`;
  } else if (error.code === 'RESOURCE_EXHAUSTION') {
    // Raised for alias expansion and, when the composer's stack overflows, for nesting.
    if (/alias/i.test(error.message)) rule = 'yaml/for-mange-aliasser';
    else [rule, message] = ['fil/for-dyb', `Filen er indlejret for dybt (lister og afsnit i hinanden); højst ${MAX_DEPTH} niveauer`];
  } else if (error.code === 'TAG_RESOLVE_FAILED' && error.message.includes(NON_FINITE)) {
    [rule, message] = ['skema/interval', `Tallet ${quote(text.slice(error.pos[0], error.pos[1]))} er for stort til at kunne bruges`];
  }
  return { rule, severity, file, span, message };
}

/** YAML 1.2 allows tab, LF, CR and printable characters; anything else is a saved-wrong file. */
// eslint-disable-next-line no-control-regex
const NOT_PRINTABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]/;

/**
 * Private-use characters show as nothing in the embedded font, and the renderer uses two of
 * them as its value markers (and drops them from data): a value would silently lose them.
 */
const PRIVATE_USE = /[\uE000-\uF8FF]/;

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

function controlCharacter(file: string, at: number, char: string, inValue: boolean): Diagnostic {
  const code = codePoint(char);
  return {
    rule: 'yaml/tegnkodning',
    severity: 'error',
    file,
    span: { start: at, end: at + 1 },
    message: `${inValue ? 'Teksten' : 'Filen'} indeholder et usynligt kontroltegn (${code}), som ikke er tilladt; slet det (det kommer ofte med ved kopiering fra et andet program)`,
  };
}

/**
 * Depth of lists and sections, walked on the token tree without recursion. Returns the offset
 * of the first collection deeper than MAX_DEPTH, if any.
 */
function tooDeep(tokens: readonly CST.Token[]): number | undefined {
  let first: number | undefined;
  const stack: Array<{ token: CST.Token; depth: number }> = tokens.map((token) => ({ token, depth: 0 }));
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    if (token.type === 'document') {
      if (token.value) stack.push({ token: token.value, depth });
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > MAX_DEPTH) {
        if (first === undefined || token.offset < first) first = token.offset;
        continue;
      }
      for (const item of token.items as CST.CollectionItem[]) {
        if (item.key) stack.push({ token: item.key, depth: depth + 1 });
        if (item.value) stack.push({ token: item.value, depth: depth + 1 });
      }
    }
  }
  return first;
}

/** Lexer markers that stand for no source text (start of document, of a scalar, flow end). */
const MARKERS = new Set(['\u0002', '\u001f', '\u0018']);

/**
 * Lexes once and parses into the token tree, without recursion. The lexemes are counted for
 * `[`/`{` nesting on the way in, and lexing stops at the first bracket nested deeper than
 * MAX_DEPTH (returned as `flowDeep`): the token tree of 100 000 nested brackets alone would take
 * most of a small heap. (Block nesting needs indentation, so a file cannot nest deep that way
 * without being large; `tooDeep` checks it on the tree.) Only the first two documents are kept
 * (a second is an error already), and at most a few stray error tokens: a file of 200 000 »]«
 * would otherwise become 200 000 error objects.
 */
function tokenize(text: string): { flowDeep: number } | { tokens: CST.Token[]; droppedErrors: boolean } {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  let documents = 0;
  let errors = 0;
  const keep = (token: CST.Token) => {
    if (token.type === 'document' && ++documents > 2) return;
    if (token.type === 'error' && ++errors > MAX_SYNTAX_DIAGNOSTICS) return;
    if (documents <= 2) tokens.push(token);
  };
  let depth = 0;
  let offset = 0;
  // What Parser.parse(text) does, with the lexemes in view (one lexer pass instead of two).
  for (const lexeme of new Lexer().lex(text)) {
    if (lexeme === '[' || lexeme === '{') {
      if (++depth > MAX_DEPTH) return { flowDeep: offset };
    } else if (lexeme === ']' || lexeme === '}') depth = Math.max(0, depth - 1);
    if (!MARKERS.has(lexeme)) offset += lexeme.length;
    for (const token of parser.next(lexeme)) keep(token);
  }
  for (const token of parser.end()) keep(token);
  return { tokens, droppedErrors: errors > MAX_SYNTAX_DIAGNOSTICS };
}

const spanOf = (node: Node): { start: number; end: number } => {
  const [start, end] = node.range ?? [0, 1];
  return { start, end: Math.max(end, start + 1) };
};

/**
 * One pass over the composed document in source order, without recursion: duplicate keys
 * (with a Set per section, so it is linear), aliases that point at no earlier anchor or at a
 * section they are inside of (a cycle), and text values with control characters from escapes.
 */
function checkNodes(file: string, doc: Document.Parsed): { diagnostics: Diagnostic[]; firstAlias?: Node } {
  const diagnostics: Diagnostic[] = [];
  const anchors = new Map<string, Node>();
  const open = new Set<Node>();
  let firstAlias: Node | undefined;
  type Step = { node: unknown; exit?: true };
  const stack: Step[] = [{ node: doc.contents }];
  while (stack.length > 0) {
    const { node, exit } = stack.pop()!;
    if (exit) {
      open.delete(node as Node);
      continue;
    }
    if (isPair(node)) {
      stack.push({ node: node.value }, { node: node.key });
      continue;
    }
    if (!isNode(node)) continue;
    if (node.anchor) anchors.set(node.anchor, node);
    if (isAlias(node)) {
      firstAlias ??= node;
      const target = anchors.get(node.source);
      if (!target) {
        diagnostics.push({
          rule: 'yaml/syntaks',
          severity: 'error',
          file,
          span: spanOf(node),
          message: `Aliasset »*${node.source}« peger ikke på et anker (&${node.source}) tidligere i filen`,
        });
      } else if (open.has(target)) {
        diagnostics.push({
          rule: 'yaml/syntaks',
          severity: 'error',
          file,
          span: spanOf(node),
          message: `Aliasset »*${node.source}« står inde i det, det peger på, og ville gentage sig selv uendeligt`,
        });
      }
    } else if (isScalar(node)) {
      if (typeof node.value === 'string') {
        const bad = NOT_PRINTABLE.exec(node.value);
        const privateUse = PRIVATE_USE.exec(node.value);
        if (bad) diagnostics.push(controlCharacter(file, spanOf(node).start, bad[0], true));
        else if (privateUse) {
          diagnostics.push({
            rule: 'yaml/tegnkodning',
            severity: 'error',
            file,
            span: spanOf(node),
            message: `Teksten indeholder et tegn fra Unicodes private område (${codePoint(privateUse[0])}), som ikke kan vises i dokumenterne; slet det`,
          });
        }
      }
    } else if (isMap(node) || isSeq(node)) {
      open.add(node);
      stack.push({ node, exit: true });
      if (isMap(node)) {
        const seen = new Set<string>();
        for (const pair of node.items) {
          if (!isScalar(pair.key)) continue;
          const key = String(pair.key.value);
          if (seen.has(key)) {
            diagnostics.push({
              rule: 'yaml/dobbelt-noegle',
              severity: 'error',
              file,
              span: spanOf(pair.key),
              message: `Feltet ${quote(key)} står to gange i samme afsnit`,
            });
          }
          seen.add(key);
        }
      }
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i] });
    }
  }
  return { diagnostics, firstAlias };
}

/**
 * Keeps the first findings of a broken file, and says that there are more: `more` when error
 * tokens were dropped before composing (their number is then unknown).
 */
function capped(diagnostics: Diagnostic[], more: boolean): Diagnostic[] {
  if (diagnostics.length <= MAX_SYNTAX_DIAGNOSTICS && !more) return diagnostics;
  const sorted = [...diagnostics].sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
  const kept = sorted.slice(0, MAX_SYNTAX_DIAGNOSTICS);
  const at = sorted[MAX_SYNTAX_DIAGNOSTICS] ?? sorted.at(-1)!;
  const count = more ? 'flere' : String(sorted.length - MAX_SYNTAX_DIAGNOSTICS);
  kept.push({ ...at, severity: 'error', message: `… og ${count} fejl mere i filen; ret de første, og kontrollér igen` });
  return kept;
}

/**
 * Parses one file, keeping node ranges and the LineCounter so that every later finding can
 * point at a line and column. YAML 1.2 core schema: `yes`, `010` and dates stay as written
 * (`010` is ten), the schema then says what type is expected. Hostile input is bounded: depth,
 * alias expansion, duplicate keys and the number of findings; nothing here recurses on input.
 */
export function parseYaml(file: string, text: string): { parsed?: ParsedYaml; lineCounter: LineCounter; diagnostics: Diagnostic[] } {
  // Every YAML error is an Error object; their stack traces are never shown, but capturing them
  // is most of the memory a file full of errors costs. Parsing is synchronous, so the global is
  // restored before anything else runs.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseBounded(file, text);
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function parseBounded(file: string, text: string): { parsed?: ParsedYaml; lineCounter: LineCounter; diagnostics: Diagnostic[] } {
  const lineCounter = lineCounterOf(text);
  const fail = (...diagnostics: Diagnostic[]) => ({ lineCounter, diagnostics });
  const deepAt = (at: number): Diagnostic => ({
    rule: 'fil/for-dyb',
    severity: 'error',
    file,
    span: { start: at, end: at + 1 },
    message: `Lister og afsnit er indlejret for dybt her (mere end ${MAX_DEPTH} niveauer i hinanden); en aftale har kun få niveauer`,
  });

  const control = NOT_PRINTABLE.exec(text);
  if (control) return fail(controlCharacter(file, control.index, control[0], false));
  const loneCr = /\r(?!\n)/.exec(text);
  // Old Mac line ends: YAML and the line counter would see one long line.
  if (loneCr)
    return fail({
      rule: 'yaml/syntaks',
      severity: 'error',
      file,
      span: { start: loneCr.index, end: loneCr.index + 1 },
      message: 'Linjeskift af typen CR (uden LF) er ikke tilladt; gem filen med almindelige linjeskift (LF eller CRLF)',
    });

  const tokenized = tokenize(text);
  if ('flowDeep' in tokenized) return fail(deepAt(tokenized.flowDeep));
  const { tokens, droppedErrors } = tokenized;
  const deep = tooDeep(tokens);
  if (deep !== undefined) return fail(deepAt(deep));

  // One document is all a file may hold; composing stops at the second.
  const docs: Document.Parsed[] = [];
  for (const doc of new Composer(composeOptions).compose(tokens, true, text.length)) {
    docs.push(doc);
    if (docs.length === 2) break;
  }
  const diagnostics: Diagnostic[] = [];
  if (docs.length > 1) {
    const start = docs[1]!.range[0];
    diagnostics.push({
      rule: 'yaml/flere-dokumenter',
      severity: 'error',
      file,
      span: { start, end: start + 3 },
      message: 'Filen må kun indeholde ét YAML-dokument; fjern linjen med ---',
    });
  }
  const doc = docs[0];
  const syntax = (extra: Diagnostic[] = []) => capped([...diagnostics, ...extra], droppedErrors);
  if (!doc || doc.contents === null) {
    if (diagnostics.length === 0 && !doc?.errors.length) {
      diagnostics.push({ rule: 'fil/tom', severity: 'error', file, span: { start: 0, end: 0 }, message: 'Filen er tom (eller indeholder kun kommentarer)' });
    }
    for (const error of doc?.errors ?? []) diagnostics.push(toDiagnostic(file, text, error, 'error'));
    return fail(...syntax());
  }
  const starts = new Set<number>();
  for (const error of doc.errors) {
    // »Nested mappings are not allowed in compact mappings« comes with the multi-line key error
    // at the same place, which says what to do; one mistake, one message.
    if (error.code === 'BLOCK_AS_IMPLICIT_KEY' && doc.errors.some((e) => e !== error && e.code === 'MULTILINE_IMPLICIT_KEY' && e.pos[0] === error.pos[0]))
      continue;
    const diagnostic = toDiagnostic(file, text, error, 'error');
    if (starts.has(diagnostic.span!.start)) continue;
    starts.add(diagnostic.span!.start);
    diagnostics.push(diagnostic);
  }
  // An unknown tag would silently change a value's type: an error, though yaml calls it a warning.
  for (const warning of doc.warnings) diagnostics.push(toDiagnostic(file, text, warning, warning.code === 'TAG_RESOLVE_FAILED' ? 'error' : 'warning'));
  if (diagnostics.some((d) => d.severity === 'error')) return fail(...syntax());

  const nodes = checkNodes(file, doc);
  if (nodes.diagnostics.length > 0) return fail(...syntax(nodes.diagnostics));

  try {
    const data: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { parsed: { doc, data, lineCounter, aliases: nodes.firstAlias !== undefined }, lineCounter, diagnostics: syntax() };
  } catch (error) {
    // toJS throws a ReferenceError past maxAliasCount (aliases are otherwise checked above);
    // anything else it throws is still a property of the input, never a reason to crash.
    const excessive = error instanceof ReferenceError || /alias/i.test(String(error));
    const at = nodes.firstAlias ? spanOf(nodes.firstAlias) : { start: 0, end: 1 };
    return fail(
      ...syntax([
        excessive
          ? {
              rule: 'yaml/for-mange-aliasser',
              severity: 'error',
              file,
              span: at,
              message: `Filen bruger aliasser (*navn), der udvider sig til for meget data (højst ${MAX_ALIAS_COUNT}); skriv værdierne ud i stedet`,
            }
          : error instanceof RangeError
            ? { ...deepAt(0), message: 'Filen er indlejret for dybt til at kunne læses' }
            : { rule: 'yaml/syntaks', severity: 'error', file, span: { start: 0, end: 1 }, message: 'YAML-filen kan ikke omsættes til data' },
      ]),
    );
  }
}
