import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkRepository, type CheckResult } from '../../scripts/check/check-repository.ts';
import type { SourceDocument } from '../../scripts/model/source-document.ts';
import { formatBillions, formatCount, formatKroner, formatNumber } from '../../scripts/basics/format.ts';
import { renderDocument } from '../../scripts/render/render-document.ts';
import { loadTemplates } from '../../scripts/render/templates.ts';
import { RepoCopy } from '../helpers/repo.ts';

const HSA = 'agreements/midt-og-vestsjaelland/holbaek/hsa-holbaek-akutsygepleje.yaml';
const DELING = 'agreements/midt-og-vestsjaelland/holbaek/delingsaftale-holbaek.yaml';

describe('negative zero never renders with a minus', () => {
  it('formats -0, and negatives that round to zero, as 0', () => {
    expect(formatKroner(-0)).toBe('0 kr.');
    expect(formatKroner(-0.4)).toBe('0 kr.');
    expect(formatNumber(-0)).toBe('0');
    expect(formatNumber(-0.001)).toBe('0');
    expect(formatBillions(-0)).toBe('0,0 mia. kr.');
    expect(formatCount(-0, 'måned', 'måneder')).toBe('0 måneder');
    // A real negative keeps its sign: only the zero case changes.
    expect(formatKroner(-1234)).toBe('-1.234 kr.');
  });

  describe('-0 and -0.0 written in YAML', () => {
    const repo = new RepoCopy(['agreements', 'schemas', 'templates']);
    let check: CheckResult;

    beforeAll(async () => {
      repo.replace(HSA, '  aarligt_beloeb_kr: null', '  aarligt_beloeb_kr: -0');
      repo.replace(
        DELING,
        '  - opgave: specialiseret-rehabilitering\n    overdragelse: drift\n    aktiver: null',
        '  - opgave: specialiseret-rehabilitering\n    overdragelse: drift\n    aktiver:\n      - beskrivelse: Bil\n        antal: -0\n        vaerdi_kr: -0.0',
      );
      check = await checkRepository(repo.root, { today: '2026-01-15' });
    });
    afterAll(() => repo.remove());

    const render = (id: string) =>
      renderDocument(check.repo, loadTemplates(repo.root), check.repo.byId(id) as SourceDocument<'hsa' | 'delingsaftale'>).markdown;

    it('pass the check and reach the renderer as negative zero', () => {
      expect(check.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const hsa = check.repo.byId('hsa-holbaek-akutsygepleje') as SourceDocument<'hsa'>;
      expect(Object.is(hsa.data.finansiering.aarligt_beloeb_kr, -0)).toBe(true);
    });

    it('render as »0 kr.« in the Markdown', () => {
      const hsa = render('hsa-holbaek-akutsygepleje');
      expect(hsa).toContain('Årligt beløb: 0 kr.');
      expect(hsa).not.toMatch(/-0/);
      const deling = render('delingsaftale-holbaek');
      expect(deling).toMatch(/^\| [^|]+ \| Bil \| 0 \| 0 kr\. \|/m);
      expect(deling).not.toMatch(/-0 kr/);
    });
  });
});
