/**
 * The bench's stage figures (scripts/bench/stages.ts) measure what a build makes: the Word stage
 * writes the very .docx files of a build of the same data, so its CPU per document is the cost
 * of the build's .docx.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { measureStages, type MarkdownStage, type WordStage } from '../../scripts/bench/stages.ts';
import { runInProcess } from '../helpers/in-process.ts';
import { RepoCopy } from '../helpers/repo.ts';

describe('the bench’s Markdown and Word stages', () => {
  // Not in git: the build, as the bench's stage, names no commit on the .docx's first page.
  const repo = new RepoCopy(['agreements', 'schemas', 'templates']);
  let own: string[] = [];
  let stages: { markdown: MarkdownStage; word: WordStage };

  beforeAll(async () => {
    const r = await runInProcess('build', ['--root', repo.root, '--today', '2026-01-15', '--jobs', '1', '--quiet'], { SOURCE_DATE_EPOCH: '1771891200' });
    expect(r.code, r.stdout + r.stderr).toBe(0);
    // The documents' own files; a kommune package holds byte copies of them.
    own = readdirSync(repo.path('out'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.docx') && !f.startsWith('kommuner/'));
    stages = await measureStages(repo.root);
  }, 120_000);
  afterAll(() => repo.remove());

  it('take every document the build renders', () => {
    expect(own.length).toBeGreaterThan(30);
    expect(stages.markdown.documents).toBe(own.length);
    expect(stages.word.documents).toBe(own.length);
  });

  it('make, in the Word stage, exactly the build’s .docx files: the same bytes in all', () => {
    const total = own.reduce((sum, f) => sum + statSync(path.join(repo.path('out'), f)).size, 0);
    expect(stages.word.bytesPerDocument * stages.word.documents).toBeCloseTo(total, 6);
  });

  it('report CPU and wall time per document for both passes', () => {
    for (const stage of [stages.markdown, stages.word]) {
      expect(stage.cpuPerDocumentMs).toBeGreaterThan(0);
      expect(stage.wallPerDocumentMs).toBeGreaterThan(0);
      expect(stage.firstPassCpuPerDocumentMs).toBeGreaterThan(0);
    }
  });
});
