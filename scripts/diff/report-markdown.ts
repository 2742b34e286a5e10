import { countNoun } from '../diagnostics/danish.ts';
import { escapeHtml, escapeMarkdown } from '../diagnostics/markdown-escape.ts';
import { stripClauseNumber } from './clauses.ts';
import {
  changedClauses,
  type ChangedDocument,
  type ClauseDiff,
  type DiffResult,
  type DocumentSummary,
  type FieldChange,
  type Finding,
  type KommuneRef,
  type LineDiff,
  type Piece,
  type RevisionFindings,
  type RevisionInfo,
  type SameChange,
} from './types.ts';
import { formatValue, LONG_TEXT } from './values.ts';
import { wordDiff } from './word-diff.ts';

/** GitHub refuses comments longer than this; the CLI warns when a report is longer. */
export const COMMENT_LIMIT = 65_536;

const pieceHtml = (p: Piece) =>
  p.op === 'equal' ? escapeHtml(p.text) : p.op === 'insert' ? `<ins>${escapeHtml(p.text)}</ins>` : `<del>${escapeHtml(p.text)}</del>`;
/** Pieces as HTML; a space parts a deletion from the insertion that replaces it, for reading. */
const piecesHtml = (pieces: readonly Piece[]) => pieces.map((p, i) => (p.op === 'insert' && pieces[i - 1]?.op === 'delete' ? ' ' : '') + pieceHtml(p)).join('');

const kommuneList = (ks: readonly KommuneRef[]) => ks.map((k) => k.navn).join(', ');

function fieldHtml(f: FieldChange): string {
  const path = `<code>${escapeHtml(f.path)}</code>`;
  if (f.change === 'added') return `<li>${path}: <ins>${escapeHtml(formatValue(f.after))}</ins> (nyt felt)</li>`;
  if (f.change === 'removed') return `<li>${path}: <del>${escapeHtml(formatValue(f.before))}</del> (fjernet)</li>`;
  if (typeof f.before === 'string' && typeof f.after === 'string' && Math.max(f.before.length, f.after.length) > LONG_TEXT) {
    return `<li>${path}: ${piecesHtml(wordDiff(f.before, f.after))}</li>`;
  }
  return `<li>${path}: <del>${escapeHtml(formatValue(f.before))}</del> → <ins>${escapeHtml(formatValue(f.after))}</ins></li>`;
}

/** A clause whose only change is its number (another clause was inserted or removed before it). */
export const onlyRenumbered = (c: ClauseDiff) =>
  c.status === 'changed' &&
  !c.formatOnly &&
  c.before !== null &&
  c.after !== null &&
  c.before !== c.after &&
  stripClauseNumber(c.before) === stripClauseNumber(c.after) &&
  c.lines.every((l) => l.status === 'equal');

function lineHtml(l: LineDiff): string {
  const text = piecesHtml(l.cells[0] ?? []);
  switch (l.kind) {
    case 'code':
      return `<pre>${text}</pre>`;
    case 'rule':
      return '<hr>';
    case 'item':
      return `<p>${'&nbsp;'.repeat(l.depth * 4)}${escapeHtml(l.marker === '-' || l.marker === undefined ? '•' : l.marker)} ${text}</p>`;
    default:
      return `<p>${'&nbsp;'.repeat(l.depth * 4)}${text}</p>`;
  }
}

const rowHtml = (l: LineDiff) => {
  const tag = l.header ? 'th' : 'td';
  return `<tr>${l.cells.map((c) => `<${tag}>${piecesHtml(c)}</${tag}>`).join('')}</tr>`;
};

/**
 * The changed lines of a clause, unchanged ones left out (»…« marks a gap). Changed table rows
 * are shown in a table under the table's header row, so a cell is readable on its own.
 */
function clauseBodyHtml(c: ClauseDiff): string[] {
  const out: string[] = [];
  let table: string[] | undefined;
  let lastShown = -1;
  const closeTable = () => {
    if (table) out.push(`<table>${table.join('')}</table>`);
    table = undefined;
  };
  c.lines.forEach((l, i) => {
    if (l.status === 'equal') return;
    if (lastShown >= 0 && i > lastShown + 1) {
      closeTable();
      out.push('<p>…</p>');
    }
    if (l.kind === 'row') {
      if (!table) {
        table = [];
        // The header row of this table, for context, unless it is the changed row itself.
        let h = i;
        while (h > 0 && c.lines[h]!.kind === 'row' && !c.lines[h]!.header) h--;
        const header = c.lines[h];
        if (h !== i && header?.kind === 'row' && header.header && header.status === 'equal') table.push(rowHtml(header));
      }
      table.push(rowHtml(l));
    } else {
      closeTable();
      out.push(lineHtml(l));
    }
    lastShown = i;
  });
  closeTable();
  return out;
}

