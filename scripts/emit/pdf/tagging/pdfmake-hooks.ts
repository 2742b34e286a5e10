/**
 * Marks what pdfmake draws with the structure element it belongs to (issue 17).
 *
 * pdfmake 0.3 passes `tagged` through to pdfkit but draws untagged: its layout turns nodes into
 * lines and vectors, and its renderer writes them without marked content. So, once per thread,
 * a few of its members are wrapped (pdfmake is pinned exactly in package.json):
 *
 * Layout (synchronous, one document at a time):
 *  - LayoutBuilder#layoutDocument: the content's root element (tag-definition.ts) starts the
 *    stack of enclosing elements;
 *  - LayoutBuilder#processNode: a node with a `_tag` is the innermost element while it is laid out;
 *  - ElementWriter#addLine: each line remembers that element (`_tag`); a list's number or bullet
 *    line, which pdfmake adds while the item's first line is added, gets the item's `Lbl`;
 *  - LayoutBuilder#processList, #processToc: the number lines and the contents rows pdfmake makes
 *    itself get their elements (`Lbl`; `TOCI` > `Link`);
 *  - LayoutBuilder#addDynamicRepeatable (running header and footer) and
 *    PageElementWriter#moveToNextPage (a table's header row repeated on the next page): what
 *    they add is an artifact, not content.
 * Rendering:
 *  - Renderer#renderLine: the line is drawn inside a marked-content sequence of its element
 *    (`/P <</MCID n>> BDC … EMC`), a link's words inside one of their own `Link` element, whose
 *    annotation is tied to it; an artifact line inside `/Artifact BDC … EMC`;
 *  - Renderer#renderVector, #renderImage, #renderSVG: table rules, frames and fills are artifacts.
 *
 * If a member is missing, nothing is wrapped, one warning is printed, and the PDFs come out
 * untagged, as before; tests/emit-pdf/tagging.test.ts fails then, so an upgrade cannot drop the
 * tagging unnoticed.
 */
import { pdfmakePrototypes } from '../pdfmake-internals.ts';
import type { TaggedContent, TaggedNode } from './tag-definition.ts';
import type { StructTag } from './struct-tag.ts';

/** The parts of a pdfmake line used here. */
interface Line {
  inlines: Array<{ _lblTag?: StructTag; text?: string }>;
  _tag?: StructTag;
  /** Drawn as an artifact: running header or footer, repeated table header. */
  _artifact?: true;
}
interface PageItem {
  type: string;
  item: Line;
}
interface Page {
  items: PageItem[];
}
interface WriterContext {
  page: number;
  pages: Page[];
}
interface ListNode extends TaggedNode {
  listMarker?: { _inlines?: Array<{ _lblTag?: StructTag }> };
}
interface TocNode extends TaggedNode {
  toc?: { title?: unknown; _table?: { table: { body: TaggedNode[][] } }; _items?: Array<{ _textNodeRef?: { text?: unknown } }> };
}

/** The parts of pdfkit's document written to here (@types/pdfkit does not describe them). */
export interface TaggingDoc {
  page: { dictionary: unknown; structParentTreeKey: number; annotations: unknown[] };
  addContent(operators: string): unknown;
  getStructParentTree(): { get(key: number): unknown[] };
  createStructParentTreeNextKey(): number;
  // Properties, not methods: they are replaced per document while it is drawn.
  text: (this: TaggingDoc, text: string, x?: number, y?: number, options?: { link?: string | null; goTo?: string | null }) => unknown;
  annotate: (this: TaggingDoc, x: number, y: number, w: number, h: number, options: Record<string, unknown>) => unknown;
}

type Fn = (this: unknown, ...args: never[]) => unknown;

interface Prototypes {
  layout: Record<'layoutDocument' | 'processNode' | 'processList' | 'processToc' | 'addDynamicRepeatable', Fn>;
  elementWriter: Record<'addLine', Fn>;
  pageWriter: Record<'moveToNextPage', Fn>;
  renderer: Record<'renderPages' | 'renderLine' | 'renderVector' | 'renderImage' | 'renderSVG', Fn>;
}

function findPrototypes(): Prototypes | string {
  const found = pdfmakePrototypes({
    layout: ['LayoutBuilder', ['layoutDocument', 'processNode', 'processList', 'processToc', 'addDynamicRepeatable']],
    elementWriter: ['ElementWriter', ['addLine']],
    pageWriter: ['PageElementWriter', ['moveToNextPage']],
    renderer: ['Renderer', ['renderPages', 'renderLine', 'renderVector', 'renderImage', 'renderSVG']],
  });
  return found as unknown as Prototypes | string;
}

