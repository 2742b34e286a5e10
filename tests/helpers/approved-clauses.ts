/**
 * The clauses every HSA has (visitation … tvister) written out, as an approved agreement must
 * have them (tekst/udestaar): YAML lines a test appends to a shipped draft it approves. The
 * texts are test data, not the parties' words.
 */
export const HSA_CLAUSES_YAML = [
  'visitation: Testtekst om visitation.',
  'data_og_journalfoering: Testtekst om data og journalføring.',
  'tilsyn_og_klage: Testtekst om tilsyn og klage.',
  'aendringer_og_tillaeg: Testtekst om ændringer og tillæg.',
  'varighed: Testtekst om varighed.',
  'tvister: Testtekst om tvister.',
]
  .map((line) => `${line}\n`)
  .join('');
