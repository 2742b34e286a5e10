/**
 * The signed-text store: underskrift/laast-tekst renders every signed agreement on every check;
 * an agreement whose inputs (its file, the reference data, its template and partials) did not
 * change is taken from the store instead, and any change to them renders it again, so the rule
 * still sees every change. The data is SYNTETISK.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import type { MarkdownOf } from '../../scripts/check/rule.ts';
import { fingerprintOf, laastYaml } from '../../scripts/basics/fingerprint.ts';
import type { Repository } from '../../scripts/model/repository.ts';
import { signedTextRenderer } from '../../scripts/pipeline/signed-text.ts';
import { markdownRenderer } from '../../scripts/render/markdown-of.ts';
import { bilagDoc, hsa, sag } from '../check-rules/documents.ts';
import { RepoCopy } from '../helpers/repo.ts';

const SIGNED = 'agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml';
const OTHER = 'agreements/midt-og-vestsjaelland/kalundborg/hsa-kalundborg-akutsygepleje.yaml';
const signedHsa = (kommune: string) =>
  hsa({
    kommune,
    status: 'underskrevet',
    regionsraad: '2026-03-17',
    kommunalbestyrelse: '2026-03-24',
    underskrifter: { region: ['2026-03-30', '2026-03-30'], kommune: ['2026-04-02', '2026-04-02'] },
  }).content as string;

describe('the signed-text store', () => {
  const repo = new RepoCopy(['schemas', 'templates', 'agreements/reference'], 'aftaler-signed-text-');
  const store = mkdtempSync(path.join(tmpdir(), 'aftaler-signed-text-store-'));
  const rendered: string[] = [];
  /** The real renderer, counting what it renders. */
  const counting = (repository: Repository): MarkdownOf => {
    const render = markdownRenderer(repo.root)(repository);
    return (doc) => {
      rendered.push(doc.data.id);
      return render(doc);
    };
  };
  const check = async () => {
    rendered.length = 0;
    const result = await checkRepository(repo.root, { today: '2026-04-15', markdown: signedTextRenderer(repo.root, { render: counting, dir: store }) });
    await new Promise((resolve) => setImmediate(resolve)); // the store is written after the rules ran
    return { rendered: [...rendered].sort(), frozen: result.diagnostics.filter((d) => d.rule === 'underskrift/laast-tekst') };
  };

  beforeAll(async () => {
    for (const [file, kommune] of [
      [SIGNED, '316'],
      [OTHER, '326'],
    ] as const) {
      repo.write(file, signedHsa(kommune));
      // The fingerprint of the text as it renders now, as staff paste it from check's message.
      const load = await checkRepository(repo.root, { today: '2026-04-15' });
      const doc = load.repo.byId(`hsa-${kommune === '316' ? 'holbaek' : 'kalundborg'}-akutsygepleje`)!;
      const result = markdownRenderer(repo.root)(load.repo)(doc as Parameters<MarkdownOf>[0]);
      if (!('markdown' in result)) throw new Error(result.problem);
      repo.write(file, `${repo.read(file)}${laastYaml(fingerprintOf(result.markdown))}\n`);
    }
  }, 60_000);
  afterAll(() => {
    repo.remove();
    rmSync(store, { recursive: true, force: true });
  });

  it('renders each signed agreement once, then takes unchanged ones from the store', async () => {
    expect(await check()).toEqual({ rendered: ['hsa-holbaek-akutsygepleje', 'hsa-kalundborg-akutsygepleje'], frozen: [] });
    expect(await check()).toEqual({ rendered: [], frozen: [] });
  });

  it('renders again what a template change touches, and the rule sees the change', async () => {
    const template = 'templates/hsa.md.hbs';
    const before = repo.read(template);
    repo.replace(template, '## Misligholdelse', '## Misligholdelse og erstatning');
    try {
      const { rendered: again, frozen } = await check();
      expect(again).toEqual(['hsa-holbaek-akutsygepleje', 'hsa-kalundborg-akutsygepleje']);
      expect(frozen.map((d) => `${d.file} ${/ændret i ([^:]+):/.exec(d.message)?.[1] ?? d.message}`)).toEqual([
        `${SIGNED} § 14. Misligholdelse og erstatning`,
        `${OTHER} § 14. Misligholdelse og erstatning`,
      ]);
    } finally {
      repo.write(template, before);
    }
    expect(await check()).toEqual({ rendered: [], frozen: [] }); // undone: the texts from before are still in the store
  });

  it('keeps agreements apart that share every input file (one case attaches both, so each reads the other)', async () => {
    // A case listing both HSAs as bilag makes their input files the same set: the store must
    // still key each text by its own document, or the second check compares one agreement with
    // the other's text.
    repo.write(
      'agreements/midt-og-vestsjaelland/sag-test.yaml',
      sag({ underpunkter: [], bilag: [bilagDoc('hsa-holbaek-akutsygepleje'), bilagDoc('hsa-kalundborg-akutsygepleje')] }).content as string,
    );
    try {
      expect((await check()).frozen).toEqual([]);
      expect(await check()).toEqual({ rendered: [], frozen: [] });
    } finally {
      rmSync(repo.path('agreements/midt-og-vestsjaelland/sag-test.yaml'));
    }
  });

  it('renders again only the agreement whose own file changed', async () => {
    repo.replace(OTHER, 'Løbende opfølgning.', 'Kvartalsvis opfølgning.');
    const { rendered: again, frozen } = await check();
    expect(again).toEqual(['hsa-kalundborg-akutsygepleje']);
    expect(frozen.map((d) => d.file)).toEqual([OTHER]);
  });
});
