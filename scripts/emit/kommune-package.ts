/**
 * What a kommune's package (out/kommuner/<kode>-<navn>/) holds besides its PDFs, their Word
 * copies (.docx, to negotiate in; the sealed PDFs are the documents of record) and the JSON
 * manifest for tools (issue 19): a Danish read-me that says what is in the folder, how to check
 * the seal and the files, and whom to ask; the kommune's own deadline calendar; and SHA256SUMS,
 * which `sha256sum -c SHA256SUMS` checks in the folder. Text only, made from the data and the
 * files' hashes, so the same inputs give the same bytes.
 */
export const README_FILE = 'LÆSMIG.txt';
export const CALENDAR_FILE = 'frister.ics';
export const CHECKSUMS_FILE = 'SHA256SUMS';
/** The files every package gets besides its documents, the combined PDF and manifest.json. */
export const PACKAGE_FILES = [README_FILE, CALENDAR_FILE, CHECKSUMS_FILE] as const;

interface PackageMember {
  file: string;
  /** Its Word copy beside it (emit/docx): to comment on and negotiate in, never sealed. */
  docx: string;
  name: string;
  /** »V20260224«, or null before a version is set. */
  version: string | null;
  /** Sealed, or why not. */
  sealed: boolean;
}

export interface ReadmeInput {
  kommune: { kode: string; navn: string };
  region: string;
  combined: string;
  members: readonly PackageMember[];
  /** Who sealed the PDFs (the certificate's name). */
  signer: string;
  /** Sealed with the local development certificate: not valid, and the read-me says so. */
  development: boolean;
}

export function kommuneReadme(o: ReadmeInput): string {
  const lines = [
    `Pakke til ${o.kommune.navn} (kommunekode ${o.kommune.kode}) fra ${o.region}`,
    '',
    'Dokumenterne om opgaveflytningen pr. 1. januar 2027, som kommunen skal have. De er dannet',
    'automatisk ud fra regionens aftaledata. De forseglede PDF-filer er de gældende udgaver; et udkast',
    'med udestående tekst (»Udestår«) er ikke forseglet og siger det under titlen.',
    '',
    'INDHOLD',
    '',
    `  ${o.combined}`,
    '      Alle dokumenterne samlet i én PDF med indholdsfortegnelse.',
    ...o.members.flatMap((m) => [
      `  ${m.file}`,
      // Most names end in their version already (»… Lejre Kommune V20260224«).
      `      ${m.name}${m.version === null || m.name.includes(m.version) ? '' : `, ${m.version}`}${m.sealed ? '' : ' (ikke forseglet: teksten har punkter, der udestår)'}`,
      `  ${m.docx}`,
      '      Samme dokument i Word, til kommentarer og forslag til ændringer. Ikke forseglet:',
      '      PDF-filen er den gældende udgave.',
    ]),
    `  ${CALENDAR_FILE}`,
    '      Kommunens frister som kalender; kan importeres i Outlook og andre kalendere.',
    '  manifest.json',
    '      Samme fortegnelse til it-systemer.',
    `  ${CHECKSUMS_FILE}`,
    '      Kontrolsummer (SHA-256) for alle filerne.',
    '',
    'SÅDAN KONTROLLERER DU FORSEGLINGEN',
    '',
    'Åbn PDF-filen i Adobe Acrobat Reader og se i signaturpanelet. Forseglingen er regionens',
    'elektroniske segl:',
    '',
    `  ${o.signer}`,
    '',
    'Acrobat viser den som gyldig, når regionens certifikat kan føres tilbage til et',
    'udstedercertifikat, som Acrobat har tillid til. Er dokumentet ændret efter forseglingen,',
    'viser Acrobat forseglingen som ugyldig.',
    ...(o.development ? ['', 'OBS: Denne pakke er forseglet med et TESTCERTIFIKAT og er kun til afprøvning. Den er ikke gyldig.'] : []),
    '',
    'SÅDAN KONTROLLERER DU, AT FILERNE ER HELE',
    '',
    `  Linux og macOS:       sha256sum -c ${CHECKSUMS_FILE}`,
    '  Windows (PowerShell): Get-FileHash -Algorithm SHA256 <fil>',
    `                        og sammenlign med linjen for filen i ${CHECKSUMS_FILE}.`,
    '',
    'SPØRGSMÅL',
    '',
    `Kontakt ${o.region}. (En kontaktperson for pakkerne er ikke angivet i regionens referencedata.)`,
    '',
  ];
  return lines.join('\n');
}

/** `sha256sum`'s own format, by file name: »<hash>  <file>«, one per line. */
export function checksums(files: ReadonlyArray<{ file: string; sha256: string }>): string {
  return [...files]
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))
    .map((f) => `${f.sha256}  ${f.file}\n`)
    .join('');
}
