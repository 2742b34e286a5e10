import { defineRule, locateIn } from '../rule.ts';
import type { DataPath } from '../../basics/locate.ts';
import { numberBilag, type NumberedBilag } from '../../kinds/sag-bilag.ts';
import type { SourceDocument } from '../../model/source-document.ts';
import { canonical, unresolvedBilag } from './support/documents.ts';
import { listText } from './support/labels.ts';
import { findMentions, sourceOffsets } from './support/mentions.ts';

/** Every free-text field of a case that staff write »se bilag 4« in. */
function textFields(sag: SourceDocument<'sag'>): Array<{ path: DataPath; text: string }> {
  const d = sag.data;
  const fields: Array<{ path: DataPath; text: string | undefined }> = [
    { path: ['resume'], text: d.resume },
    { path: ['indstilling', 'indledning'], text: d.indstilling.indledning },
    ...d.indstilling.punkter.flatMap((p, i) => [
      { path: ['indstilling', 'punkter', i, 'tekst'], text: p.tekst },
      ...(p.underpunkter ?? []).map((u, j) => ({ path: ['indstilling', 'punkter', i, 'underpunkter', j, 'tekst'], text: u.tekst })),
    ]),
    { path: ['indstilling', 'afgoerelse'], text: d.indstilling.afgoerelse },
    { path: ['sagsfremstilling'], text: d.sagsfremstilling },
    { path: ['oekonomi'], text: d.oekonomi },
    ...d.tidligere_beslutninger.map((t, i) => ({ path: ['tidligere_beslutninger', i, 'beskrivelse'], text: t.beskrivelse })),
  ];
  return fields.filter((f): f is { path: DataPath; text: string } => f.text !== undefined);
}

/** »1a–1h, 2a–2h og 4«: the numbers the case has, for the message. */
function existing(numbered: readonly NumberedBilag[]): string {
  const groups = new Map<number, string[]>();
  for (const b of numbered) groups.set(b.group, [...(groups.get(b.group) ?? []), b.number]);
  return listText([...groups.values()].map((n) => (n.length > 1 ? `${n[0]!}–${n.at(-1)!}` : n[0]!)));
}

export default defineRule({
  id: 'bilag/ukendt-henvisning',
  formerId: 'bilag/unknown-mention',
  severity: 'error',
  description: 'Et bilag, som sagens tekst henviser til (»bilag 4«, »bilag 1a«), findes i sagens bilagsliste.',
  citation: 'Sag EMN-2025-10366, sagsfremstilling (»vedlagt som bilag 4«) og bilagsliste',
  check({ repo, files, report }) {
    for (const sag of canonical(repo, 'sag')) {
      // Numbers are derived from the targets; with a target missing they are not final, and
      // ref/ukendt-dokument already reports the cause.
      if (unresolvedBilag(repo, sag).length > 0) continue;
      const numbered = numberBilag(repo, sag);
      const known = new Set(numbered.flatMap((b) => [b.number, String(b.group)]));
      let source: string | undefined | null = null;
      for (const { path: fieldPath, text } of textFields(sag)) {
        const all = findMentions(text);
        const mentions = all.filter((m) => !known.has(m.number));
        if (mentions.length === 0) continue;
        if (source === null) source = files?.text(sag.file);
        const span = locateIn(sag, fieldPath);
        const offsets = source && span ? sourceOffsets(text, source.slice(span.start, span.end), span.start) : undefined;
        for (const m of mentions) {
          const at = offsets?.[all.indexOf(m)];
          report({
            doc: sag,
            path: fieldPath,
            span: at === undefined ? undefined : { start: at, end: at + m.length },
            message: `Teksten henviser til bilag ${m.number}, men ${numbered.length === 0 ? 'sagen har ingen bilag' : `sagens bilag er ${existing(numbered)}`}`,
            related: numbered.length > 0 ? [{ doc: sag, path: ['bilag'], target: 'key', message: 'sagens bilagsliste' }] : undefined,
          });
        }
      }
    }
  },
});
