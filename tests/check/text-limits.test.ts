import { characterEntities } from 'character-entities';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseDocument, type Scalar } from 'yaml';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { toJson, type JsonDiagnostic } from '../../scripts/diagnostics/report-json.ts';
import { scalarOffsets } from '../../scripts/basics/scalar-offsets.ts';
import { INVISIBLE_ENTITIES, invisibleKind } from '../../scripts/validate/invisible.ts';
import { MAX_LINES, MAX_MARKUP, MAX_MARKUP_BLOCK, MAX_MARKUP_RUN, MAX_NESTING, MAX_TEXT_DIAGNOSTICS, MAX_WORD } from '../../scripts/validate/text-limits.ts';
import { REPO_ROOT, RepoCopy } from '../helpers/repo.ts';

const HSA = 'agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml';
/** The first line of the Markdown field `formaal` (a folded block, indented two spaces). */
const FORMAAL = '  Regionen og Holbæk Kommune har det fælles mål';
/** A one-line, plain, non-Markdown text field. */
const YDELSE = '  - ydelse: Myndigheds- og finansieringsansvar\n';

async function check(root: string): Promise<JsonDiagnostic[]> {
  const result = await checkRepository(root, { today: '2026-01-15' });
  return toJson(result.diagnostics, result.load.sources);
}

const text = (all: JsonDiagnostic[]) => all.filter((d) => d.rule.startsWith('tekst/'));

