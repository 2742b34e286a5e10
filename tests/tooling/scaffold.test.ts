import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isMap, isScalar, parseDocument, type YAMLMap } from 'yaml';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { loadRepository } from '../../scripts/load/load-repository.ts';
import { Repository } from '../../scripts/model/repository.ts';
import { ArgumentError } from '../../scripts/tooling/lookup.ts';
import type { Kind } from '../../scripts/model/kinds.ts';
import { scaffold, type ScaffoldRequest } from '../../scripts/tooling/scaffold.ts';
import { SchemaDocs, type ResolvedSchema } from '../../scripts/validate/schema-docs.ts';
import { compileValidators } from '../../scripts/validate/schemas.ts';
import { runCli, STACK_TRACE } from '../helpers/cli.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { REPO_ROOT, RepoCopy } from '../helpers/repo.ts';

const TODAY = '2026-03-20';

async function repoAt(root: string): Promise<Repository> {
  const load = await loadRepository(root, compileValidators(root));
  return new Repository(load.documents, load.brokenIds);
}

/** Every key of a map (recursively, not into lists) with its comment and its schema. */
function keysWithSchemas(
  schemas: SchemaDocs,
  map: YAMLMap,
  schema: ResolvedSchema,
  out: Array<{ key: string; comment: string; schema: ResolvedSchema }> = [],
  prefix = '',
): typeof out {
  for (const [i, pair] of map.items.entries()) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const child = schemas.property(schema, key)!;
    // When parsed back, a comment above a nested map's first key belongs to the map.
    const comment = `${i === 0 ? (map.commentBefore ?? '') : ''}\n${pair.key.commentBefore ?? ''}`;
    out.push({ key: prefix + key, comment, schema: child });
    if (isMap(pair.value)) keysWithSchemas(schemas, pair.value, child, out, `${prefix}${key}.`);
  }
  return out;
}

const requests: Array<[string, ScaffoldRequest, string]> = [
  [
    'an HSA for a kommune without a sundhedsråd',
    { kind: 'hsa', kommune: '320', opgave: 'akutsygepleje' },
    'agreements/uden-sundhedsraad/faxe/hsa-faxe-akutsygepleje.yaml',
  ],
  [
    'an HSA for sundheds- og omsorgspladser (with kapacitet)',
    { kind: 'hsa', kommune: 'frederiksberg', opgave: 'sundheds-og-omsorgspladser' },
    'agreements/hovedstaden/frederiksberg/hsa-frederiksberg-sundheds-og-omsorgspladser.yaml',
  ],
  ['a delingsaftale', { kind: 'delingsaftale', kommune: 'Faxe' }, 'agreements/uden-sundhedsraad/faxe/delingsaftale-faxe.yaml'],
  [
    'an anmodning',
    { kind: 'anmodning', kommune: '147', opgave: 'patientrettet-forebyggelse' },
    'agreements/hovedstaden/frederiksberg/anmodning-frederiksberg-patientrettet-forebyggelse.yaml',
  ],
  [
    'a case',
    { kind: 'sag', sundhedsraad: 'midt-og-vestsjaelland', 'sags-id': 'EMN-2026-1234', punkt: '4', titel: 'Nærsundhedsplan; første udkast', dokid: '12345678' },
    'agreements/midt-og-vestsjaelland/sag-emn-2026-1234.yaml',
  ],
];

