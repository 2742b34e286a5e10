import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import type { SourceDocument } from '../../scripts/model/source-document.ts';
import { renderDocument } from '../../scripts/render/render-document.ts';
import { TemplateError } from '../../scripts/render/template-error.ts';
import { loadTemplates } from '../../scripts/render/templates.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { RepoCopy } from '../helpers/repo.ts';

const HSA = 'templates/hsa.md.hbs';

describe('template problems are positioned errors', () => {
  let repo: RepoCopy;
  beforeEach(() => {
    repo = new RepoCopy(['agreements', 'schemas', 'templates']);
  });
  afterEach(() => repo.remove());

  async function renderHsa(): Promise<unknown> {
    const { repo: data } = await checkRepository(repo.root, { today: '2026-01-15' });
    try {
      renderDocument(data, loadTemplates(repo.root), data.byId('hsa-holbaek-akutsygepleje') as SourceDocument<'hsa'>);
      return undefined;
    } catch (error) {
      return error;
    }
  }

  function expectTemplateError(error: unknown, want: Pick<TemplateError, 'rule' | 'file' | 'line' | 'column'> & { message: RegExp }) {
    expect(error).toBeInstanceOf(TemplateError);
    const e = error as TemplateError;
    expect({ rule: e.rule, file: e.file, line: e.line, column: e.column }).toEqual({ rule: want.rule, file: want.file, line: want.line, column: want.column });
    expect(e.message).toMatch(want.message);
  }

  it('reports a missing variable at its line and column, not as an empty string', async () => {
    repo.replace(HSA, '{{md formaal}}', 'Mål: {{md formaall}}');
    expectTemplateError(await renderHsa(), {
      rule: 'template/missing-variable',
      file: HSA,
      line: repo.lineOf(HSA, 'formaall'),
      column: 6,
      message: /Variablen »formaall« findes ikke/,
    });
  });

  it('reports a missing variable in a block helper', async () => {
    repo.replace(HSA, '{{#if kapacitet}}', '{{#if kapacitett}}');
    expectTemplateError(await renderHsa(), {
      rule: 'template/missing-variable',
      file: HSA,
      line: repo.lineOf(HSA, 'kapacitett'),
      column: 1,
      message: /»kapacitett«/,
    });
  });

  it('reports a missing variable inside a partial at the partial’s place', async () => {
    const partial = 'templates/partials/parter.md.hbs';
    repo.replace(partial, '{{t kommune.kode}}', '{{t kommune.kod}}');
    expectTemplateError(await renderHsa(), {
      rule: 'template/missing-variable',
      file: partial,
      line: repo.lineOf(partial, 'kommune.kod}'),
      column: 35,
      message: /»kommune\.kod«/,
    });
  });

  it('rejects a value inserted without an escaping helper', () => {
    repo.replace(HSA, '{{md formaal}}', '{{formaal}}');
    let error: unknown;
    try {
      loadTemplates(repo.root);
    } catch (e) {
      error = e;
    }
    expectTemplateError(error, {
      rule: 'template/bare-value',
      file: HSA,
      line: repo.lineOf(HSA, '{{formaal}}'),
      column: 1,
      message: /skal indsættes med \{\{t formaal\}\}/,
    });
  });

  it('rejects triple-stash raw insertion', () => {
    repo.replace(HSA, '{{md formaal}}', '{{{formaal}}}');
    expect(() => loadTemplates(repo.root)).toThrow(/indsætter rå tekst/);
  });

  it('reports an unclosed block with its line', () => {
    repo.write(HSA, repo.read(HSA) + '\n{{#if forbehold}}\nnoget\n');
    let error: unknown;
    try {
      loadTemplates(repo.root);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TemplateError);
    expect((error as TemplateError).rule).toBe('template/syntax');
    expect((error as TemplateError).file).toBe(HSA);
    expect((error as TemplateError).message).toMatch(/\{\{\/…\}\} mangler/);
  });

  // In-process (tests/helpers/in-process.ts): the command's own path from arguments to exit code.
  it('stops the build with the positioned message and writes nothing', async () => {
    repo.replace(HSA, '{{md formaal}}', 'Mål: {{md formaall}}');
    const r = await runInProcess('build', ['--root', repo.root, '--today', '2026-01-15'], { SOURCE_DATE_EPOCH: '1771891200' });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `${HSA}:${repo.lineOf(HSA, 'formaall')}:6  fejl  template/missing-variable  Variablen »formaall« findes ikke i data til skabelonen`,
    );
    expect(r.stdout).toContain('der er ikke skrevet noget i out/');
    // Documents rendered in other threads before the failing one may have printed their progress
    // line (a race, so not asserted either way); nothing else reaches stderr, no trace above all.
    expect(r.stderr.split('\n').filter((line) => line !== '' && !/^\[\d+\/\d+\] \S+$/.test(line))).toEqual([]);
  });
});

describe('which partials a template uses comes from its syntax tree', () => {
  let repo: RepoCopy;
  beforeEach(() => {
    repo = new RepoCopy(['templates']);
  });
  afterEach(() => repo.remove());

  it('counts a partial named as a string or with whitespace control, so caches and the diff see its changes', () => {
    const original = loadTemplates(repo.root).filesOf('hsa');
    const partial = original.find((f) => f.startsWith('templates/partials/'))!;
    const name = partial.slice('templates/partials/'.length, -'.md.hbs'.length);
    const text = repo.read(HSA).replaceAll(`{{> ${name}}}`, `{{> "${name}"}}`).replaceAll(`{{>${name}}}`, `{{~> ${name}}}`);
    expect(text).not.toBe(repo.read(HSA));
    repo.write(HSA, text);
    expect(loadTemplates(repo.root).filesOf('hsa')).toEqual(original);
  });

  it.each([
    ['a partial block', '{{#> underskrifter}}x{{/underskrifter}}'],
    ['an inline partial', '{{#*inline "underskrifter"}}x{{/inline}}'],
  ])('refuses %s, which could stand in for a partial file', (_name, text) => {
    repo.write(HSA, `${repo.read(HSA)}\n${text}\n`);
    expect(() => loadTemplates(repo.root)).toThrow(/Delskabelon-blokke og dekoratorer/);
  });
});