describe('text limits and invisible characters', () => {
  let repo: RepoCopy;
  beforeEach(() => {
    repo = new RepoCopy();
  });
  afterEach(() => repo.remove());

  /** Puts `value` at the start of formaal's first line; returns that line's number. */
  function formaal(value: string): number {
    repo.replace(HSA, FORMAAL, `  ${value}${FORMAAL.slice(1)}`);
    return repo.lineOf(HSA, 'formaal: >-') + 1;
  }

  describe('the shipped data', () => {
    let all: JsonDiagnostic[];
    beforeAll(async () => {
      all = await check(REPO_ROOT);
    });
    it('has no text findings', () => {
      expect(text(all)).toEqual([]);
    });
  });

  it(`tekst/ordlaengde: a word of ${MAX_WORD + 1} characters, from its first character to its last; ${MAX_WORD} pass`, async () => {
    const line = formaal(`${'x'.repeat(MAX_WORD)} og ${'y'.repeat(MAX_WORD + 1)}`);
    const hits = text(await check(repo.root));
    expect(hits).toEqual([
      {
        file: HSA,
        line,
        column: 3 + MAX_WORD + 4,
        endLine: line,
        endColumn: 3 + MAX_WORD + 4 + MAX_WORD + 1,
        severity: 'error',
        rule: 'tekst/ordlaengde',
        message: `Et ord på ${MAX_WORD + 1} tegn uden mellemrum kan ikke sættes op i PDF'en (højst ${MAX_WORD}); del det op med mellemrum`,
      },
    ]);
  });

  it('tekst/ordlaengde: also in a literal (non-Markdown) text field, and a no-break space does not split a word', async () => {
    repo.replace(HSA, YDELSE, `  - ydelse: "Myndigheds-${'a\\u00A0'.repeat(300)}"\n`);
    const hits = text(await check(repo.root));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ rule: 'tekst/ordlaengde', line: repo.lineOf(HSA, '- ydelse: "Myndigheds-'), column: 14 });
  });

  it(`tekst/dybde: ${MAX_NESTING + 1} nested block quotes, at the one too many; ${MAX_NESTING} pass`, async () => {
    repo.replace(HSA, FORMAAL, `${'  ' + '> '.repeat(MAX_NESTING)}ok\n\n  ${'>'.repeat(MAX_NESTING + 1)} for dybt\n\n${FORMAAL}`);
    const line = repo.lineOf(HSA, '>'.repeat(MAX_NESTING + 1));
    const hits = text(await check(repo.root));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ rule: 'tekst/dybde', line, column: 3 + MAX_NESTING, severity: 'error' });
    expect(hits[0]!.message).toBe(`Citater (>) og punktopstillinger er indlejret i mere end ${MAX_NESTING} niveauer her; brug færre niveauer`);
  });

  it('tekst/dybde: lists nested by indentation and quotes combined', async () => {
    // Ten levels: five lists by indentation, then five quote/list pairs on the last line.
    const lists = Array.from({ length: 5 }, (_, i) => `  ${'  '.repeat(i)}- punkt`).join('\n');
    const deeper = `  ${'  '.repeat(5)}> - > - > - x`;
    repo.replace(HSA, FORMAAL, `${lists}\n${deeper}\n\n${FORMAAL}`);
    const hits = text(await check(repo.root));
    expect(hits).toHaveLength(1);
    // 5 levels of indentation, then markers: >(6) -(7) >(8) -(9) >(10) -(11), 2 columns apart.
    expect(hits[0]).toMatchObject({ rule: 'tekst/dybde', line: repo.lineOf(HSA, '> - > - > - x'), column: 2 + 10 + 10 + 1 });
  });

  it('tekst/dybde applies to Markdown fields only: a literal text may begin with >', async () => {
    repo.replace(HSA, YDELSE, `  - ydelse: "${'> '.repeat(MAX_NESTING + 1)}x"\n`);
    expect(text(await check(repo.root))).toEqual([]);
  });

  it(`tekst/tegnraekke: ${MAX_MARKUP_RUN + 1} markup characters in a row; ${MAX_MARKUP_RUN} pass`, async () => {
    // Two paragraphs (a blank line in the value: two in a folded block), so that the paragraph
    // limit is not reached.
    const line = formaal(`${'*_'.repeat(MAX_MARKUP_RUN / 2)}\n\n\n  og ${'['.repeat(MAX_MARKUP_RUN + 1)}`);
    const hits = text(await check(repo.root));
    expect(hits).toEqual([
      expect.objectContaining({
        rule: 'tekst/tegnraekke',
        line: line + 3,
        column: 6,
        endColumn: 6 + MAX_MARKUP_RUN + 1,
        message: `${MAX_MARKUP_RUN + 1} formateringstegn i træk (højst ${MAX_MARKUP_RUN}); fjern dem, eller skriv teksten uden dem`,
      }),
    ]);
  });

  it(`tekst/tegnraekke: more than ${MAX_MARKUP} markup characters in one document's Markdown, at the first one too many`, async () => {
    // Twenty-one paragraphs of at most MAX_MARKUP_BLOCK each: the limit is for the document.
    const paragraph = '*a* '.repeat(50).trim(); // 100 markup characters
    // Paragraphs are separated by a blank line in the value: two in a folded block.
    const line = formaal(`${Array.from({ length: MAX_MARKUP / 100 }, () => paragraph).join('\n\n\n  ')}\n\n\n  *b*`);
    const hits = text(await check(repo.root));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ rule: 'tekst/tegnraekke', line: line + 3 * (MAX_MARKUP / 100), column: 3 });
    expect(hits[0]!.message).toMatch(new RegExp(`^Dokumentets Markdown-tekster har mere end ${MAX_MARKUP} formateringstegn`));
  });

  it(`tekst/tegnraekke: emphasis nested ${MAX_MARKUP_BLOCK / 2 + 1} levels deep in one paragraph (every run one character), at the first one too many`, async () => {
    // remark-stringify's time grows faster than linearly with this nesting (998 levels: 28 s).
    const levels = MAX_MARKUP_BLOCK / 2 + 1;
    const open = Array.from({ length: levels }, (_, i) => (i % 2 ? '_a ' : '*a ')).join('');
    const close = Array.from({ length: levels }, (_, i) => (i % 2 ? ' a_' : ' a*'))
      .reverse()
      .join('');
    const inserted = `${open}x${close}`;
    const line = formaal(inserted);
    let seen = 0;
    const at = Array.from(inserted).findIndex((c) => (c === '*' || c === '_') && ++seen > MAX_MARKUP_BLOCK);
    const hits = text(await check(repo.root));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ rule: 'tekst/tegnraekke', line, column: 3 + at });
    expect(hits[0]!.message).toMatch(new RegExp(`^Afsnittet har mere end ${MAX_MARKUP_BLOCK} formateringstegn`));
  });

  it(`tekst/omfang: more than ${MAX_LINES} lines of text in one document, at the line that passes the limit`, async () => {
    const before = (await checkRepository(REPO_ROOT, { today: '2026-01-15' })).repo.byId('hsa-holbaek-akutsygepleje')!;
    // Lines the document has already: one per text, plus line breaks inside texts.
    let lines = 0;
    const count = (v: unknown): void => {
      if (typeof v === 'string') lines += v.replace(/\n$/, '').split('\n').length;
      else if (Array.isArray(v)) v.forEach(count);
      else if (v && typeof v === 'object') Object.values(v).forEach(count);
    };
    count(before.data);
    const items = MAX_LINES - lines + 1;
    repo.write(HSA, `${repo.read(HSA).trimEnd()}\nforbehold:\n${'  - Et forbehold.\n'.repeat(items)}`);
    const hits = text(await check(repo.root));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ rule: 'tekst/omfang', line: repo.lineOf(HSA, 'forbehold:') + items, column: 5 });
  });

  describe('tekst/styretegn: every class, directly and as a character reference, at the character', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['direction override U+202E', '\u202E', /et skjult retningstegn \(U\+202E\)/],
      ['direction isolate U+2067', '\u2067', /et skjult retningstegn \(U\+2067\)/],
      ['left-to-right mark U+200E', '\u200E', /et skjult retningstegn \(U\+200E\)/],
      ['Arabic letter mark U+061C', '\u061C', /et skjult retningstegn \(U\+061C\)/],
      ['zero-width space U+200B', '\u200B', /et usynligt tegn uden bredde \(U\+200B\)/],
      ['zero-width joiner U+200D', '\u200D', /et usynligt tegn uden bredde \(U\+200D\)/],
      ['word joiner U+2060', '\u2060', /et usynligt tegn uden bredde \(U\+2060\)/],
      ['byte order mark inside text U+FEFF', '\uFEFF', /et usynligt tegn uden bredde \(U\+FEFF\)/],
      ['tag character U+E0041', '\u{E0041}', /et usynligt mærketegn \(U\+E0041\)/],
      ['supplementary private use U+F0000', '\u{F0000}', /Unicodes private område \(U\+F0000\)/],
      ['hex reference &#x202E;', '&#x202E;', /tegnkoden »&#x202E;«, som bliver til et skjult retningstegn \(U\+202E\)/],
      ['decimal reference &#8238;', '&#8238;', /tegnkoden »&#8238;«, som bliver til et skjult retningstegn \(U\+202E\)/],
      ['named reference &rlm;', '&rlm;', /tegnkoden »&rlm;«, som bliver til et skjult retningstegn \(U\+200F\)/],
      ['named reference &ZeroWidthSpace;', '&ZeroWidthSpace;', /tegnkoden »&ZeroWidthSpace;«, som bliver til et usynligt tegn uden bredde \(U\+200B\)/],
      ['reference to private use &#xE000;', '&#xE000;', /tegnkoden »&#xE000;«, som bliver til et tegn fra Unicodes private område/],
      ['soft hyphen U+00AD (a hyphen in the PDF, nothing on GitHub)', '\u00AD', /en blød bindestreg \(U\+00AD\)/],
      ['named reference &shy;', '&shy;', /tegnkoden »&shy;«, som bliver til en blød bindestreg \(U\+00AD\)/],
      ['form feed as a reference &#12;', '&#12;', /tegnkoden »&#12;«, som bliver til et linjeskift af en anden slags end \\n \(U\+000C\)/],
      ['carriage return as a reference &#xD;', '&#xD;', /\(U\+000D\)/],
      ['combining grapheme joiner U+034F', '\u034F', /et usynligt tegn \(U\+034F\)/],
      ['variation selector U+FE0F', '\uFE0F', /et usynligt tegn \(U\+FE0F\)/],
      ['variation selector U+E0100', '\u{E0100}', /et usynligt tegn \(U\+E0100\)/],
    ];
    it.each(cases)('%s', async (_name, chars, message) => {
      const line = formaal(`Tekst ${chars}her`);
      const hits = text(await check(repo.root));
      expect(hits).toHaveLength(1);
      expect(hits[0]).toMatchObject({
        rule: 'tekst/styretegn',
        severity: 'error',
        line,
        column: 3 + 'Tekst '.length,
        endLine: line,
        endColumn: 3 + 'Tekst '.length + chars.length,
      });
      expect(hits[0]!.message).toMatch(message);
    });
  });

  it.each([
    ['a lone carriage return', '\\r', 'U+000D'],
    ['a next-line character', '\\N', 'U+0085'],
  ])('tekst/styretegn: %s as a YAML escape (a line break for remark and the PDF, not for GitHub)', async (_name, escape, code) => {
    repo.replace(HSA, YDELSE, `  - ydelse: "Myndigheds${escape}ansvar"\n`);
    const line = repo.lineOf(HSA, 'ydelse: "Myndigheds');
    const hits = text(await check(repo.root));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ rule: 'tekst/styretegn', line, column: 24, endColumn: 26 });
    expect(hits[0]!.message).toContain(`(${code})`);
  });

  it('tekst/styretegn: in a double-quoted literal field, written as YAML escapes, at the escape; a lone surrogate too', async () => {
    repo.replace(HSA, YDELSE, '  - ydelse: "Myndigheds\\u202Eansvar og \\uD800 halvt"\n');
    const line = repo.lineOf(HSA, 'ydelse: "Myndigheds');
    const hits = text(await check(repo.root));
    expect(hits.map((h) => [h.line, h.column, h.endColumn, /\(U\+[0-9A-F]+\)/.exec(h.message)![0]])).toEqual([
      [line, 24, 30, '(U+202E)'],
      [line, 40, 46, '(U+D800)'],
    ]);
  });

  it('tekst/styretegn: private use in the Basic Multilingual Plane stays a YAML encoding error', async () => {
    repo.replace(HSA, YDELSE, '  - ydelse: "Myndigheds\\uE000ansvar"\n');
    const all = await check(repo.root);
    expect(all.filter((d) => d.rule === 'yaml/tegnkodning')).toHaveLength(1);
  });

  it(`findings are capped at ${MAX_TEXT_DIAGNOSTICS} per rule per file, with a count of the rest`, async () => {
    formaal('a\u200B '.repeat(MAX_TEXT_DIAGNOSTICS + 5));
    const hits = text(await check(repo.root));
    expect(hits).toHaveLength(MAX_TEXT_DIAGNOSTICS + 1);
    expect(hits.at(-1)!.message).toBe('… og 5 flere af samme slags i filen; ret de første, og kontrollér igen');
  });

  it('the document is not built: check exits with the findings, the document counts as broken', async () => {
    formaal('\u202E');
    const result = await checkRepository(repo.root, { today: '2026-01-15' });
    expect(result.repo.byId('hsa-holbaek-akutsygepleje')).toBeUndefined();
    expect(result.load.brokenIds.has('hsa-holbaek-akutsygepleje')).toBe(true);
  });
});

