import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Root, RootContent } from 'mdast';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import type { JsonDiagnostic } from '../../scripts/diagnostics/report-json.ts';
import { MAX_FILE_BYTES } from '../../scripts/load/load-repository.ts';
import { parseMarkdown } from '../../scripts/render/markdown.ts';
import { STACK_TRACE } from '../helpers/cli.ts';
import { pdfText } from '../helpers/pdf-tools.ts';
import { RepoCopy } from '../helpers/repo.ts';
import { DIR, ENV, HSA, SAG, TODAY, expectInsideFiles, hostile, runCommand, sourceHashes, type NodeRun } from './support.ts';

const HEAP_MB = 256;
/** Generous: a run includes starting Node and tsx on a busy 2-core machine. */
const RUN_MS = 20_000;

/** Several hostile files at once in one copy; one run of each command reports them all. */
const FILES = {
  bomb: `${DIR}/holbaek/hsa-holbaek-akutsygepleje.yaml`,
  deep: `${DIR}/kalundborg/hsa-kalundborg-akutsygepleje.yaml`,
  huge: `${DIR}/lejre/hsa-lejre-akutsygepleje.yaml`,
  widest: `${DIR}/naestved/hsa-naestved-akutsygepleje.yaml`,
  encoding: `${DIR}/odsherred/hsa-odsherred-akutsygepleje.yaml`,
  proto: `${DIR}/ringsted/hsa-ringsted-akutsygepleje.yaml`,
};

const EXPECTED: Array<{ file: string; line: number; column: number; rule: string; message: RegExp }> = [
  { file: FILES.bomb, line: 4, column: 8, rule: 'yaml/for-mange-aliasser', message: /for meget data/ },
  { file: FILES.deep, line: 3, column: 74, rule: 'fil/for-dyb', message: /indlejret for dybt/ },
  { file: FILES.huge, line: 1, column: 1, rule: 'fil/for-stor', message: /Filen er for stor/ },
  { file: FILES.widest, line: 3, column: 10, rule: 'skema/type', message: /»formaal« skal være en tekst, ikke en liste/ },
  { file: FILES.encoding, line: 3, column: 14, rule: 'yaml/tegnkodning', message: /ikke gyldig UTF-8/ },
  { file: FILES.proto, line: 0, column: 1, rule: 'skema/ukendt-felt', message: /^Ukendt felt »__proto__«$/ },
];

function expectCleanRun(r: NodeRun): void {
  expect(r.signal, r.stderr.slice(0, 2000)).toBeNull(); // not killed by the heap limit
  expect(r.stderr).not.toMatch(/intern fejl|heap|FATAL|RangeError/);
  expect(r.stdout + r.stderr).not.toMatch(STACK_TRACE);
  expect(r.ms).toBeLessThan(RUN_MS);
}