// Layout state. pdfmake lays a document out synchronously, start to end, so one thread lays out
// one document at a time and module state is safe.
const enclosing: Array<StructTag | undefined> = [];
let artifactDepth = 0;

function currentTag(): StructTag | undefined {
  for (let i = enclosing.length - 1; i >= 0; i--) if (enclosing[i] !== undefined) return enclosing[i];
  return undefined;
}

/** Drawing state of the document being rendered (synchronous too: Renderer#renderPages). */
interface Drawing {
  doc: TaggingDoc;
  /** The element whose marked-content sequence is open, if any. */
  open: StructTag | undefined;
}
let drawing: Drawing | undefined;

const ARTIFACT_BEGIN = '/Artifact BMC';
const PAGINATION_BEGIN = '/Artifact <</Type /Pagination>> BDC';

/** Opens a marked-content sequence for `tag` on the current page and records it in the tag. */
function openContent(state: Drawing, tag: StructTag): void {
  const { doc } = state;
  const key = doc.page.structParentTreeKey;
  const parents = doc.getStructParentTree().get(key);
  const mcid = parents.length;
  parents.push(null);
  doc.addContent(`/${tag.role} <</MCID ${mcid}>> BDC`);
  tag.kids.push({ kind: 'mcid', page: doc.page.dictionary, mcid, parents });
  state.open = tag;
}

function closeContent(state: Drawing): void {
  if (state.open === undefined) return;
  state.doc.addContent('EMC');
  state.open = undefined;
}

/** The Link element for a run of words linking to `url` in `within`: a new one unless the last kid already is. */
function linkTag(within: StructTag, url: string): StructTag {
  const last = within.kids.at(-1);
  if (last !== undefined && 'role' in last && last.role === 'Link' && last.contents === url) return last;
  const tag = within.child('Link');
  tag.contents = url;
  return tag;
}

/** Draws `draw` as an artifact. */
function asArtifact(doc: TaggingDoc, begin: string, draw: () => unknown): unknown {
  doc.addContent(begin);
  try {
    return draw();
  } finally {
    doc.addContent('EMC');
  }
}

let installed: boolean | undefined;

