/**
 * The job summary's Markdown (report-summary.ts) on its own: GitHub refuses a step summary over
 * 1 MiB and then shows nothing, so a huge report stops in time with »… og N flere fund«; and a
 * message is text, not Markdown, wherever it comes from.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../scripts/diagnostics/diagnostic.ts';
import { reportSummary, SUMMARY_BYTES } from '../../scripts/diagnostics/report-summary.ts';
import { SourceStore } from '../../scripts/diagnostics/sources.ts';

const RUN = { files: 0, documents: [] };

function many(files: number, perFile: number): { diagnostics: Diagnostic[]; sources: SourceStore } {
  const sources = new SourceStore();
  const diagnostics: Diagnostic[] = [];
  for (let f = 0; f < files; f++) {
    const file = `agreements/a/hsa-${String(f).padStart(5, '0')}.yaml`;
    sources.addText(file, 'x\n'.repeat(perFile));
    for (let i = 0; i < perFile; i++)
      diagnostics.push({
        rule: 'forsinket/hsa-godkendelse',
        severity: 'warning',
        file,
        message: 'Fristen er overskredet '.repeat(8),
        span: { start: 2 * i, end: 2 * i + 1 },
      });
  }
  return { diagnostics, sources };
}

describe('the job summary', () => {
  it('stays under GitHub’s 1 MiB per step, counting what it leaves out', () => {
    expect(SUMMARY_BYTES).toBeLessThan(1024 * 1024);
    const { diagnostics, sources } = many(2000, 10);
    const md = reportSummary(diagnostics, sources, RUN);
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(SUMMARY_BYTES);
    const items = [...md.matchAll(/^- `/gm)].length;
    expect(items).toBeGreaterThan(1000);
    expect(md).toMatch(new RegExp(`\\n… og ${diagnostics.length - items} flere fund; hele listen giver \`npm run check\`\\.\\n$`));
  });

  it('caps a rule in a file at 20, like the other reports, and fits a small budget exactly', () => {
    const { diagnostics, sources } = many(3, 30);
    const md = reportSummary(diagnostics, sources, RUN);
    expect(md).toContain('`agreements/a/hsa-00000.yaml:21:1` advarsel `forsinket/hsa-godkendelse` … og 10 flere');
    expect(md).not.toContain('flere fund');
    const small = reportSummary(diagnostics, sources, RUN, { maxBytes: 4000 });
    expect(Buffer.byteLength(small)).toBeLessThanOrEqual(4000);
    expect(small).toMatch(/… og \d+ flere fund/);
  });

  it('escapes Markdown and HTML in messages and keeps each finding on one line', () => {
    const sources = new SourceStore();
    const file = 'agreements/a/`odd`_name.yaml';
    sources.addText(file, 'x\n');
    const message = 'Se <script>alert(1)</script> *fed* _kursiv_ [link](https://x) | tabel #12 @kommune\nny linje';
    const md = reportSummary([{ rule: 'skema/type', severity: 'error', file, message, span: { start: 0, end: 1 } }], sources, RUN);
    expect(md).toContain('- ``agreements/a/`odd`_name.yaml:1:1`` fejl `skema/type` ');
    expect(md).toContain(
      'Se \\<script\\>alert\\(1\\)\\</script\\> \\*fed\\* \\_kursiv\\_ \\[link\\]\\(https://x\\) \\| tabel \\#<!-- -->12 @<!-- -->kommune ny linje',
    );
    expect(md).not.toContain('<script>');
  });
});
