/**
 * The HSA's Hjemmel clause restates the law: the day the task moves is the reference data's
 * (frister.yaml, »ikrafttraeden«), not the agreement's own start date, which may be later (the
 * rule frist/hsa-ikrafttraeden flags that, and a region may have made it a warning).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRepository, type CheckResult } from '../../scripts/check/check-repository.ts';
import type { SourceDocument } from '../../scripts/model/source-document.ts';
import { renderDocument } from '../../scripts/render/render-document.ts';
import { loadTemplates } from '../../scripts/render/templates.ts';
import { RepoCopy } from '../helpers/repo.ts';

const HSA = 'agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml';

describe('the law’s date in an HSA that starts later', () => {
  const repo = new RepoCopy(['agreements', 'schemas', 'templates']);
  let check: CheckResult;
  beforeAll(async () => {
    repo.replace(HSA, 'ikrafttraeden: 2027-01-01', 'ikrafttraeden: 2027-02-01');
    check = await checkRepository(repo.root, { today: '2026-01-15' });
  });
  afterAll(() => repo.remove());

  it('keeps the statutory 1 January 2027 in Hjemmel and the agreement’s own 1 February 2027 in its title block', () => {
    expect(check.diagnostics.map((d) => d.rule)).toContain('frist/hsa-ikrafttraeden');
    const doc = check.repo.byId('hsa-holbaek-akutsygepleje') as SourceDocument<'hsa'>;
    const { markdown, meta } = renderDocument(check.repo, loadTemplates(repo.root), doc);
    const hjemmel = markdown.slice(markdown.indexOf('Hjemmel'), markdown.indexOf('## ', markdown.indexOf('Hjemmel')));
    expect(hjemmel).toContain('overgår ved lov fra kommunerne til regionen den 1. januar 2027');
    expect(hjemmel).not.toContain('februar');
    expect(meta.titleBlock).toContainEqual({ label: 'Ikrafttræden', value: '1. februar 2027' });
  });
});
