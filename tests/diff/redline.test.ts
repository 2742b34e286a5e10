/**
 * The redline PDF, checked with independent tools: pdftotext for the words, qpdf to read the
 * colours in the page content, pdftoppm to render the pages (as a person would look at them).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDLINE_COLORS } from '../../scripts/diff/redline-pdf.ts';
import { runDiff } from '../../scripts/diff/run.ts';
import type { DiffResult } from '../../scripts/diff/types.ts';
import { redlineFile, writeRedlines } from '../../scripts/diff/write-redlines.ts';
import { pdfText, tool } from '../helpers/pdf-tools.ts';
import { FILES, ScratchRepo } from './scratch-repo.ts';

/** »#1a5fb4« → »0.10196078431372549 0.37254901960784315 0.7058823529411765«, as pdfkit writes it. */
const pdfColour = (hex: string) => [1, 3, 5].map((i) => String(parseInt(hex.slice(i, i + 2), 16) / 255)).join(' ');

describe('the redline PDF', () => {
  let repo: ScratchRepo;
  let out: string;
  let result: DiffResult;
  let file: string;

  beforeAll(async () => {
    repo = new ScratchRepo();
    out = mkdtempSync(path.join(tmpdir(), 'aftaler-redline-'));
    repo.replace(FILES.hsaHolbaek, '  regionsraad: null', '  regionsraad: 2026-03-17');
    repo.replace(FILES.hsaHolbaek, 'akutsygeplejen af\n  ensartet høj faglig kvalitet', 'akutsygeplejen af\n  høj faglig kvalitet');
    repo.replace(FILES.hsaTemplate, '{{> frister}}', '## Voldgift\n\nUenighed om aftalen afgøres ved voldgift.\n\n{{> frister}}');
    result = await runDiff({ root: repo.root, today: '2026-01-15' });
    await writeRedlines({ ...result, changed: result.changed.filter((d) => d.id === 'hsa-holbaek-akutsygepleje') }, out);
    file = path.join(out, redlineFile('hsa-holbaek-akutsygepleje'));
  });
  afterAll(() => {
    repo.remove();
    rmSync(out, { recursive: true, force: true });
  });

  it('names both versions on every page', () => {
    const pages = Number(/Pages:\s+(\d+)/.exec(tool('pdfinfo', [file]).stdout)?.[1]);
    expect(pages).toBeGreaterThan(1);
    const heading = `Ændringer fra ${result.base.label} til arbejdskopi`;
    for (let p = 1; p <= pages; p++) {
      expect(tool('pdftotext', ['-enc', 'UTF-8', '-f', String(p), '-l', String(p), file, '-']).stdout, `side ${p}`).toContain(heading);
    }
  });

  it('shows inserted and deleted words in their place', () => {
    const text = pdfText(file);
    expect(text).toContain('Regionsrådet (ikke fastsat) 17. marts 2026'); // deleted, then inserted
    expect(text).toContain('borgerne får akutsygeplejen af ensartet høj faglig kvalitet'); // »ensartet« struck through
    expect(text).toContain('§ 18. Voldgift Uenighed om aftalen afgøres ved voldgift.');
    expect(text).toContain('§ 18 19. Frister'); // the old number struck, the new one underlined
    // As in the document: the »Bemærkning« column nobody filled in is left out.
    expect(text).toContain('Ydelse Ansvarlig');
    expect(text).not.toContain('Bemærkning');
    // The changed field as the documents word its values, not as YAML.
    expect(text).toContain('godkendelser.regionsraad (ikke fastsat) 17. marts 2026');
  });

  it('draws insertions and deletions in their own colours', () => {
    const qdf = path.join(out, 'qdf.pdf');
    tool('qpdf', ['--qdf', '--object-streams=disable', file, qdf]);
    const content = readFileSync(qdf, 'latin1');
    expect(content).toContain(`${pdfColour(REDLINE_COLORS.insert)} scn`);
    expect(content).toContain(`${pdfColour(REDLINE_COLORS.delete)} scn`);
    expect(content).toContain(`${pdfColour(REDLINE_COLORS.bar)} SCN`); // the change bar is a stroked line
  });

  it('renders as page images', () => {
    const r = tool('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', file, path.join(out, 'side')]);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(out, 'side-1.png')) || existsSync(path.join(out, 'side-01.png'))).toBe(true);
  });
});
