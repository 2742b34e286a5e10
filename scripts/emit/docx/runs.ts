/**
 * mdast phrasing content → Word runs.
 *
 * Marks (bold, italics, …) are carried down and applied to each leaf, as the PDF's inlines.ts
 * does. Every run is made by one RunWriter, so a later step can wrap runs differently (a tracked
 * change puts them inside w:ins or w:del) without touching the tree walk. Text is passed through
 * verbatim; spaces inside dates, amounts and »§ n« become non-breaking, as in the PDF.
 */
import type { PhrasingContent } from 'mdast';
import { ExternalHyperlink, TextRun, type IRunOptions, type ParagraphChild } from 'docx';
import { bindUnits } from '../pdf/no-break.ts';
import { softBreaksToSpaces, textContent } from '../pdf/plain-text.ts';
import { CLICKABLE_URL, type Definitions } from '../markdown-body.ts';
import { CODE_SHADING, DOCX_FONTS } from './styles.ts';

export interface RunMarks {
  bold?: boolean;
  italics?: boolean;
  strike?: boolean;
  code?: boolean;
  superScript?: boolean;
  /** Shown as a link (coloured, underlined) whether or not it can be clicked. */
  linkLike?: boolean;
  /** A line break before the text. */
  breakBefore?: boolean;
}

/** Makes the run for one piece of text. */
export type RunWriter = (text: string, marks: RunMarks) => ParagraphChild;

/** Plain runs: the document as it is, with no revision marks. */
const plainRuns: RunWriter = (text, marks) => new TextRun(runOptions(text, marks));

/** The options of a run; a writer of tracked changes would make its InsertedTextRun or DeletedTextRun from the same. */
function runOptions(text: string, marks: RunMarks): IRunOptions {
  const options: { -readonly [K in keyof IRunOptions]: IRunOptions[K] } = { text: marks.code ? text : bindUnits(text) };
  if (marks.breakBefore) options.break = 1;
  if (marks.bold) options.bold = true;
  if (marks.italics) options.italics = true;
  if (marks.strike) options.strike = true;
  if (marks.superScript) options.superScript = true;
  if (marks.code) {
    options.font = DOCX_FONTS.code;
    options.shading = CODE_SHADING;
  }
  if (marks.linkLike) options.style = 'Hyperlink';
  return options;
}

export class RunConverter {
  constructor(
    private readonly definitions: Definitions,
    private readonly write: RunWriter = plainRuns,
  ) {}

  /** Converts phrasing nodes; never throws on unknown node types (their text is kept). */
  runs(nodes: readonly PhrasingContent[], marks: RunMarks = {}): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    for (const node of nodes) {
      switch (node.type) {
        case 'text':
        case 'html': // raw HTML is shown as the literal text the author wrote
          out.push(this.write(softBreaksToSpaces(node.value), marks));
          break;
        case 'inlineCode':
          out.push(this.write(node.value, { ...marks, code: true }));
          break;
        case 'break':
          out.push(this.write('', { ...marks, breakBefore: true }));
          break;
        case 'strong':
          out.push(...this.runs(node.children, { ...marks, bold: true }));
          break;
        case 'emphasis':
          out.push(...this.runs(node.children, { ...marks, italics: true }));
          break;
        case 'delete':
          out.push(...this.runs(node.children, { ...marks, strike: true }));
          break;
        case 'link':
          out.push(...this.link(node.children, node.url, marks));
          break;
        case 'linkReference':
          out.push(...this.link(node.children, this.definitions.get(node.identifier), marks));
          break;
        case 'footnoteReference':
          out.push(this.write(node.label ?? node.identifier, { ...marks, superScript: true }));
          break;
        default: {
          // image, imageReference and any future/extension node: keep the visible text.
          const text = softBreaksToSpaces(textContent(node));
          if (text !== '') out.push(this.write(text, marks));
        }
      }
    }
    return out;
  }

  private link(children: readonly PhrasingContent[], url: string | undefined, marks: RunMarks): ParagraphChild[] {
    const runs = this.runs(children, { ...marks, linkLike: true });
    if (url === undefined || !CLICKABLE_URL.test(url) || runs.length === 0) return runs;
    return [new ExternalHyperlink({ link: url, children: runs })];
  }
}