describe('named references', () => {
  it('the list of refused named references is complete (every HTML name Markdown decodes to a refused character)', () => {
    const refused = Object.entries(characterEntities)
      .filter(([, value]) => Array.from(value).some((c) => invisibleKind(c.codePointAt(0)!) !== undefined))
      .map(([name]) => name)
      .sort();
    expect(Object.keys(INVISIBLE_ENTITIES).sort()).toEqual(refused);
  });
});

describe('scalarOffsets: value positions back in the source', () => {
  const at = (yaml: string, index: number) => {
    const doc = parseDocument(yaml);
    const node = doc.get('k', true) as Scalar<string>;
    const offsets = scalarOffsets(yaml, node, node.value)!;
    return offsets.start[index];
  };
  it('plain, folded over lines', () => {
    const yaml = 'k: abc\n  def X\n';
    expect(at(yaml, 'abc def '.length)).toBe(yaml.indexOf('X'));
  });
  it('single-quoted with a doubled quote', () => {
    const yaml = "k: 'it''s X'\n";
    expect(at(yaml, "it's ".length)).toBe(yaml.indexOf('X'));
  });
  it('double-quoted with escapes and an escaped line break', () => {
    const yaml = 'k: "a\\tb\\u00e6 c\\\n  d X"\n';
    expect(at(yaml, 'a\tbæ cd '.length)).toBe(yaml.indexOf('X'));
    expect(at(yaml, 'a\tb'.length)).toBe(yaml.indexOf('\\u00e6'));
  });
  it('literal and folded blocks with blank lines and deeper indentation', () => {
    const literal = 'k: |\n  one\n\n    two X\n';
    expect(at(literal, 'one\n\n  two '.length)).toBe(literal.indexOf('X'));
    const folded = 'k: >-\n  one\n  two\n\n  three X\n';
    expect(at(folded, 'one two\nthree '.length)).toBe(folded.indexOf('X'));
  });
});
