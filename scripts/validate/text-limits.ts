import type { Document } from 'yaml';
import type { Diagnostic, Span } from '../diagnostics/diagnostic.ts';
import type { TextRuleId } from '../diagnostics/rule-id.ts';
import { locate, scalarAt } from '../basics/locate.ts';
import { scalarOffsets, sourceSpan, type ValueOffsets } from '../basics/scalar-offsets.ts';
import { codePointName, findInvisible } from './invisible.ts';
import type { TextField } from './text-fields.ts';

/*
 * Limits on text that the renderer must handle in bounded time and memory. Measured with the
 * real pipeline (renderDocument + writePdf, one HSA with the field `formaal` replaced, node 20,
 * --max-old-space-size=256 as `npm run build` runs, on the shared 2-core machine; times are
 * noisy, ±1 s). The real data: longest word 41 characters, no Markdown markup at all, at most
 * three levels of lists, at most 229 text lines per file.
 *
 * Word length (pdfmake breaks a word wider than the line by a binary search per line over
 * substrings, each laid out and cached by pdfkit, so time and memory grow with the square of
 * the word): 1 000 characters 56 MB heap (as for no long word), 2 000: 77 MB, 3 000: 113 MB,
 * 4 000: 180 MB and 4 s, 6 000 and 10 000: out of memory (a V8 abort). A hundred words of
 * 1 000 characters in one field: 68 MB, 1.3 s. 500 leaves room for any real web address.
 *
 * Nesting (block quotes and lists in one another): 100 levels render (3 s), about 500 overflow
 * the stack (remark-stringify, the PDF converter, pdfmake), and parsing itself is quadratic
 * (2 000 `>`: 1.2 s; 20 000: out of memory). Each level also narrows the text by an indent.
 * Real agreements use three. The check counts levels without parsing (see `depthAt`).
 *
 * Markup characters (* _ [ ] ` ~ < > ! | \): remark's inline parsing costs about 0.1 ms per
 * delimiter and grows faster within one paragraph (4 000 `](a ` in one paragraph: 2.3 s); a
 * 100 kB field of `*a* `: 4.5 s and 113 MB just to parse. A table cell is a `|`: 1 000 columns
 * took 77 MB. Counted per document, as that is what one render parses.
 *
 * Lines (each line can be a paragraph, list item, table row or hard break, each a pdfmake node
 * laid out on its own): 10 000 paragraphs in one field 7 s and 81 MB, 13 000 list items or
 * 40 000 paragraphs out of memory; 30 000 hard breaks 670 pages and 87 s. Counted over all
 * texts of a document (a list of 30 000 one-word items is as heavy as one field of them).
 *
 * A document at all limits at once renders in a few seconds (tests/check/text-limits-build).
 */

/** Levels of block quotes and lists in one another, in one Markdown field. */
export const MAX_NESTING = 10;
/** Characters in a row without a space (ASCII whitespace; a no-break space joins words). */
export const MAX_WORD = 500;
/** Markup characters in a row, in a Markdown field. */
export const MAX_MARKUP_RUN = 100;
/** Markup characters in all Markdown fields of one document. */
export const MAX_MARKUP = 2000;
/**
 * Markup characters in one paragraph (a block between blank lines): emphasis nested within
 * emphasis (`*a _a *a … a* a_ a*`) keeps every run at one character, yet remark-stringify's time
 * grows faster than linearly with the depth: 400 levels (800 characters) 1.2 s, 600 levels
 * 4.6 s, 998 levels 28.5 s. 200 characters allow at most 100 levels, well under 0.1 s.
 */
export const MAX_MARKUP_BLOCK = 200;
/** Lines of text in all text fields of one document. */
export const MAX_LINES = 2000;
/** Findings per rule per file; the rest are counted in a last line. */
export const MAX_TEXT_DIAGNOSTICS = 10;

/** The characters Markdown gives meaning to inside a paragraph, and table cells and quotes. */
const MARKUP = new Set(['*', '_', '[', ']', '`', '~', '<', '>', '!', '|', '\\']);
const isBreakSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r';

