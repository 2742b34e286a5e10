/**
 * The structure tree (tagged PDF, PDF 32000 14.7) of a PDF assembled from finished ones (see
 * pdf-assembly.ts). Copying pages leaves the members' structure behind; it is carried over here:
 *
 *   StructTreeRoot
 *   └ Document
 *     ├ Part /T (Indhold)       the first appended PDF's top-level elements
 *     ├ Part /T (member title)  the next one's
 *     └ …
 *
 * Each source's Document element is not copied itself: its children go under the source's Part
 * (any other top-level element goes there as it is). Every copied element's /Pg, marked-content
 * reference and object reference points at the copied page or annotation; the parent tree is
 * made anew from the copied elements (not read from the source), with fresh keys for the copied
 * pages (/StructParents) and annotations (/StructParent). An object reference to an annotation
 * that was not copied (a member's own signature field) is left out, and so is an element that
 * held nothing else.
 *
 * One walk over each source's tree; the combined tree's state lives in the target's catalogue,
 * so each appended PDF adds to it where the previous one stopped.
 */
import {
  PDFArray,
  PDFDict,
  PDFName,
  PDFNull,
  PDFNumber,
  PDFRef,
  PDFString,
  PDFHexString,
  type PDFDocument,
  type PDFObject,
  type PDFObjectCopier,
} from 'pdf-lib';

const name = (key: string) => PDFName.of(key);

const STRUCT_TREE_ROOT = name('StructTreeRoot');
const PARENT_TREE = name('ParentTree');
const NEXT_KEY = name('ParentTreeNextKey');
const STRUCT_PARENTS = name('StructParents');
const STRUCT_PARENT = name('StructParent');
const TYPE = name('Type');
const K = name('K');
const P = name('P');
const PG = name('Pg');
const S = name('S');
const MCID = name('MCID');
const OBJ = name('Obj');

/**
 * A text string (/T, /Alt): in PDFDocEncoding when it is Latin-1 text that needs no escape
 * (Danish titles are; every reader shows them), else UTF-16 with a byte-order mark.
 */
function textString(value: string): PDFString | PDFHexString {
  return /^[\x20-\x27\x2a-\x5b\x5d-\x7e\xa1-\xac\xae-\xff]*$/.test(value) ? PDFString.of(value) : PDFHexString.fromText(value);
}

/** The combined tree as kept in the target's catalogue. */
interface Tree {
  root: PDFDict;
  /** The one top-level element, a Document. */
  document: PDFRef;
  /** Its children: one Part per appended PDF. */
  parts: PDFArray;
  /** The parent tree's flat /Nums array: key, value, key, value… */
  nums: PDFArray;
}

/** What one appended PDF's pages were copied to; index i of each list is the source's page i. */
export interface CopiedPages {
  /** The source's page references. */
  from: readonly PDFRef[];
  /** The copied pages' references and dictionaries, in the target. */
  to: readonly PDFRef[];
  nodes: readonly PDFDict[];
}

/** Per assembled document, the Part of each of its pages (index: page number from 0). */
const pagePart = new WeakMap<PDFDocument, PDFRef[]>();

/** The target's structure tree root, Document element and parent tree, made on first use. */
function treeOf(target: PDFDocument): Tree {
  const context = target.context;
  let root = target.catalog.lookupMaybe(STRUCT_TREE_ROOT, PDFDict);
  if (!root) {
    const rootRef = context.nextRef();
    const document = context.nextRef();
    context.assign(document, context.obj({ Type: 'StructElem', S: 'Document', P: rootRef, K: [] }));
    root = context.obj({ Type: 'StructTreeRoot', K: document, ParentTree: context.register(context.obj({ Nums: [] })), ParentTreeNextKey: 0 });
    context.assign(rootRef, root);
    target.catalog.set(STRUCT_TREE_ROOT, rootRef);
    target.catalog.set(name('MarkInfo'), context.obj({ Marked: true }));
  }
  const document = root.get(K);
  if (!(document instanceof PDFRef)) throw new Error('strukturtræet har ikke ét Document-element øverst');
  return {
    root,
    document,
    parts: context.lookup(document, PDFDict).lookup(K, PDFArray),
    nums: root.lookup(PARENT_TREE, PDFDict).lookup(name('Nums'), PDFArray),
  };
}

