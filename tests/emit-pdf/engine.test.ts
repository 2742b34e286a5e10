/** Engine configuration: no network or file access, header rows repeat, beforeEnd-free path. */
import type { TDocumentDefinitions } from 'pdfmake/interfaces.js';
import { describe, expect, it } from 'vitest';
import { buildDocDefinition } from '../../scripts/emit/pdf/document.ts';
import { renderPdf } from '../../scripts/emit/pdf/render.ts';
import { parseMarkdown, SAMPLE_META } from './fixtures.ts';
import { pdfText, writeTempPdf } from './pdf-tools.ts';

describe('resource access', () => {
  it('refuses to fetch URLs', async () => {
    const def: TDocumentDefinitions = {
      content: [{ image: 'remote' }],
      images: { remote: 'https://example.invalid/logo.png' },
    };
    await expect(renderPdf(def)).rejects.toThrow(/denied/i);
  });

  it('refuses to read local files', async () => {
    const def: TDocumentDefinitions = { content: [{ image: '/etc/hostname' }] };
    await expect(renderPdf(def)).rejects.toThrow(/denied/i);
  });
});

describe('tables across pages', () => {
  it('repeats the header row on every page', async () => {
    const rows = Array.from({ length: 80 }, (_, i) => `| ${i + 1} | Ydelse ${i + 1} |`).join('\n');
    const md = `## § 1. Bilag\n\n| Løbenummer | Ydelsesbeskrivelse |\n|---:|---|\n${rows}\n`;
    const path = writeTempPdf(await renderPdf(buildDocDefinition(parseMarkdown(md), { ...SAMPLE_META, draft: false, toc: false })));
    const page2 = pdfText(path, '-f', '2', '-l', '2');
    expect(page2).toContain('Løbenummer');
    expect(page2).toContain('Ydelsesbeskrivelse');
  });
});
