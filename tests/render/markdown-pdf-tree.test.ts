/**
 * The PDF is made from the rendered syntax tree, compacted (scripts/render/compact-tree.ts),
 * not from parsing the .md file again; both must be the same tree. Checked on every document
 * of the real data here, and on arbitrary field values in tests/hardening/properties.test.ts.
 */
import type { Root } from 'mdast';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkRepository } from '../../scripts/check/check-repository.ts';
import { renderedDocuments } from '../../scripts/kinds/index.ts';
import type { Repository } from '../../scripts/model/repository.ts';
import { compactTree } from '../../scripts/render/compact-tree.ts';
import { renderDocument, type RenderedDocument } from '../../scripts/render/render-document.ts';
import { loadTemplates, type TemplateSet } from '../../scripts/render/templates.ts';
import { REPO_ROOT } from '../helpers/repo.ts';
import { reparsedBody } from '../helpers/markdown.ts';

describe('the PDF body is the tree of the Markdown file', () => {
  let repo: Repository;
  let templates: TemplateSet;
  beforeAll(async () => {
    repo = (await checkRepository(REPO_ROOT, { today: '2026-01-15' })).repo;
    templates = loadTemplates(REPO_ROOT);
  });

  it('for every document of the real data', () => {
    const documents = renderedDocuments(repo);
    expect(documents).toHaveLength(33);
    for (const doc of documents) {
      const rendered: RenderedDocument = renderDocument(repo, templates, doc);
      expect(rendered.body, doc.data.id).toEqual(reparsedBody(rendered.markdown));
    }
  });

  it('joins adjacent text and drops positions, nothing else', () => {
    const tree: Root = {
      type: 'root',
      position: { start: { line: 1, column: 1 }, end: { line: 2, column: 1 } },
      children: [
        {
          type: 'heading',
          depth: 2,
          children: [
            { type: 'text', value: '§ 1. ' },
            { type: 'text', value: 'Parter' },
          ],
        },
        {
          type: 'paragraph',
          children: [
            { type: 'text', value: 'a' },
            { type: 'strong', children: [{ type: 'text', value: 'b' }] },
            { type: 'text', value: 'c' },
            { type: 'text', value: 'd' },
          ],
        },
      ],
    };
    expect(compactTree(tree)).toEqual({
      type: 'root',
      children: [
        { type: 'heading', depth: 2, children: [{ type: 'text', value: '§ 1. Parter' }] },
        {
          type: 'paragraph',
          children: [
            { type: 'text', value: 'a' },
            { type: 'strong', children: [{ type: 'text', value: 'b' }] },
            { type: 'text', value: 'cd' },
          ],
        },
      ],
    });
    expect(tree.children[0]).toMatchObject({ children: [{ value: '§ 1. ' }, { value: 'Parter' }] }); // input untouched
  });
});
