/**
 * The accessibility checker on small PDFs made with pdfkit directly: one well-tagged file, and
 * files with one defect each. The tools (qpdf, pdfinfo, pdffonts) read the files from disk.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { type AccessFinding, checkAccessibility } from '../../../scripts/tooling/pdf-access/index.ts';
import { type FixtureOptions, fixtureFolder, fixturePdf } from './fixture.ts';

const folder = fixtureFolder();
afterAll(() => folder.remove());

let count = 0;
async function check(options: FixtureOptions, markdown?: string): Promise<AccessFinding[]> {
  const file = folder.write(`f${++count}.pdf`, await fixturePdf(options));
  return checkAccessibility(file, markdown === undefined ? {} : { markdown });
}
const rules = (findings: readonly AccessFinding[]) => findings.map((f) => f.rule);

describe('checkAccessibility', () => {
  it('finds nothing in a well-tagged PDF with a pagination artifact', async () => {
    expect(await check({ paragraphs: ['Første afsnit.', 'Andet afsnit.'], artifact: 'Side 1 af 1' }, 'Første afsnit.\n\nAndet afsnit.\n')).toEqual([]);
  });

  it('reports text drawn outside marked content, with its page', async () => {
    const findings = await check({ untagged: 'Løs tekst' });
    expect(findings).toEqual([expect.objectContaining({ rule: 'pdf/marked-content', page: 1 })]);
    expect(findings[0]?.message).toMatch(/^tekst uden for mærket indhold på side 1 \(1 tekststykke, fx strøm 1 byte \d+: »\[<[0-9a-f]+.*«\): en skærmlæser/);
  });

  it('reports an MCID the parent tree does not have', async () => {
    const findings = await check({ unknownMcid: 'Forkert mærket' });
    expect(rules(findings)).toEqual(['pdf/marked-content']);
    expect(findings[0]?.message).toContain('MCID 99');
  });

  it('reports a rule drawn outside marked content', async () => {
    const findings = await check({ unmarkedRule: true });
    expect(rules(findings)).toEqual(['pdf/marked-content']);
    expect(findings[0]?.message).toMatch(/^grafik uden for mærket indhold på side 1 \(1 tegneoperation/);
  });

  it('reports an annotation outside the structure tree and without a description', async () => {
    const findings = await check({ untaggedLink: true });
    expect(rules(findings)).toEqual(['pdf/annotations', 'pdf/annotations']);
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/^en annotering på side 1: Link hører ikke til strukturtræet: /),
      expect.stringMatching(/^en annotering på side 1: Link har ingen beskrivelse \(\/Contents\): /),
    ]);
  });

  it('reports a missing pdfuaid declaration', async () => {
    expect(rules(await check({ pdfua: false }))).toEqual(['pdf/pdfua-id']);
  });

  it('reports a missing DisplayDocTitle', async () => {
    expect(rules(await check({ displayTitle: false }))).toEqual(['pdf/display-title']);
  });

  it('checks the structure text against the Markdown: right order passes, swapped paragraphs fail', async () => {
    const options = { paragraphs: ['Første afsnit om kommunen.', 'Andet afsnit om regionen.'] };
    expect(await check(options, 'Første afsnit om kommunen.\n\nAndet afsnit om regionen.\n')).toEqual([]);
    const swapped = await check(options, 'Andet afsnit om regionen.\n\nFørste afsnit om kommunen.\n');
    expect(rules(swapped)).toEqual(['pdf/structure-text']);
    expect(swapped[0]?.message).toContain('blok 2 af 2 (»Første afsnit om kommunen.«)');
  });

  it('tolerates a hyphen inserted at a line end inside a word', async () => {
    expect(await check({ paragraphs: [['Et nyt sund-', 'hedsråd.']] }, 'Et nyt sundhedsråd.\n')).toEqual([]);
  });

  it('reports a file that is not a PDF as unreadable', async () => {
    const file = folder.write('not.pdf', 'ikke en pdf');
    expect(rules(await checkAccessibility(file))).toEqual(['pdf/read']);
  });
});