describe('npm run new: the scaffolded files', () => {
  const copy = new RepoCopy();
  let repo: Repository;
  const schemas = new SchemaDocs(REPO_ROOT);
  const made = new Map<string, ReturnType<typeof scaffold>>();

  beforeAll(async () => {
    repo = await repoAt(copy.root);
    for (const [, request, file] of requests) {
      const result = scaffold(repo, schemas, request, { today: TODAY });
      made.set(file, result);
      mkdirSync(path.dirname(copy.path(result.file)), { recursive: true });
      copy.write(result.file, result.text);
    }
  });
  afterAll(() => copy.remove());

  it.each(requests)('%s goes where the conventions say, under its id', (_, _request, file) => {
    const result = made.get(file)!;
    expect(result.file).toBe(file);
    expect(path.posix.basename(file)).toBe(`${result.id}.yaml`);
  });

  it('pass npm run check with no errors, all of them together in a copy of the repository', async () => {
    const { diagnostics } = await checkRepository(copy.root, { today: TODAY });
    const mine = diagnostics.filter((d) => made.has(d.file) && d.severity === 'error');
    expect(mine).toEqual([]);
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it.each(requests)('%s starts with the schema line, relative to its folder', (_, request, file) => {
    const first = copy.read(file).split('\n', 1)[0]!;
    const schema = /^# yaml-language-server: \$schema=(\S+)$/.exec(first)?.[1];
    expect(path.posix.normalize(path.posix.join(path.posix.dirname(file), schema!))).toBe(`schemas/${request.kind}.schema.json`);
  });

  it.each(requests)('%s explains every field with its schema description, taken from the schema', (_, request, file) => {
    const doc = parseDocument(copy.read(file));
    const keys = keysWithSchemas(schemas, doc.contents as YAMLMap, schemas.forKind(request.kind as Kind));
    expect(keys.length).toBeGreaterThan(5);
    for (const { key, comment, schema } of keys) {
      const description = (schema.node.description ?? schema.node.title)!;
      // Comments are wrapped, so compare word sequences.
      const words = (s: string) => s.replace(/#/g, ' ').split(/\s+/).filter(Boolean).join(' ');
      expect(words(comment), key).toContain(words(description));
    }
  });

  it.each(requests)('%s has every required field, status udkast where it has one, null or »Udestår: …« for the unknown', (_, request, file) => {
    const data = parseDocument(copy.read(file)).toJS() as Record<string, unknown>;
    const schema = schemas.resolve(schemas.forKind(request.kind as Kind)).node;
    for (const key of schema.required ?? []) expect(data, key).toHaveProperty(key);
    if ('status' in (schema.properties ?? {})) expect(data.status).toBe('udkast');
    expect(copy.read(file)).toMatch(/Udestår: /);
  });

  it('fills an HSA with the calendar: ikrafttræden, notice and evaluation; nulls for dates and DokID', () => {
    const d = parseDocument(copy.read(requests[0]![2])).toJS() as Record<string, unknown>;
    expect(d).toMatchObject({
      id: 'hsa-faxe-akutsygepleje',
      kommune: '320',
      opgave: 'akutsygepleje',
      version: TODAY,
      dokid: null,
      ikrafttraeden: repo.frist('ikrafttraeden')!.dato,
      opsigelse: { varsel_maaneder: repo.vilkaar('hsa-opsigelsesvarsel')!.vaerdi },
      evaluering: { senest: '2028-12-31' },
      godkendelser: { regionsraad: null, kommunalbestyrelse: null },
      finansiering: { aarligt_beloeb_kr: null },
    });
    expect(d.formaal).toMatch(/^Udestår: /);
    const pladser = parseDocument(copy.read(requests[1]![2])).toJS() as Record<string, unknown>;
    expect(pladser.kapacitet).toEqual({ pladser: null });
  });

  it('fills a delingsaftale with the reference date, and an anmodning with its period, from the calendar', () => {
    const deling = parseDocument(copy.read(requests[2]![2])).toJS() as Record<string, unknown>;
    expect(deling).toMatchObject({
      referencedato: repo.frist('referencedato-deling')!.dato,
      vederlagsfri: true,
      version: null,
      udkast_fremsendt: null,
      aftalt: null,
    });
    expect(deling.opgaver).toMatchObject(repo.opgaver.map((o) => ({ opgave: o.id })));
    const anmodning = parseDocument(copy.read(requests[3]![2])).toJS() as Record<string, unknown>;
    expect(anmodning).toMatchObject({
      meddelt: null,
      periode_start: repo.frist('ikrafttraeden')!.dato,
      periode_slut: repo.frist('anmodning-periode-slut')!.dato,
    });
  });

  it('writes a case with its Sags ID, punkt and title as given (a title with »;« stays text)', () => {
    const sag = parseDocument(copy.read(requests[4]![2])).toJS() as Record<string, unknown>;
    expect(sag).toMatchObject({
      id: 'sag-emn-2026-1234',
      sags_id: 'EMN-2026-1234',
      punkt: 4,
      titel: 'Nærsundhedsplan; første udkast',
      aaben: true,
      dokid: '12345678',
      moede: { dato: null },
      bilag: [],
    });
  });

  it('follows the case: a recreated delingsaftale for Holbæk gets drift and myndighedsansvar as the indstilling says, and passes', async () => {
    const again = new RepoCopy();
    try {
      const file = 'agreements/midt-og-vestsjaelland/holbaek/delingsaftale-holbaek.yaml';
      const hsa = 'agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml';
      rmSync(again.path(file));
      rmSync(again.path(hsa));
      const before = await repoAt(again.root);
      for (const request of [
        { kind: 'delingsaftale', kommune: '316' },
        { kind: 'hsa', kommune: '316', opgave: 'akutsygepleje' },
      ] as const) {
        // The HSA's version is the day it is made; the case attaches V20260224.
        const result = scaffold(before, schemas, request, { today: '2026-02-24' });
        mkdirSync(path.dirname(again.path(result.file)), { recursive: true });
        again.write(result.file, result.text);
      }
      const d = parseDocument(again.read(file)).toJS() as { opgaver: Array<{ opgave: string; overdragelse: string }> };
      expect(Object.fromEntries(d.opgaver.map((o) => [o.opgave, o.overdragelse]))).toEqual({
        akutsygepleje: 'myndighedsansvar',
        'sundheds-og-omsorgspladser': 'myndighedsansvar',
        'patientrettet-forebyggelse': 'myndighedsansvar',
        'specialiseret-rehabilitering': 'drift',
      });
      const { diagnostics } = await checkRepository(again.root, { today: '2026-02-24' });
      expect(diagnostics.filter((x) => x.severity === 'error')).toEqual([]);
    } finally {
      again.remove();
    }
  });

  it('refuses unknown kommuner and opgaver with a Danish suggestion', () => {
    expect(() => scaffold(repo, schemas, { kind: 'hsa', kommune: 'holbek', opgave: 'akutsygepleje' }, { today: TODAY })).toThrow(ArgumentError);
    expect(() => scaffold(repo, schemas, { kind: 'hsa', kommune: 'holbek', opgave: 'akutsygepleje' }, { today: TODAY })).toThrow(
      /Ukendt kommune »holbek« – mente du »316« \(Holbæk Kommune\)\?/,
    );
    expect(() => scaffold(repo, schemas, { kind: 'hsa', kommune: '316', opgave: 'akutsygeplje' }, { today: TODAY })).toThrow(
      /Ukendt opgave »akutsygeplje« – mente du »akutsygepleje«\?/,
    );
    expect(() => scaffold(repo, schemas, { kind: 'hsa', kommune: '316', opgave: 'tandpleje' }, { today: TODAY })).toThrow(/brug en af: »akutsygepleje«/);
    expect(() =>
      scaffold(
        repo,
        schemas,
        { kind: 'sag', sundhedsraad: 'midt-og-vestsjaelland', 'sags-id': 'EMN2026', punkt: '1', titel: 'x', dokid: '12345' },
        { today: TODAY },
      ),
    ).toThrow(/Sags ID skal have formen/);
    expect(() =>
      scaffold(
        repo,
        schemas,
        { kind: 'sag', sundhedsraad: 'midt-og-vestsjaeland', 'sags-id': 'EMN-2026-1', punkt: '1', titel: 'x', dokid: '12345' },
        { today: TODAY },
      ),
    ).toThrow(/mente du »midt-og-vestsjaelland«\?/);
    expect(() =>
      scaffold(repo, schemas, { kind: 'sag', sundhedsraad: 'hovedstaden', 'sags-id': 'EMN-2026-1', punkt: '1', titel: 'x', dokid: '12' }, { today: TODAY }),
    ).toThrow(/DokID skal være/);
  });
});

describe('npm run new (command line)', () => {
  const copy = new RepoCopy();
  afterAll(() => copy.remove());
  // In-process (tests/helpers/in-process.ts); a first file and a refusal also as a user runs them.
  const run = (...args: string[]) => runInProcess('new', ['--root', copy.root, '--today', TODAY, ...args]);
  const spawned = (...args: string[]) => runCli('new', ['--root', copy.root, '--today', TODAY, ...args]);

  it('shows help', async () => {
    const r = await runInProcess('new', ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Brug: npm run new -- <type> [valg]');
    expect(r.stdout).toMatch(/hsa\s+--kommune KODE\|NAVN --opgave OPGAVE/);
  });

  it('creates a file, says that it passes the check, and refuses to overwrite it (exit 1)', async () => {
    const file = 'agreements/uden-sundhedsraad/koege/hsa-koege-akutsygepleje.yaml';
    const first = spawned('hsa', '--kommune', '259', '--opgave', 'akutsygepleje');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`✔ Oprettet ${file}`);
    expect(first.stdout).toContain('Kontrol: ingen fejl i den nye fil');
    const text = copy.read(file);
    copy.write(file, `${text}# mine noter\n`);
    const second = await run('hsa', '--kommune', 'koege', '--opgave', 'akutsygepleje');
    expect(second.code).toBe(1);
    expect(second.stdout).toMatch(/findes allerede.*overskrives aldrig/);
    expect(copy.read(file)).toBe(`${text}# mine noter\n`);
  });

  it('refuses to replace an existing document of the real data', () => {
    const r = spawned('hsa', '--kommune', '316', '--opgave', 'akutsygepleje');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml findes allerede');
  });

  it.each([
    [['hsa', '--kommune', '31', '--opgave', 'akutsygepleje'], /Ukendt kommune »31« – mente du »316« \(Holbæk Kommune\)\?/],
    [['hsaa', '--kommune', '316'], /ukendt type »hsaa« – mente du »hsa«\?/],
    [['delingsaftale', '--kommune', '316', '--opgave', 'akutsygepleje'], /delingsaftale bruger ikke --opgave/],
    [['hsa', '--kommune', '316', '--opgave', 'akutsygepleje', '--today', '2026-02-30'], /--today skal være en dato/],
  ])('exits 2 with a Danish message on %j', async (args, message) => {
    const r = await run(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it('prints without writing with --dry-run', async () => {
    const r = await run('anmodning', '--kommune', '320', '--opgave', 'akutsygepleje', '--dry-run');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# yaml-language-server: \$schema=\.\.\/\.\.\/\.\.\/schemas\/anmodning\.schema\.json\n/);
    expect(existsSync(copy.path('agreements/uden-sundhedsraad/faxe/anmodning-faxe-akutsygepleje.yaml'))).toBe(false);
  });

  it('creates a case without a DokID yet, with dokid: null', async () => {
    const r = await run('sag', '--sundhedsraad', 'midt-og-vestsjaelland', '--sags-id', 'EMN-2026-9999', '--punkt', '5', '--titel', 'Uden DokID');
    expect(r.code).toBe(0);
    const data = parseDocument(readFileSync(copy.path('agreements/midt-og-vestsjaelland/sag-emn-2026-9999.yaml'), 'utf8')).toJS() as { dokid: unknown };
    expect(data.dokid).toBeNull();
  });

  it('creates the case from the example, with its DokID, at the sundhedsråd folder', async () => {
    const r = await run(
      'sag',
      '--sundhedsraad',
      'midt-og-vestsjaelland',
      '--sags-id',
      'EMN-2026-1234',
      '--punkt',
      '4',
      '--titel',
      'Nærsundhedsplan',
      '--dokid',
      '12345678',
      '--lukket',
    );
    expect(r.code).toBe(0);
    const data = parseDocument(readFileSync(copy.path('agreements/midt-og-vestsjaelland/sag-emn-2026-1234.yaml'), 'utf8')).toJS() as { aaben: boolean };
    expect(data.aaben).toBe(false);
  });
});