/** Wraps pdfmake's layout and rendering once per thread; whether documents can be tagged. */
export function installTagging(): boolean {
  if (installed !== undefined) return installed;
  const found = findPrototypes();
  if (typeof found === 'string') {
    process.emitWarning(`PDF-filerne bliver ikke tilgængelige (uden struktur), fordi pdfmake ikke har den forventede form (${found})`);
    installed = false;
    return false;
  }
  const { layout, elementWriter, pageWriter, renderer } = found;
  const original = {
    layoutDocument: layout.layoutDocument,
    processNode: layout.processNode,
    processList: layout.processList,
    processToc: layout.processToc,
    addDynamicRepeatable: layout.addDynamicRepeatable,
    addLine: elementWriter.addLine,
    moveToNextPage: pageWriter.moveToNextPage,
    renderPages: renderer.renderPages,
    renderLine: renderer.renderLine,
    renderVector: renderer.renderVector,
    renderImage: renderer.renderImage,
    renderSVG: renderer.renderSVG,
  } as unknown as Record<string, (this: unknown, ...args: unknown[]) => unknown>;
  const call = (name: string, self: unknown, args: unknown[]): unknown => original[name]!.apply(self, args);

  layout.layoutDocument = function (this: unknown, ...args: unknown[]) {
    enclosing.length = 0;
    artifactDepth = 0;
    enclosing.push((args[0] as TaggedContent | undefined)?._structRoot);
    try {
      return call('layoutDocument', this, args);
    } finally {
      enclosing.length = 0;
    }
  };

  layout.processNode = function (this: unknown, ...args: unknown[]) {
    enclosing.push((args[0] as TaggedNode)._tag);
    try {
      return call('processNode', this, args);
    } finally {
      enclosing.pop();
    }
  };

  layout.processList = function (this: unknown, ...args: unknown[]) {
    const node = args[1] as TaggedNode;
    for (const item of (node.ol ?? node.ul ?? []) as ListNode[]) {
      const marker = item.listMarker?._inlines?.[0];
      if (marker && item._lblTag) marker._lblTag = item._lblTag;
    }
    return call('processList', this, args);
  };

  layout.processToc = function (this: unknown, ...args: unknown[]) {
    const node = args[0] as TocNode;
    const toc = node._tocTag;
    const rows = node.toc?._table?.table.body ?? [];
    if (toc) {
      rows.forEach((row, i) => {
        // Both cells (title, page number) are one link to the clause.
        const link = toc.childFor(String(i), 'TOCI').childFor('link', 'Link');
        const title = row[0]?.text;
        if (typeof title === 'string') link.contents = `Gå til ${title}`;
        for (const cell of row) cell._tag = link;
      });
    }
    return call('processToc', this, args);
  };

  layout.addDynamicRepeatable = function (this: unknown, ...args: unknown[]) {
    artifactDepth++;
    try {
      return call('addDynamicRepeatable', this, args);
    } finally {
      artifactDepth--;
    }
  };

  elementWriter.addLine = function (this: unknown, ...args: unknown[]) {
    const line = args[0] as Line;
    if (artifactDepth > 0) line._artifact = true;
    else if (line._tag === undefined) line._tag = line.inlines[0]?._lblTag ?? currentTag();
    return call('addLine', this, args);
  };

  pageWriter.moveToNextPage = function (this: { context(): WriterContext }, ...args: unknown[]) {
    const before = this.context();
    const lengths = before.pages.map((page) => page.items.length);
    const result = call('moveToNextPage', this, args);
    // Whatever moving to the page put on it is a repeated table header: an artifact there.
    const context = this.context();
    const page = context.pages[context.page];
    if (page) {
      for (const entry of page.items.slice(lengths[context.page] ?? 0)) {
        // pdfmake put a copy of the header line there (ElementWriter#addFragment clones lines).
        if (entry.type === 'line') entry.item._artifact = true;
      }
    }
    return result;
  } as Fn;

  renderer.renderPages = function (this: { pdfDocument: TaggingDoc }, ...args: unknown[]) {
    const doc = this.pdfDocument;
    const state: Drawing = { doc, open: undefined };
    const text = doc.text;
    const annotate = doc.annotate;
    // Per document: a link's words go into their own Link element, and its annotation with them.
    doc.text = function (this: TaggingDoc, value, x, y, options) {
      const lineTag = drawing?.open === undefined ? undefined : (lineOf.get(drawing.open) ?? drawing.open);
      if (drawing && lineTag) {
        const want = typeof options?.link === 'string' ? linkTag(lineTag, options.link) : lineTag;
        if (want !== drawing.open) {
          closeContent(drawing);
          openContent(drawing, want);
          if (want !== lineTag) lineOf.set(want, lineTag);
        }
      }
      return text.call(this, value, x, y, options);
    };
    doc.annotate = function (this: TaggingDoc, x, y, w, h, options) {
      const open = drawing?.open;
      if (open?.role !== 'Link' || options.Subtype !== 'Link') return annotate.call(this, x, y, w, h, options);
      const key = this.createStructParentTreeNextKey();
      const result = annotate.call(this, x, y, w, h, { ...options, StructParent: key, Contents: new String(open.contents ?? '') });
      open.kids.push({ kind: 'annotation', annotation: this.page.annotations.at(-1), page: this.page.dictionary, key });
      return result;
    };
    drawing = state;
    try {
      return call('renderPages', this, args);
    } finally {
      drawing = undefined;
      doc.text = text;
      doc.annotate = annotate;
    }
  } as Fn;

  renderer.renderLine = function (this: { pdfDocument: TaggingDoc }, ...args: unknown[]) {
    const line = args[0] as Line;
    const state = drawing;
    if (!state) return call('renderLine', this, args);
    if (line._artifact) return asArtifact(this.pdfDocument, PAGINATION_BEGIN, () => call('renderLine', this, args));
    // Content always has an element (at least the root, from layoutDocument). A line without one
    // is drawn unmarked rather than hidden as an artifact, so the accessibility check reports it.
    if (line._tag === undefined) return call('renderLine', this, args);
    // Opened before pdfmake draws, so a line's background (inline code) is inside it too.
    openContent(state, line._tag);
    try {
      return call('renderLine', this, args);
    } finally {
      closeContent(state);
    }
  } as Fn;

  for (const name of ['renderVector', 'renderImage', 'renderSVG'] as const) {
    renderer[name] = function (this: { pdfDocument: TaggingDoc }, ...args: unknown[]) {
      if (!drawing) return call(name, this, args);
      return asArtifact(this.pdfDocument, ARTIFACT_BEGIN, () => call(name, this, args));
    } as Fn;
  }

  installed = true;
  return true;
}

/** For a Link element opened inside a line: the line's own element, to return to after the link. */
const lineOf = new WeakMap<StructTag, StructTag>();

/** Draws `draw` (the watermark) as a pagination artifact when the document is being tagged. */
export function drawArtifact(doc: TaggingDoc, draw: () => void): void {
  if (!drawing) draw();
  else asArtifact(doc, '/Artifact <</Type /Pagination /Subtype /Watermark>> BDC', draw);
}