interface TextFinding {
  rule: TextRuleId;
  field: TextField;
  /** The offending characters in the value, [from, to). */
  from: number;
  to: number;
  message: string;
}

/**
 * The first place in a Markdown field where quotes and lists nest deeper than MAX_NESTING, as
 * an index. Counted on each line's prefix, without parsing (parsing is what is too slow): every
 * container that is open on a line where a deeper one starts occupies at least one `>`, one
 * list marker or two columns of indentation on that line, so `markers + indentation / 2` is
 * never less than the depth remark sees. It may be more (an indented code block, `- - -` as a
 * rule), which only matters far beyond the nesting any real text uses.
 */
function depthAt(text: string): number | undefined {
  for (let start = 0; start <= text.length;) {
    const lineEnd = text.indexOf('\n', start);
    const end = lineEnd < 0 ? text.length : lineEnd;
    let markers = 0;
    let columns = 0;
    let i = start;
    while (i < end) {
      const c = text[i]!;
      const at = i;
      if (c === ' ') {
        columns += 1;
        i++;
      } else if (c === '\t') {
        columns += 4;
        i++;
      } else {
        let marker = 0;
        if (c === '>') marker = 1;
        else if ((c === '-' || c === '*' || c === '+') && (i + 1 === end || isBreakSpace(text[i + 1]))) marker = 1;
        else {
          const ordered = /^(?:\d{1,9}[.)]|\[\^[^\]\s]{1,999}\]:)/.exec(text.slice(i, Math.min(end, i + 1004)));
          if (ordered && (i + ordered[0].length === end || isBreakSpace(text[i + ordered[0].length]) || ordered[0].endsWith(':'))) marker = ordered[0].length;
        }
        if (marker === 0) break;
        markers++;
        i += marker;
        if (text[i] === ' ') i++; // the marker's own space is not indentation
        if (markers + Math.floor(columns / 2) > MAX_NESTING) return at;
        continue;
      }
      if (markers + Math.floor(columns / 2) > MAX_NESTING) return at;
    }
    if (lineEnd < 0) break;
    start = lineEnd + 1;
  }
  return undefined;
}