/** A structure type, through the source's role map (one step: what a custom type stands for). */
function standardType(type: PDFObject | undefined, roleMap: PDFDict | undefined): PDFName | undefined {
  if (!(type instanceof PDFName)) return undefined;
  const mapped = roleMap?.get(type);
  return mapped instanceof PDFName ? mapped : type;
}

/** Entries of `from` the map `into` lacks, copied (the role and class maps of several sources). */
function mergeMap(into: PDFDict, from: PDFDict | undefined, copier: PDFObjectCopier): void {
  for (const [key, value] of from?.entries() ?? []) if (!into.has(key)) into.set(key, copier.copy(value));
}

function items(value: PDFObject | undefined): PDFObject[] {
  if (value === undefined) return [];
  return value instanceof PDFArray ? value.asArray() : [value];
}

/**
 * Adds the structure of one appended PDF to the target's tree, as a Part titled `title`, and
 * gives the copied pages and annotations their parent-tree keys. A source without a structure
 * tree gets an empty Part, and its pages and annotations no keys.
 */
export function appendStructure(target: PDFDocument, source: PDFDocument, copier: PDFObjectCopier, pages: CopiedPages, title: string): void {
  const context = target.context;
  const tree = treeOf(target);
  const sourceRoot = source.catalog.lookupMaybe(STRUCT_TREE_ROOT, PDFDict);

  // Source page → its index; source annotation → its copy (only those still on a copied page).
  const pageIndex = new Map<PDFRef, number>();
  pages.from.forEach((ref, i) => pageIndex.set(ref, i));
  const annotCopy = new Map<PDFRef, PDFRef>();
  pages.from.forEach((ref, i) => {
    const before = source.context.lookup(ref, PDFDict).lookupMaybe(name('Annots'), PDFArray);
    const after = pages.nodes[i]!.lookupMaybe(name('Annots'), PDFArray);
    for (let j = 0; before && after && j < before.size(); j++) {
      const from = before.get(j);
      const to = after.get(j);
      if (from instanceof PDFRef && to instanceof PDFRef) annotCopy.set(from, to);
    }
  });

  // Filled by the walk: per copied page, MCID → element; per copied annotation, its element.
  const marked: (PDFRef | undefined)[][] = pages.from.map(() => []);
  const annotElement = new Map<PDFRef, PDFRef>();

  const part = context.nextRef();
  const partDict = context.obj({ Type: 'StructElem', S: 'Part', P: tree.document, T: textString(title) });
  const lang = source.catalog.get(name('Lang'));
  if (lang instanceof PDFString || lang instanceof PDFHexString) partDict.set(name('Lang'), lang);

  if (sourceRoot) {
    const roleMap = sourceRoot.lookupMaybe(name('RoleMap'), PDFDict);
    const copied = new Map<PDFDict, PDFRef>();
    const pageOf = (dict: PDFDict, inherited: number | undefined): number | undefined => {
      const pg = dict.get(PG);
      return pg instanceof PDFRef ? pageIndex.get(pg) : inherited;
    };

    /**
     * The content items of a copied element (`owner`, on page `ownPage`), from the source's K
     * items: MCIDs (a bare number when on the owner's own page, else a marked-content reference),
     * object references to copied annotations, copied child elements.
     */
    const contentItems = (sourceItems: readonly PDFObject[], owner: PDFRef, ownPage: number | undefined, inherited: number | undefined) => {
      const out: PDFObject[] = [];
      let dropped = false;
      const markedContent = (mcid: number, page: number | undefined, extra?: PDFDict) => {
        if (page === undefined) {
          dropped = true;
          return;
        }
        if (!extra) marked[page]![mcid] = owner;
        if (page === ownPage && !extra) out.push(PDFNumber.of(mcid));
        else {
          const mcr = context.obj({ Type: 'MCR', Pg: pages.to[page]!, MCID: mcid });
          const stream = extra?.get(name('Stm'));
          // Content of a form XObject: its MCIDs belong to the XObject's own parent-tree entry.
          if (stream) mcr.set(name('Stm'), copier.copy(stream));
          out.push(mcr);
        }
      };
      for (const raw of sourceItems) {
        const item = raw instanceof PDFRef ? source.context.lookup(raw) : raw;
        if (item instanceof PDFNumber) markedContent(item.asNumber(), inherited);
        else if (!(item instanceof PDFDict)) dropped = true;
        else if (item.get(TYPE) === name('MCR')) {
          const mcid = item.get(MCID);
          if (mcid instanceof PDFNumber) markedContent(mcid.asNumber(), pageOf(item, inherited), item.has(name('Stm')) ? item : undefined);
          else dropped = true;
        } else if (item.get(TYPE) === name('OBJR')) {
          const annot = item.get(OBJ);
          const copy = annot instanceof PDFRef ? annotCopy.get(annot) : undefined;
          const page = pageOf(item, inherited);
          if (!copy) {
            dropped = true;
            continue;
          }
          annotElement.set(copy, owner);
          out.push(context.obj({ Type: 'OBJR', Obj: copy, ...(page === undefined ? {} : { Pg: pages.to[page]! }) }));
        } else {
          const child = element(item, owner, inherited);
          if (child) out.push(child);
          else dropped = true;
        }
      }
      return { out, dropped };
    };

    /** A copy of a source element under `parent`, or undefined when nothing of it was kept. */
    const element = (from: PDFDict, parent: PDFRef, inherited: number | undefined): PDFRef | undefined => {
      if (copied.has(from)) return undefined; // a cycle or a second reference: kept once
      const ref = context.nextRef();
      copied.set(from, ref);
      const page = pageOf(from, inherited);
      const ownPage = from.get(PG) instanceof PDFRef ? page : undefined;
      const dict = context.obj({});
      for (const [key, value] of from.entries()) {
        if (key === P || key === K) continue;
        if (key === PG) {
          if (ownPage !== undefined) dict.set(PG, pages.to[ownPage]!);
        } else dict.set(key, copier.copy(value));
      }
      dict.set(P, parent);
      const kids = items(from.get(K));
      const { out, dropped } = contentItems(kids, ref, ownPage, page);
      // An element whose every item was left out (the Form of a dropped signature field) goes too.
      if (dropped && out.length === 0) return undefined;
      if (kids.length > 0) dict.set(K, context.obj(out));
      context.assign(ref, dict);
      return ref;
    };

    // The source's Document element(s) give their items to the Part; other top-level elements go in whole.
    const top: PDFObject[] = [];
    for (const raw of items(sourceRoot.get(K))) {
      const item = raw instanceof PDFRef ? source.context.lookup(raw) : raw;
      if (item instanceof PDFDict && standardType(item.get(S), roleMap) === name('Document')) {
        const page = pageOf(item, undefined);
        // Items of the Document element itself that are not elements keep its page through an MCR.
        for (const kid of items(item.get(K))) {
          const resolved = kid instanceof PDFRef ? source.context.lookup(kid) : kid;
          top.push(resolved instanceof PDFNumber && page !== undefined ? context.obj({ Type: 'MCR', Pg: pages.from[page]!, MCID: resolved }) : kid);
        }
      } else top.push(raw);
    }
    partDict.set(K, context.obj(contentItems(top, part, undefined, undefined).out));

    const targetRoleMap = tree.root.lookupMaybe(name('RoleMap'), PDFDict) ?? context.obj({});
    mergeMap(targetRoleMap, roleMap, copier);
    if (targetRoleMap.entries().length > 0) tree.root.set(name('RoleMap'), targetRoleMap);
    const targetClassMap = tree.root.lookupMaybe(name('ClassMap'), PDFDict) ?? context.obj({});
    mergeMap(targetClassMap, sourceRoot.lookupMaybe(name('ClassMap'), PDFDict), copier);
    if (targetClassMap.entries().length > 0) tree.root.set(name('ClassMap'), targetClassMap);
  } else partDict.set(K, context.obj([]));
  context.assign(part, partDict);
  tree.parts.push(part);
  const parts = pagePart.get(target) ?? [];
  pagePart.set(target, parts);
  parts.push(...pages.to.map(() => part));

  // Fresh parent-tree keys: each copied page of a tagged source, then its annotations in an element.
  let key = (tree.root.lookupMaybe(NEXT_KEY, PDFNumber) ?? PDFNumber.of(0)).asNumber();
  pages.nodes.forEach((node, i) => {
    const mcids = marked[i]!;
    if (sourceRoot && (mcids.length > 0 || node.has(STRUCT_PARENTS))) {
      node.set(STRUCT_PARENTS, PDFNumber.of(key));
      tree.nums.push(PDFNumber.of(key++));
      tree.nums.push(context.obj(Array.from(mcids, (element) => element ?? PDFNull)));
    } else node.delete(STRUCT_PARENTS);
    // Tab order follows the structure (PDF/UA: on every page with annotations).
    node.set(name('Tabs'), name('S'));
    const annots = node.lookupMaybe(name('Annots'), PDFArray);
    for (let j = 0; annots && j < annots.size(); j++) {
      const ref = annots.get(j);
      const annot = annots.lookup(j);
      if (!(annot instanceof PDFDict)) continue;
      const element = ref instanceof PDFRef ? annotElement.get(ref) : undefined;
      if (!element) {
        annot.delete(STRUCT_PARENT);
        continue;
      }
      annot.set(STRUCT_PARENT, PDFNumber.of(key));
      tree.nums.push(PDFNumber.of(key++));
      tree.nums.push(element);
    }
  });
  tree.root.set(NEXT_KEY, PDFNumber.of(key));
}

