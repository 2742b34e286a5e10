/**
 * The fingerprint of a signed agreement's text (`laast` in its data): what `underskrift/laast-tekst`
 * compares and what staff record when an agreement is signed. One definition for both, here in
 * basics/ because the rule (check/) and the renderer and staff tools (render/, tooling/, cli/)
 * all need it and check/ may not import render/.
 *
 * A *clause* (afsnit) is a piece of the rendered Markdown file, cut before every level-2 heading:
 * a line that starts with »## « outside a fenced code block. In an agreement these are the
 * numbered clauses »## § 5. Finansiering« (render/clause-numbers.ts). The first piece is
 * everything before the first such heading — the title, the title block and the parties — and
 * it is always there, even when empty. The pieces are the file's exact text, so joined they give
 * the file back byte for byte: a change anywhere changes exactly the pieces it falls in.
 */
import { createHash } from 'node:crypto';

/** What `laast:` records: the SHA-256 of the whole Markdown and a short hash of each clause. */
export interface Fingerprint {
  /** SHA-256 of the whole Markdown file (UTF-8), 64 hex digits. */
  sha256: string;
  /** The first 16 hex digits of the SHA-256 of each clause, in order, the text before the first clause first. */
  afsnit: string[];
}

export interface Clause {
  /** The heading's text without »## « (»§ 5. Finansiering«); undefined for the text before the first clause. */
  heading: string | undefined;
  /** The clause's exact text, its heading line included. */
  text: string;
}

/** Hex digits kept of each clause's SHA-256. */
const CLAUSE_DIGITS = 16;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The Markdown cut into clauses (see above); joined, their texts are `markdown` again. */
export function clausesOf(markdown: string): Clause[] {
  const clauses: Clause[] = [{ heading: undefined, text: '' }];
  let fence: string | undefined;
  for (const line of markdown.split(/(?<=\n)/)) {
    const opener = FENCE.exec(line)?.[1];
    if (fence === undefined && opener !== undefined) fence = opener;
    else if (fence !== undefined && opener !== undefined && opener[0] === fence[0] && opener.length >= fence.length && line.trim() === opener)
      fence = undefined;
    else if (fence === undefined && line.startsWith('## ')) {
      clauses.push({ heading: line.slice(3).trim(), text: '' });
    }
    clauses.at(-1)!.text += line;
  }
  return clauses;
}

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** The fingerprint of a rendered Markdown file: what `laast:` must say for it. */
export function fingerprintOf(markdown: string): Fingerprint {
  return { sha256: sha256(markdown), afsnit: clausesOf(markdown).map((c) => sha256(c.text).slice(0, CLAUSE_DIGITS)) };
}

/**
 * The `laast:` entry as one line of YAML to paste into the document's file. The hashes are
 * quoted: unquoted, »0000000000000012« would be read as a number and »1234e567…« as a float.
 */
export function laastYaml(fingerprint: Fingerprint): string {
  return `laast: { sha256: "${fingerprint.sha256}", afsnit: [${fingerprint.afsnit.map((a) => `"${a}"`).join(', ')}] }`;
}