function clauseHtml(c: ClauseDiff): string[] {
  const note = c.status === 'inserted' ? ' (nyt afsnit)' : c.status === 'deleted' ? ' (afsnit fjernet)' : c.formatOnly ? ' (kun formatering ændret)' : '';
  const heading = c.status === 'changed' ? piecesHtml(c.heading) : escapeHtml(c.after ?? c.before ?? '');
  const title = c.before === null && c.after === null ? 'Indledning' : heading;
  const mark = c.status === 'inserted' ? (s: string) => `<ins>${s}</ins>` : c.status === 'deleted' ? (s: string) => `<del>${s}</del>` : (s: string) => s;
  return [`<p><b>${mark(title)}</b>${note}</p>`, ...clauseBodyHtml(c)];
}

/** The changed fields and text of one document, inside its section. */
function changeBodyHtml(d: ChangedDocument, edited: readonly ClauseDiff[], renumbered: readonly ClauseDiff[]): string[] {
  const out: string[] = [];
  if (d.fields.length > 0) out.push('<p><b>Ændrede felter</b></p>', '<ul>', ...d.fields.map(fieldHtml), '</ul>');
  else out.push('<p><b>Ændrede felter:</b> ingen (ændringen kommer fra skabeloner eller referencedata)</p>');
  if (edited.length > 0) out.push('<p><b>Ændret tekst</b></p>', ...edited.flatMap(clauseHtml));
  if (renumbered.length > 0) {
    out.push(`<p><b>Omnummereret:</b> ${renumbered.map((c) => piecesHtml(c.heading)).join('; ')}</p>`);
  }
  return out;
}

const editedAndRenumbered = (d: ChangedDocument) => {
  const clauses = changedClauses(d);
  return { edited: clauses.filter((c) => !onlyRenumbered(c)), renumbered: clauses.filter(onlyRenumbered) };
};

function changedHtml(d: ChangedDocument): string[] {
  const { edited, renumbered } = editedAndRenumbered(d);
  const parts = [countNoun(d.fields.length, 'felt', 'felter'), countNoun(edited.length, 'afsnit', 'afsnit')].join(', ');
  return [
    `<details><summary><b>Ændret:</b> ${escapeHtml(d.name)} · <code>${escapeHtml(d.id)}</code> · ${parts}</summary>`,
    `<p>Fil: <code>${escapeHtml(d.file)}</code> · Kommuner: ${escapeHtml(kommuneList(d.kommuner))}</p>`,
    ...changeBodyHtml(d, edited, renumbered),
    '</details>',
  ];
}

/** One section for documents that changed alike: the list, then the first one's change. */
function sameChangeHtml(docs: readonly ChangedDocument[]): string[] {
  const first = docs[0]!;
  const { edited, renumbered } = editedAndRenumbered(first);
  return [
    `<details><summary><b>Samme ændring i ${docs.length} dokumenter</b> · ${countNoun(edited.length, 'afsnit', 'afsnit')} · fra skabeloner eller referencedata</summary>`,
    '<p><b>Dokumenter</b></p>',
    '<ul>',
    ...docs.map((d) => `<li>${escapeHtml(d.name)} · <code>${escapeHtml(d.id)}</code></li>`),
    '</ul>',
    `<p>Vist for <code>${escapeHtml(first.id)}</code>. I de andre er det de samme ord, der er tilføjet og slettet i de samme afsnit; kun dokumentets egne oplysninger omkring dem (kommune, opgave, paragrafnummer) kan være andre.</p>`,
    ...changeBodyHtml(first, edited, renumbered),
    '</details>',
  ];
}

/** Findings listed in the comment; the rest are counted (the full list is `npm run check`'s). */
const FINDINGS_SHOWN = 50;

const findingLine = (f: Finding) =>
  `- \`${f.file}:${f.line}:${f.column}\` **${f.severity === 'error' ? 'fejl' : 'advarsel'}** \`${f.rule}\` ${escapeMarkdown(f.message)}`;

/** The new revision's findings, above the changes: what the reviewer must know first. */
function findingsMarkdown(findings: RevisionFindings): string[] {
  const lines: string[] = [''];
  const listedWarnings = findings.list.filter((f) => f.severity === 'warning').length;
  if (findings.errors > 0) {
    lines.push(
      `### ✖ Den nye revision har ${countNoun(findings.errors, 'fejl', 'fejl')}`,
      '',
      'Fejl stopper udgivelsen. Ændringen er alligevel dannet og sammenlignet nedenfor, så den kan læses.',
    );
  } else if (listedWarnings > 0) {
    lines.push(`### ⚠ ${countNoun(listedWarnings, 'advarsel', 'advarsler')} i de ændrede filer`);
  } else {
    lines.push('✔ Ingen fejl i den nye revision.');
  }
  if (findings.list.length > 0) {
    lines.push('', ...findings.list.slice(0, FINDINGS_SHOWN).map(findingLine));
    const more = findings.list.length - FINDINGS_SHOWN;
    if (more > 0) lines.push(`- … og ${more} flere (se \`npm run check\`)`);
  }
  if (findings.warningsElsewhere > 0) {
    lines.push(
      '',
      `${countNoun(findings.warningsElsewhere, 'advarsel', 'advarsler')} i filer, som ændringen ikke rører, er ikke vist her (se \`npm run check\`).`,
    );
  }
  return lines;
}

