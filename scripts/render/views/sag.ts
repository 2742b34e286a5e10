import { bilagLine, numberBilag } from '../../model/bilag.ts';
import type { Repository } from '../../model/repository.ts';
import type { SourceDocument } from '../../model/source-document.ts';

const letters = 'abcdefghijklmnopqrstuvwxyz';

export function sagView(repo: Repository, doc: SourceDocument<'sag'>) {
  const d = doc.data;
  return {
    id: d.id,
    sags_id: d.sags_id,
    dokid: d.dokid,
    sundhedsraad: { id: d.sundhedsraad, navn: repo.sundhedsraad(d.sundhedsraad)?.navn ?? d.sundhedsraad },
    moede: d.moede,
    punkt: d.punkt,
    titel: d.titel,
    aaben: d.aaben,
    resume: d.resume,
    indstilling: {
      indledning: d.indstilling.indledning,
      punkter: d.indstilling.punkter.map((p) => ({
        tekst: p.tekst,
        underpunkter: (p.underpunkter ?? []).map((u, i) => ({ bogstav: `${letters[i % letters.length]}.`, tekst: u.tekst })),
      })),
      afgoerelse: d.indstilling.afgoerelse ?? null,
    },
    sagsfremstilling: d.sagsfremstilling,
    oekonomi: d.oekonomi,
    videre_proces: d.videre_proces,
    tidligere_beslutninger: d.tidligere_beslutninger,
    bilag: numberBilag(repo, doc).map((b) => ({ linje: bilagLine(doc, b) })),
  };
}
