import type { DataPath } from '../basics/locate.ts';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import type { Bilag } from '../model/types.ts';
import { registry } from './registry.ts';

export interface NumberedBilag {
  /** Position in the case's list, 0-based. */
  index: number;
  path: DataPath;
  entry: Bilag;
  /** Group number (1, 2, 3 …) and the number shown (»1a« in a group of several, »4« alone). */
  group: number;
  number: string;
  /** The document the entry points at, when it exists. */
  target?: SourceDocument;
  /** Generated title, e.g. »Udkast til horisontal samarbejdsaftale for … V20260224«. */
  title: string;
  dokid?: string;
  /** What makes entries one group: same kind and opgave (e.g. all HSAs for one opgave). */
  groupKey: string;
}

function groupKeyOf(entry: Bilag, target: SourceDocument | undefined, index: number): string {
  if (entry.eksternt || !target) return `#${index}`; // external and unresolved bilag stand alone
  const opgave = (target.data as { opgave?: string }).opgave ?? '';
  return `${target.kind}:${opgave}`;
}

const letters = 'abcdefghijklmnopqrstuvwxyz';

/** Spreadsheet-style letters past z (aa, ab …), so a very long group never runs out. */
function letter(i: number): string {
  return i < letters.length ? letters[i]! : letter(Math.floor(i / letters.length) - 1) + letters[i % letters.length]!;
}

/**
 * Numbers a case's bilag the way the region does (seed case EMN-2025-10366): consecutive
 * bilag of the same kind and opgave form one numbered group lettered a, b, c …; a bilag alone
 * gets a bare number. Numbers are derived, never typed, so they cannot drift.
 */
export function numberBilag(repo: Repository, sag: SourceDocument<'sag'>): NumberedBilag[] {
  const resolved = sag.data.bilag.map((entry, index) => {
    const target = entry.dokument !== undefined ? repo.byId(entry.dokument) : undefined;
    return { entry, index, target, groupKey: groupKeyOf(entry, target, index) };
  });
  const runs: Array<typeof resolved> = [];
  for (const item of resolved) {
    const last = runs.at(-1);
    if (last && last[0]!.groupKey === item.groupKey) last.push(item);
    else runs.push([item]);
  }
  return runs.flatMap((run, g) =>
    run.map(({ entry, index, target, groupKey }, i) => ({
      index,
      path: ['bilag', index],
      entry,
      group: g + 1,
      number: run.length > 1 ? `${g + 1}${letter(i)}` : `${g + 1}`,
      target,
      title: entry.eksternt ? entry.eksternt.titel : target ? registry.nameOf(repo, target) : entry.dokument,
      dokid: entry.eksternt ? entry.eksternt.dokid : ((target?.data as { dokid?: string | null } | undefined)?.dokid ?? undefined),
      groupKey,
    })),
  );
}

/** The generated title as the list shows it: »Bilag 1a_<titel>«. */
export function generatedBilagTitle(b: NumberedBilag): string {
  return `Bilag ${b.number}_${b.title}`;
}

/**
 * A bilag line as in the case's list: »Bilag 1a_<titel> (DokID: 12718881 - EMN-2025-10366)«.
 * Where the data records the title the bilag is registered under (its spelling may differ from
 * the generated one: »Kalundborg kommune«, »Bilag 4 Kommuernes …«), that title is printed: it is
 * the identifier the DokID is filed under. Rule bilag/registreret-titel keeps the two in step.
 */
export function bilagLine(sag: SourceDocument<'sag'>, b: NumberedBilag): string {
  const ref = b.dokid ? ` (DokID: ${b.dokid} - ${sag.data.sags_id})` : '';
  return `${b.entry.registreret_titel ?? generatedBilagTitle(b)}${ref}`;
}