function summaryHtml(label: string, d: DocumentSummary): string[] {
  return [
    `<details><summary><b>${label}:</b> ${escapeHtml(d.name)} · <code>${escapeHtml(d.id)}</code></summary>`,
    `<p>Fil: <code>${escapeHtml(d.file)}</code> · Kommuner: ${escapeHtml(kommuneList(d.kommuner))}</p>`,
    '</details>',
  ];
}

const revision = (r: RevisionInfo) => {
  if (r.sha === null) return escapeMarkdown(r.description);
  return r.sha.startsWith(r.description) ? `\`${r.label}\`` : `\`${r.label}\` (${escapeMarkdown(r.description)})`;
};

/**
 * The report as a pull-request comment: a summary, then one collapsible section per document
 * with its changed fields and its changed text, insertions as <ins> and deletions as <del>.
 * Everything inside a section is HTML built from escaped text, so GitHub and GitLab show it as
 * written, whatever the data contains.
 */
export function reportMarkdown(result: DiffResult): string {
  const lines = ['## Ændringer i aftalerne', '', `Fra ${revision(result.base)} til ${revision(result.head)}.`, ...findingsMarkdown(result.findings), ''];
  const { added, removed, changed } = result;
  const byId = new Map(changed.map((d) => [d.id, d]));
  const groupOf = new Map<string, SameChange>();
  for (const g of result.sameChanges) for (const id of g.ids) groupOf.set(id, g);
  const docsOf = (g: SameChange) => g.ids.map((id) => byId.get(id)!);
  if (added.length + removed.length + changed.length === 0) {
    lines.push('Ingen dokumenter er ændret.');
  } else {
    const counts = [countNoun(changed.length, 'dokument ændret', 'dokumenter ændret'), `${added.length} tilføjet`, `${removed.length} fjernet`].join(', ');
    lines.push(`**${counts}** · berørte kommuner: ${escapeMarkdown(kommuneList(result.kommuner))}`);
  }
  if (result.templates.length > 0) lines.push('', `Ændrede skabeloner: ${result.templates.map((t) => `\`${t}\``).join(', ')}`);
  for (const ref of result.reference) {
    lines.push(
      '',
      `<details><summary><b>Referencedata:</b> <code>${escapeHtml(ref.file)}</code> · ${countNoun(ref.fields.length, 'felt', 'felter')}</summary>`,
      '<ul>',
      ...ref.fields.map(fieldHtml),
      '</ul>',
      '</details>',
    );
  }
  if (changed.length + added.length + removed.length > 0) {
    lines.push('', '| | Dokument | Kommuner | Felter | Afsnit |', '| --- | --- | --- | --- | --- |');
    for (const d of changed) {
      const group = groupOf.get(d.id);
      const clauses = changedClauses(d).filter((c) => !onlyRenumbered(c)).length;
      if (group === undefined) {
        lines.push(`| ændret | ${escapeMarkdown(d.name)} | ${escapeMarkdown(kommuneList(d.kommuner))} | ${d.fields.length} | ${clauses} |`);
      } else if (group.ids[0] === d.id) {
        const kommuner = [...new Map(docsOf(group).flatMap((g) => g.kommuner.map((k) => [k.kode, k]))).values()].sort((a, b) =>
          a.navn.localeCompare(b.navn, 'da'),
        );
        lines.push(`| ændret | samme ændring i ${group.ids.length} dokumenter (se nedenfor) | ${escapeMarkdown(kommuneList(kommuner))} | 0 | ${clauses} |`);
      }
    }
    for (const d of added) lines.push(`| tilføjet | ${escapeMarkdown(d.name)} | ${escapeMarkdown(kommuneList(d.kommuner))} | | |`);
    for (const d of removed) lines.push(`| fjernet | ${escapeMarkdown(d.name)} | ${escapeMarkdown(kommuneList(d.kommuner))} | | |`);
  }
  for (const d of changed) {
    const group = groupOf.get(d.id);
    if (group === undefined) lines.push('', ...changedHtml(d));
    else if (group.ids[0] === d.id) lines.push('', ...sameChangeHtml(docsOf(group)));
  }
  for (const d of added) lines.push('', ...summaryHtml('Tilføjet', d));
  for (const d of removed) lines.push('', ...summaryHtml('Fjernet', d));
  return lines.join('\n') + '\n';
}
