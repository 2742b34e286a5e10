/**
 * The council case EMN-2025-10366 renders as its source says, character for character: the
 * quoted passages (resumé, indstilling, sagsfremstilling), the bilag list with its registered
 * titles and DokIDs, and nothing the source does not state (no year it does not write, no »Ingen.«
 * where it lists nothing, no »(ikke fastsat)« for a meeting date it does not give).
 *
 * The fixtures in tests/fixtures/seed-003/ are copied from the case's text; only whitespace
 * (line wrapping, page breaks, stray spaces of the text extraction) is normalised before comparing.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Nodes, Root, RootContent } from 'mdast';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import type { SourceDocument } from '../../scripts/model/source-document.ts';
import { renderDocument, type RenderedDocument } from '../../scripts/render/render-document.ts';
import { loadTemplates } from '../../scripts/render/templates.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

const ID = 'sag-emn-2025-10366';

/** A fixture's text without its »#« header lines. */
function fixture(name: string): string {
  return readFileSync(path.join(REPO_ROOT, 'tests/fixtures/seed-003', name), 'utf8')
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .join('\n');
}

/** Whitespace of any kind and length becomes one space; nothing else changes. */
const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

/** What a reader sees of a node: its text, line breaks as spaces, list items with their numbers. */
function plain(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'break') return '\n';
  if (node.type === 'list') {
    const start = node.start ?? 1;
    return node.children.map((item, i) => `${node.ordered ? `${start + i}. ` : '- '}${plain(item)}`).join('\n');
  }
  if ('children' in node) return (node.children as Nodes[]).map(plain).join(node.type === 'paragraph' || node.type === 'heading' ? '' : '\n');
  return '';
}

/** The blocks under a level-2 heading, up to the next level-2 heading. */
function section(body: Root, title: string): RootContent[] {
  const start = body.children.findIndex((n) => n.type === 'heading' && n.depth === 2 && plain(n) === title);
  expect(start, `section »${title}«`).toBeGreaterThanOrEqual(0);
  const end = body.children.findIndex((n, i) => i > start && n.type === 'heading' && n.depth === 2);
  return body.children.slice(start + 1, end === -1 ? undefined : end);
}

const sectionText = (body: Root, title: string) => section(body, title).map(plain).join('\n');

let rendered: RenderedDocument;

beforeAll(async () => {
  const { repo } = await checkRepository(REPO_ROOT, { today: '2026-01-15' });
  rendered = renderDocument(repo, loadTemplates(REPO_ROOT), repo.byId(ID) as SourceDocument<'sag'>);
});

describe('case EMN-2025-10366 against its source', () => {
  it.each([
    ['Resumé', 'resume.txt'],
    ['Indstilling', 'indstilling.txt'],
    ['Sagsfremstilling', 'sagsfremstilling.txt'],
    ['Økonomi', 'oekonomi.txt'],
  ])('quotes the section »%s« as the source writes it', (title, file) => {
    expect(normalise(sectionText(rendered.body, title))).toBe(normalise(fixture(file)));
  });

  it('lists the 25 bilag under their registered titles, numbers and DokIDs, as the source does', () => {
    const source = fixture('bilag.txt')
      .split('\n')
      .filter((l) => l.trim());
    expect(source).toHaveLength(25);
    const list = section(rendered.body, 'Bilag').find((n) => n.type === 'list');
    expect(list?.type).toBe('list');
    expect(plain(list!).split('\n')).toEqual(source);
  });

  it('writes the dates of the further process as the source does, without a year it does not state', () => {
    const source = fixture('videre-proces.txt')
      .split('\n')
      .map((l) => l.trim().replace(/\.$/, ''))
      .filter(Boolean);
    const ours = section(rendered.body, 'Videre politisk proces').flatMap((n) => (n.type === 'list' ? n.children.map(plain) : []));
    expect(ours).toEqual(source);
  });

  it('claims nothing the source does not state', () => {
    // The source's »Tidligere beslutninger:« is followed by a bare ».«: not stated, not »none«.
    expect(normalise(sectionText(rendered.body, 'Tidligere beslutninger'))).toBe('Ikke angivet i sagen.');
    // The source gives no meeting date for the sundhedsråd itself.
    const moede = rendered.meta.titleBlock.find((row) => row.label === 'Møde')!;
    expect(moede.value).toBe('Forberedende Sundhedsråd Midt- og Vestsjælland (mødedato ikke angivet i sagen)');
    expect(rendered.markdown).not.toContain('(ikke fastsat)');
    expect(rendered.markdown).not.toContain('Ingen.');
    expect(rendered.markdown).not.toContain('17. marts 2026');
  });

  it('carries the case’s identifiers in its header', () => {
    const rows = Object.fromEntries(rendered.meta.titleBlock.map((row) => [row.label, row.value]));
    expect(rows).toMatchObject({ 'Sags ID': 'EMN-2025-10366', 'Dok ID': '12694454', Punkt: '3 (Åben)', Sundhedsråd: 'Sundhedsråd Midt- og Vestsjælland' });
    expect(rendered.meta.title).toBe('Punkt 3: Opgaveflyt mellem kommuner og region');
  });
});
