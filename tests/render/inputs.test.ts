/**
 * inputsOf (scripts/render/inputs.ts) is what the build cache keys a document's outputs on, what
 * the manifest lists as its sources and what `npm run diff` compares. If rendering read a data
 * file that is not among them, an edit to that file would leave a stale PDF in place without a
 * word. So every document of the real data is rendered here with a repository that records the
 * files each lookup answers from, and everything recorded must be among the document's inputs.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { hsa } from '../../scripts/kinds/hsa.ts';
import { registry, renderedDocuments } from '../../scripts/kinds/index.ts';
import { Repository } from '../../scripts/model/repository.ts';
import type { SourceDocument } from '../../scripts/model/source-document.ts';
import { inputsOf } from '../../scripts/render/inputs.ts';
import { renderDocument } from '../../scripts/render/render-document.ts';
import { loadTemplates, type TemplateSet } from '../../scripts/render/templates.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

/**
 * Which files a Repository member answers from. Every member must be listed: a member added to
 * Repository later makes this test fail until someone says what it reads.
 */
function recordingRepository(repo: Repository): { repo: Repository; read: Set<string> } {
  const read = new Set<string>();
  const files = (kind: string) => repo.documents.filter((d) => d.kind === kind).map((d) => d.file);
  const note = (...list: string[]) => list.forEach((f) => read.add(f));
  const reads: Record<string, (args: unknown[], result: unknown) => void> = {
    documents: () => note(...repo.documents.map((d) => d.file)),
    byId: (_, result) => result && note((result as SourceDocument).file),
    ofKind: (_, result) => note(...(result as SourceDocument[]).map((d) => d.file)),
    documentsOfKinds: (_, result) => note(...(result as SourceDocument[]).map((d) => d.file)),
    isBroken: () => {},
    kommune: () => note(...files('region')),
    kommuner: () => note(...files('region')),
    sundhedsraad: () => note(...files('region')),
    sundhedsraadList: () => note(...files('region')),
    sundhedsraadOf: () => note(...files('region')),
    opgave: () => note(...files('opgaver')),
    opgaver: () => note(...files('opgaver')),
    frist: () => note(...files('frister')),
    vilkaar: () => note(...files('frister')),
  };
  const proxy = new Proxy(repo, {
    get(target, prop) {
      const name = String(prop);
      const record = reads[name];
      if (!record) throw new Error(`Repository.${name}: say in tests/render/inputs.test.ts which files it reads`);
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') {
        record([], value);
        return value;
      }
      return (...args: unknown[]) => {
        const result: unknown = (value as (...a: unknown[]) => unknown).apply(target, args);
        record(args, result);
        return result;
      };
    },
  });
  return { repo: proxy, read };
}

/** Files the rendering of `doc` read that its inputs do not list. */
function unlisted(repo: Repository, templates: TemplateSet, doc: SourceDocument): string[] {
  const recorder = recordingRepository(repo);
  renderDocument(recorder.repo, templates, doc as never);
  const inputs = new Set(inputsOf(repo, templates, doc));
  return [...recorder.read].filter((f) => !inputs.has(f)).sort();
}

describe('inputsOf lists every file a rendering reads', () => {
  let repo: Repository;
  let templates: TemplateSet;
  beforeAll(async () => {
    repo = (await checkRepository(REPO_ROOT, { today: '2026-01-15' })).repo;
    templates = loadTemplates(REPO_ROOT);
  });

  it('for every document of the real data, of every kind', () => {
    // The real data has no anmodning yet: one made from an HSA's facts (SYNTETISK) stands in.
    const model = repo.ofKind('hsa')[0]!;
    const anmodning = {
      file: 'agreements/syntetisk/anmodning-syntetisk.yaml',
      kind: 'anmodning',
      yaml: model.yaml,
      data: {
        dokumenttype: 'anmodning',
        id: 'anmodning-syntetisk',
        kommune: model.data.kommune,
        opgave: model.data.opgave,
        meddelt: null,
        periode_start: '2027-01-01',
        periode_slut: '2027-12-31',
        begrundelse: 'SYNTETISK',
      },
    } as SourceDocument<'anmodning'>;
    // Nor a tillæg: one to the same HSA (SYNTETISK), which also gives the HSA a consolidated text.
    const tillaeg = {
      file: `${path.posix.dirname(model.file)}/tillaeg-syntetisk-1.yaml`,
      kind: 'tillaeg',
      yaml: model.yaml,
      data: {
        dokumenttype: 'tillaeg',
        id: 'tillaeg-syntetisk-1',
        dokid: null,
        til: model.data.id,
        til_version: model.data.version,
        nummer: 1,
        kommune: model.data.kommune,
        version: '2026-10-01',
        status: 'godkendt',
        ikrafttraeden: '2027-03-01',
        formaal: 'SYNTETISK',
        aendringer: {
          felter: [{ sti: 'finansiering.aarligt_beloeb_kr', vaerdi: 1500000 }],
          afsnit: [{ titel: 'SYNTETISK', tekst: 'SYNTETISK', efter: 'Finansiering' }],
        },
        godkendelser: { regionsraad: '2026-11-10', kommunalbestyrelse: '2026-11-12' },
      },
    } as SourceDocument<'tillaeg'>;
    const amended = new Repository([...repo.documents, tillaeg]);
    const documents = [...renderedDocuments(amended), anmodning];
    expect(new Set(documents.map((d) => d.kind))).toEqual(new Set(registry.documents().map((k) => k.id)));
    for (const doc of documents) expect(unlisted(amended, templates, doc), doc.data.id).toEqual([]);
  });

  it('a case lists the documents its bilag point at, and a rendering reads them', () => {
    const sag = renderedDocuments(repo).find((d) => d.kind === 'sag' && (d as SourceDocument<'sag'>).data.bilag.some((b) => b.dokument !== undefined))!;
    const recorder = recordingRepository(repo);
    renderDocument(recorder.repo, templates, sag);
    const bilag = (sag as SourceDocument<'sag'>).data.bilag.flatMap((b) => (b.dokument ? [repo.byId(b.dokument)!.file] : []));
    expect(bilag.length).toBeGreaterThan(0);
    for (const file of bilag) {
      expect(recorder.read).toContain(file);
      expect(inputsOf(repo, templates, sag)).toContain(file);
    }
    // The template and its partials come last, after the sorted data files.
    expect(inputsOf(repo, templates, sag).slice(-templates.filesOf('sag').length)).toEqual(templates.filesOf('sag'));
  });

  it('catches a kind whose view reads a document it does not declare', () => {
    // An HSA kind whose view looks at the kommune's delingsaftale but still says it reads nothing.
    const delingOf = (r: Repository, d: SourceDocument<'hsa'>) => {
      const slug = r.kommune(d.data.kommune)?.slug;
      return slug === undefined ? undefined : r.byId(`delingsaftale-${slug}`);
    };
    const sneaky = {
      ...hsa,
      id: 'hsa-sneaky',
      view: (r: Repository, d: SourceDocument<'hsa'>) => ({ ...hsa.view(r, d), deling: delingOf(r, d)?.data.id ?? null }),
    };
    const doc = repo.ofKind('hsa').find((d) => delingOf(repo, d))!;
    expect(doc).toBeDefined();
    registry.register(sneaky);
    try {
      const relabelled = { file: doc.file, kind: 'hsa-sneaky', yaml: doc.yaml, data: doc.data } as unknown as SourceDocument;
      expect(unlisted(repo, templates, relabelled)).toHaveLength(1);
    } finally {
      registry.unregister('hsa-sneaky');
    }
  });
});