function textFindings(fields: readonly TextField[]): TextFinding[] {
  const out: TextFinding[] = [];
  let markup = 0;
  let lines = 0;
  let markupReported = false;
  let linesReported = false;
  for (const field of fields) {
    const { value, markdown } = field;
    for (const bad of findInvisible(value)) {
      const what = bad.reference
        ? `tegnkoden »${bad.reference}«, som bliver til ${bad.kind} (${codePointName(bad.codePoint)})`
        : `${bad.kind} (${codePointName(bad.codePoint)})`;
      out.push({
        rule: 'tekst/styretegn',
        field,
        from: bad.index,
        to: bad.index + bad.length,
        message: `Teksten indeholder ${what}; det vises forskelligt i PDF'en, i Markdown og på GitHub, så slet det`,
      });
    }
    // Words: runs between ASCII whitespace.
    for (let i = 0; i < value.length;) {
      if (isBreakSpace(value[i])) {
        i++;
        continue;
      }
      let j = i;
      while (j < value.length && !isBreakSpace(value[j])) j++;
      if (j - i > MAX_WORD) {
        out.push({
          rule: 'tekst/ordlaengde',
          field,
          from: i,
          to: j,
          message: `Et ord på ${j - i} tegn uden mellemrum kan ikke sættes op i PDF'en (højst ${MAX_WORD}); del det op med mellemrum`,
        });
      }
      i = j;
    }
    if (!linesReported) {
      for (let from = 0; ;) {
        if (++lines > MAX_LINES) {
          linesReported = true;
          out.push({
            rule: 'tekst/omfang',
            field,
            from,
            to: Math.min(value.length, from + 1),
            message: `Dokumentet har mere end ${MAX_LINES} linjer tekst i alt, og grænsen overskrides her; del indholdet op i flere dokumenter`,
          });
          break;
        }
        const lineBreak = value.indexOf('\n', from);
        if (lineBreak < 0 || lineBreak + 1 >= value.length) break; // a final line break starts no line
        from = lineBreak + 1;
      }
    }
    if (!markdown) continue;
    const deep = depthAt(value);
    if (deep !== undefined) {
      out.push({
        rule: 'tekst/dybde',
        field,
        from: deep,
        to: deep + 1,
        message: `Citater (>) og punktopstillinger er indlejret i mere end ${MAX_NESTING} niveauer her; brug færre niveauer`,
      });
    }
    let block = 0;
    let blockReported = false;
    for (let i = 0; i < value.length;) {
      if (!MARKUP.has(value[i]!)) {
        if (value[i] === '\n' && /^[ \t]*(?:\n|$)/.test(value.slice(i + 1, i + 1 + 64))) {
          block = 0; // a blank line ends the paragraph
          blockReported = false;
        }
        i++;
        continue;
      }
      let j = i;
      while (j < value.length && MARKUP.has(value[j]!)) {
        if (++block > MAX_MARKUP_BLOCK && !blockReported) {
          blockReported = true;
          out.push({
            rule: 'tekst/tegnraekke',
            field,
            from: j,
            to: j + 1,
            message: `Afsnittet har mere end ${MAX_MARKUP_BLOCK} formateringstegn (* _ [ ] \` ~ < > ! | \\), og grænsen overskrides her; del afsnittet op, eller skriv det med mindre formatering`,
          });
        }
        if (++markup > MAX_MARKUP && !markupReported) {
          markupReported = true;
          out.push({
            rule: 'tekst/tegnraekke',
            field,
            from: j,
            to: j + 1,
            message: `Dokumentets Markdown-tekster har mere end ${MAX_MARKUP} formateringstegn (* _ [ ] \` ~ < > ! | \\) i alt, og grænsen overskrides her; skriv teksten med mindre formatering`,
          });
        }
        j++;
      }
      if (j - i > MAX_MARKUP_RUN) {
        out.push({
          rule: 'tekst/tegnraekke',
          field,
          from: i,
          to: j,
          message: `${j - i} formateringstegn i træk (højst ${MAX_MARKUP_RUN}); fjern dem, eller skriv teksten uden dem`,
        });
      }
      i = j;
    }
  }
  return out;
}

/**
 * The text limits and refused characters for one schema-valid document: findings positioned
 * at the offending characters in `source` (inside block scalars and escapes too), at most
 * MAX_TEXT_DIAGNOSTICS per rule and then one »… og N flere« line. Always errors.
 */
export function checkTextLimits(file: string, source: string, doc: () => Document.Parsed, fields: readonly TextField[]): Diagnostic[] {
  const findings = textFindings(fields);
  if (findings.length === 0) return [];
  const offsets = new Map<TextField, ValueOffsets | undefined>();
  const spanOf = (f: TextFinding): Span | undefined => {
    if (!offsets.has(f.field)) {
      const node = scalarAt(doc(), f.field.path);
      offsets.set(f.field, node && typeof node.value === 'string' ? scalarOffsets(source, node, f.field.value) : undefined);
    }
    const mapped = offsets.get(f.field);
    return mapped ? sourceSpan(mapped, f.from, f.to) : locate(doc(), f.field.path);
  };
  const perRule = new Map<TextRuleId, Diagnostic[]>();
  const seen = new Set<string>();
  for (const f of findings) {
    const span = spanOf(f);
    // An alias repeats its anchor's text at another path: the same place, reported once.
    const key = `${f.rule}|${span?.start ?? '-'}|${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const list = perRule.get(f.rule) ?? [];
    list.push({ rule: f.rule, severity: 'error', file, span, message: f.message });
    perRule.set(f.rule, list);
  }
  const out: Diagnostic[] = [];
  for (const list of perRule.values()) {
    out.push(...list.slice(0, MAX_TEXT_DIAGNOSTICS));
    if (list.length > MAX_TEXT_DIAGNOSTICS) {
      out.push({
        ...list[MAX_TEXT_DIAGNOSTICS]!,
        message: `… og ${list.length - MAX_TEXT_DIAGNOSTICS} flere af samme slags i filen; ret de første, og kontrollér igen`,
      });
    }
  }
  return out.sort((a, b) => (a.span?.start ?? 0) - (b.span?.start ?? 0));
}
