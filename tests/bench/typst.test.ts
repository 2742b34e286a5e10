/**
 * The benchmark's Markdown → Typst converter (scripts/bench/typst.ts). The compile tests need the
 * optional compiler package, which CI does not install: they are skipped without it.
 */
import { describe, expect, it } from 'vitest';
import { escapeTypst, loadTypst, markdownToTypst, mdastToTypst, runTypst, typstPreamble } from '../../scripts/bench/typst.ts';
import { childrenCpuSeconds } from '../../scripts/bench/pandoc.ts';
import { parseMarkdown } from '../../scripts/render/markdown.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const typst = await loadTypst();
const body = (markdown: string) => mdastToTypst(parseMarkdown(markdown));

describe('escapeTypst', () => {
  it('makes every character with a meaning in Typst markup literal', () => {
    expect(escapeTypst('#let x = $y$ *a* _b_ `c` <d> @e [f] \\ ~')).toBe('\\#let x \\= \\$y\\$ \\*a\\* \\_b\\_ \\`c\\` \\<d\\> \\@e \\[f\\] \\\\ \\~');
    // Markers that only count at a line start or in runs: escaped wherever they are.
    expect(escapeTypst('1. januar - 2/3 -- +4 // ikke en kommentar')).toBe('1\\. januar \\- 2\\/3 \\-\\- \\+4 \\/\\/ ikke en kommentar');
  });

  it('keeps letters, digits and Danish text as they are, and joins soft line breaks', () => {
    expect(escapeTypst('Ærø Kommune, §§ 138–139 (»regionen«)')).toBe('Ærø Kommune, §§ 138–139 (»regionen«)');
    expect(escapeTypst('to\nlinjer')).toBe('to linjer');
  });
});

describe('mdastToTypst', () => {
  it('writes headings by depth, paragraphs and inline marks', () => {
    expect(body('# Titel\n\n## § 1. Parter\n\nEt *ord*, **fed** og ~~slettet~~ `kode`.\n')).toBe(
      '= Titel\n\n== § 1\\. Parter\n\nEt #emph[ord], #strong[fed] og #strike[slettet] #raw("kode")\\.\n',
    );
  });

  it('writes links with the target as a string and the text as markup', () => {
    expect(body('Se [loven](https://example.org/a"b).\n')).toBe('Se #link("https://example.org/a\\"b")[loven]\\.\n');
  });

  it('writes bullet and numbered lists, nested by indentation, keeping the start number', () => {
    expect(body('- a\n- b\n  - c\n\n3. tre\n4. fire\n')).toBe('- a\n- b\n  - c\n\n3. tre\n4. fire\n');
  });

  it('breaks a line inside a list item without leaving the item', () => {
    expect(body('- første  \n  anden\n')).toBe('- første \\ anden\n');
  });

  it('writes a table with its columns and header row, escaping the cells', () => {
    const out = body('| Ydelse | Ansvarlig |\n|---|---:|\n| Drift # 1 | Kommunen |\n| Tilsyn | |\n');
    expect(out).toBe(
      '#table(\n  columns: 2,\n  align: (left, right,),\n  table.header([Ydelse], [Ansvarlig]),\n  [Drift \\# 1], [Kommunen],\n  [Tilsyn], [],\n)\n',
    );
  });

  it('writes block quotes, code blocks and rules', () => {
    expect(body('> citat\n\n```\nlinje 1\n"2"\n```\n\n---\n')).toBe(
      '#quote(block: true)[\ncitat\n]\n\n#raw(block: true, "linje 1\\n\\"2\\"")\n\n#line(length: 100%, stroke: 0.5pt + gray)\n',
    );
  });

  it('puts a footnote where it is referenced', () => {
    expect(body('Tekst[^1].\n\n[^1]: Noten.\n')).toBe('Tekst#footnote[Noten\\.]\\.\n');
  });
});

describe('the page', () => {
  it('sets A4, Roboto and Danish with hyphenation, before the body', () => {
    const doc = markdownToTypst('# Titel\n');
    expect(doc.startsWith(typstPreamble())).toBe(true);
    expect(doc).toMatch(/#set page\(paper: "a4"/);
    expect(doc).toMatch(/#set text\(lang: "da", font: "Roboto", size: 11pt, hyphenate: true\)/);
  });
});

describe('childrenCpuSeconds (pandoc + WeasyPrint CPU, from the shell)', () => {
  it("adds the children's user and system time from the second line of `times`", () => {
    expect(childrenCpuSeconds('0m0.000000s 0m0.004000s\n0m1.490000s 1m0.100000s\n')).toBeCloseTo(61.59, 6);
    expect(childrenCpuSeconds('')).toBeNull();
    expect(childrenCpuSeconds('0m0.000000s 0m0.004000s\n')).toBeNull();
  });
});

describe('runTypst', () => {
  it('counts a document that does not compile as failed', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aftaler-typst-'));
    try {
      const good = path.join(dir, 'a.md');
      writeFileSync(good, '# Titel\n');
      // Stand-ins for the compiler: one that gives something other than a PDF, one that throws.
      const notPdf = { NodeCompiler: { create: () => ({ pdf: () => Buffer.from('nej'), evictCache: () => {} }) } };
      const throws = {
        NodeCompiler: {
          create: () => ({
            pdf: (): Buffer => {
              throw new Error('syntax error');
            },
            evictCache: () => {},
          }),
        },
      };
      expect(runTypst(notPdf, [good, good])).toMatchObject({ documents: 2, failed: 2 });
      expect(runTypst(throws, [good]).failed).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(typst === undefined)('compiled with the optional package', () => {
  it('makes a PDF of every document, with tables, lists and escaped text', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'aftaler-typst-'));
    try {
      const file = path.join(dir, 'a.md');
      writeFileSync(
        file,
        '# Aftale #1 om $pladser$\n\n- **Parter:** A_B og <C>\n- 1. januar 2027\n\n## § 1. Opgaven\n\n| Ydelse | Ansvarlig |\n|---|---|\n| @drift [x] | Kommunen |\n\n> citat // ikke en kommentar\n\n1. et\n   - under\n2. to  \n   ny linje\n\nTekst[^n].\n\n[^n]: En *note*.\n',
      );
      const run = runTypst(typst!, [file, file]);
      expect(run).toMatchObject({ documents: 2, failed: 0 });
      expect(run.cpuPerDocumentMs).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