describe(`the commands on hostile files, with a ${HEAP_MB} MB heap`, () => {
  const repo = new RepoCopy();
  beforeAll(() => {
    writeFileSync(repo.path(FILES.bomb), hostile('alias-bomb.yaml'));
    writeFileSync(repo.path(FILES.deep), `dokumenttype: hsa\nid: x\nformaal: ${'['.repeat(10_000)}\n`);
    writeFileSync(repo.path(FILES.huge), `dokumenttype: hsa\nformaal: ${'x'.repeat(3 * 1024 * 1024)}\n`);
    // The widest shape under the size limit: as many values as bytes allow, in one list.
    const head = 'dokumenttype: hsa\nid: hsa-naestved-akutsygepleje\nformaal: [';
    writeFileSync(repo.path(FILES.widest), `${head}${'1,'.repeat((MAX_FILE_BYTES - head.length - 10) / 2)}1]\n`);
    writeFileSync(repo.path(FILES.encoding), hostile('invalid-utf8.yaml'));
    repo.replace(
      FILES.proto,
      'ikrafttraeden: 2027-01-01\n',
      'ikrafttraeden: 2027-01-01\n__proto__:\n  polluted: true\nconstructor:\n  prototype:\n    polluted: true\n',
    );
    EXPECTED.find((e) => e.file === FILES.proto)!.line = repo.lineOf(FILES.proto, '__proto__:');
  });
  afterAll(() => repo.remove());

  it('check: exit 1, each file one positioned line, no trace, within time and memory', () => {
    const r = runCommand('check', ['--root', repo.root, '--today', TODAY], { heapMb: HEAP_MB });
    expectCleanRun(r);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    for (const e of EXPECTED) {
      const line = r.stdout.split('\n').find((l) => l.startsWith(`${e.file}:${e.line}:${e.column} `) && l.includes(` ${e.rule} `));
      expect(line, `${e.rule} in ${e.file}\n${r.stdout}`).toBeDefined();
      expect(line).toMatch(/ fejl +\S+ +\S/);
    }
    expect(r.stdout).toMatch(/^✖ \d+ fejl/m);
  });

  it('check --format json: the same findings, every one inside its file', () => {
    const r = runCommand('check', ['--root', repo.root, '--today', TODAY, '--format', 'json'], { heapMb: HEAP_MB });
    expectCleanRun(r);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout) as JsonDiagnostic[];
    for (const e of EXPECTED) {
      const hit = findings.find((f) => f.file === e.file && f.rule === e.rule);
      expect(hit, e.file).toMatchObject({ line: e.line, column: e.column, severity: 'error' });
      expect(hit!.message).toMatch(e.message);
    }
    expectInsideFiles(repo.root, findings);
  });

  it('build: exit 1 with the same report, nothing written, sources unchanged', () => {
    const before = sourceHashes(repo);
    const r = runCommand('build', ['--root', repo.root, '--today', TODAY], { heapMb: HEAP_MB, env: ENV });
    expectCleanRun(r);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${FILES.bomb}:4:8 `);
    expect(r.stdout).toContain('Build afbrudt: ret fejlene ovenfor. Der er ikke skrevet noget i out/.');
    expect(existsSync(repo.path('out'))).toBe(false);
    expect(sourceHashes(repo)).toEqual(before);
  });
});

/** Markdown, HTML and Handlebars syntax is valid data: it builds, and shows as written. */
describe('markup in every free-text field builds and renders literally', () => {
  const repo = new RepoCopy(['agreements', 'schemas', 'templates']);
  const MARKUP = '<script>alert(1)</script> <b>fed</b> {{x}} {{{y}}} {{> p}} <!-- c --> {{#each a}}';
  /** Text fields show everything as written, Markdown syntax included. */
  const TEXT = `# x | a | *b* [l](javascript:alert(1)) &amp; \\ ${MARKUP}`;
  const textFields: Array<[string, Array<string | number>]> = [
    [HSA, ['ansvarsfordeling', 0, 'ydelse']],
    [SAG, ['titel']],
    [SAG, ['indstilling', 'indledning']],
    [SAG, ['indstilling', 'punkter', 0, 'tekst']],
    [SAG, ['indstilling', 'punkter', 0, 'underpunkter', 0, 'tekst']],
    [SAG, ['indstilling', 'afgoerelse']],
    [SAG, ['moede', 'organ']],
  ];
  /** Markdown fields are parsed as Markdown by design; HTML and Handlebars in them stay text. */
  const markdownFields: Array<[string, Array<string | number>]> = [
    [HSA, ['formaal']],
    [HSA, ['bidrag', 'region']],
    [HSA, ['bidrag', 'kommune']],
    [HSA, ['ansvarsfordeling', 0, 'beskrivelse']],
    [HSA, ['finansiering', 'beskrivelse']],
    [HSA, ['opfoelgning']],
    [HSA, ['evaluering', 'beskrivelse']],
    [HSA, ['opsigelse', 'beskrivelse']],
    [HSA, ['mislighold']],
    [HSA, ['forbehold']],
    [SAG, ['resume']],
    [SAG, ['sagsfremstilling']],
    [SAG, ['oekonomi']],
  ];
  const value = (kind: 'T' | 'M', i: number) => (kind === 'T' ? `T${i}: ${TEXT}` : `M${i}: ${MARKUP}`);
  let result: NodeRun;
  const output = (file: string) => readFileSync(repo.path(`out/${file}`), 'utf8');

  beforeAll(() => {
    const edits = new Map<string, ReturnType<typeof parseDocument>>();
    const set = (file: string, path: Array<string | number>, text: string) => {
      const doc = edits.get(file) ?? parseDocument(repo.read(file));
      edits.set(file, doc);
      doc.setIn(path, path[0] === 'forbehold' ? doc.createNode([text]) : text);
    };
    textFields.forEach(([file, path], i) => set(file, path, value('T', i)));
    markdownFields.forEach(([file, path], i) => set(file, path, value('M', i)));
    for (const [file, doc] of edits) repo.write(file, doc.toString({ lineWidth: 0 }));
    // Kommune 316: its documents, and the case (which has .md output only when selected).
    result = runCommand('build', ['--root', repo.root, '--today', TODAY, '--only', '316', '--quiet'], { env: ENV });
  }, 180_000);
  afterAll(() => repo.remove());

  const types = (node: Root | RootContent): string[] => [node.type, ...('children' in node ? node.children.flatMap((c) => types(c)) : [])];
  /**
   * The value, whole, inside one text node of the parsed output: any interpretation as
   * Markdown, HTML or Handlebars would have split it into other nodes or changed it.
   */
  const literal = (tree: Root, text: string) => {
    const found: string[] = [];
    const visit = (node: Root | RootContent) => {
      if (node.type === 'text' && node.value.replace(/\s+/g, ' ').includes(text)) found.push(node.value);
      if ('children' in node) node.children.forEach((c) => visit(c));
    };
    visit(tree);
    return found;
  };

  it('builds', () => {
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(result.stdout + result.stderr).not.toMatch(STACK_TRACE);
  });

  it('shows every value as written in the Markdown files: no HTML, no template syntax evaluated', () => {
    const md: Record<string, Root> = {
      [HSA]: parseMarkdown(output('midt-og-vestsjaelland/316-holbaek/hsa-holbaek-akutsygepleje.md')),
      [SAG]: parseMarkdown(output('midt-og-vestsjaelland/sag-emn-2025-10366.md')),
    };
    for (const tree of Object.values(md)) expect(types(tree)).not.toContain('html');
    textFields.forEach(([file, path], i) => expect(literal(md[file]!, value('T', i)), `${file} ${path.join('.')}`).not.toEqual([]));
    markdownFields.forEach(([file, path], i) => expect(literal(md[file]!, value('M', i)), `${file} ${path.join('.')}`).not.toEqual([]));
  });

  it('and in the PDF text', () => {
    // pdftotext joins a line that ends in a hyphen to the next and drops that hyphen (»<!--c--« +
    // »>« reads »<!--c->«), so hyphens are compared out along with the line breaks.
    const squeeze = (s: string) => s.replace(/[\s-]+/g, '');
    const text = squeeze(pdfText(repo.path('out/midt-og-vestsjaelland/316-holbaek/hsa-holbaek-akutsygepleje.pdf')));
    expect(text).toContain(squeeze(value('T', 0)));
    for (const i of [0, 5, 8]) expect(text).toContain(squeeze(value('M', i)));
  });
});