/**
 * Tags the assembled file's own signature fields (added after the pages were appended, so not
 * yet in the tree): a Form element with an object reference to each, at the end of the Part of
 * the page it is on, with a parent-tree key of its own.
 */
export function tagSignatureFields(target: PDFDocument, alt: string): void {
  const context = target.context;
  const tree = treeOf(target);
  let key = (tree.root.lookupMaybe(NEXT_KEY, PDFNumber) ?? PDFNumber.of(0)).asNumber();
  const partOf = pagePart.get(target) ?? [];
  target.getPages().forEach((page, i) => {
    const annots = page.node.Annots();
    for (let j = 0; annots && j < annots.size(); j++) {
      const ref = annots.get(j);
      const annot = annots.lookup(j);
      if (!(ref instanceof PDFRef) || !(annot instanceof PDFDict) || annot.has(STRUCT_PARENT)) continue;
      if (annot.get(name('Subtype')) !== name('Widget') || annot.get(name('FT')) !== name('Sig')) continue;
      const part = partOf[i] ?? tree.document;
      const form = context.register(
        context.obj({ Type: 'StructElem', S: 'Form', P: part, Pg: page.ref, Alt: textString(alt), K: [{ Type: 'OBJR', Obj: ref, Pg: page.ref }] }),
      );
      context.lookup(part, PDFDict).lookup(K, PDFArray).push(form);
      annot.set(STRUCT_PARENT, PDFNumber.of(key));
      // Printed and described, as PDF/A and PDF/UA require of every annotation (as placeholder.ts does for pdfkit).
      annot.set(name('F'), PDFNumber.of(4));
      annot.set(name('TU'), textString(alt));
      tree.nums.push(PDFNumber.of(key++));
      tree.nums.push(form);
    }
  });
  tree.root.set(NEXT_KEY, PDFNumber.of(key));
}
