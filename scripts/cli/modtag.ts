import path from 'node:path';
import { SIGNING_PARTIES } from '../kinds/lifecycle.ts';
import type { SigningParty } from '../model/types.ts';
import { modtag, ModtagRefusal, ModtagUsage } from '../tooling/modtag.ts';
import { parseCommandLine, REPO_ROOT, runCli, UsageError } from './cli.ts';

const help = `Brug: npm run modtag -- FIL.pdf [valg]

Registrerer underskrifterne i en PDF, som en kommune (eller regionen) har
underskrevet i sit eget værktøj (fx Acrobat eller en signeringstjeneste) oven på
regionens forseglede udgave. Kommandoen kontrollerer, at

  - filens første revision er byte for byte den forseglede udgave af dokumentet
    i out/ (kør npm run build først),
  - hver senere revision kun tilføjer underskrifter og intet ændrer i indholdet,
  - hver underskrift er kryptografisk gyldig over det, den dækker,

og tilføjer så hver ny underskriver (navn, titel, dato og kilde) under
underskrifter.kommune (eller --part region) i dokumentets YAML-fil. Ændringen
gennemses og committes som enhver anden. En underskriver med samme navn og dato
tilføjes ikke igen. Til sidst vises, hvor mange underskrifter hver part mangler.

Valg:
  --dokument ID      Dokumentets id (standard: findes ud fra filen)
  --titel TITEL      Underskriverens titel, når certifikatet ikke har en
  --part PART        kommune eller region (standard: kommune)
  --out MAPPE        Outputmappen med den forseglede udgave (standard: out)
  --root MAPPE       Et andet repository (standard: dette)
  -h, --help         Vis denne hjælp

Afslutningskode: 0 registreret (eller allerede registreret), 1 filen afvises
(YAML-filen er uændret), 2 forkert brug.
`;

async function main(): Promise<number> {
  const { values, positionals } = parseCommandLine(
    {
      dokument: { type: 'string' },
      titel: { type: 'string' },
      part: { type: 'string', default: 'kommune' },
      out: { type: 'string', default: 'out' },
      root: { type: 'string' },
    },
    true,
  );
  if (positionals.length !== 1) throw new UsageError('angiv præcis én PDF-fil');
  const part = values.part as SigningParty;
  if (!SIGNING_PARTIES.includes(part)) throw new UsageError(`--part skal være kommune eller region, ikke »${values.part}«`);
  const root = path.resolve(values.root ?? REPO_ROOT);
  try {
    const result = await modtag({
      root,
      outDir: path.resolve(root, values.out),
      file: positionals[0]!,
      part,
      ...(values.dokument === undefined ? {} : { dokument: values.dokument }),
      ...(values.titel === undefined ? {} : { titel: values.titel }),
    });
    process.stdout.write(`${result.lines.join('\n')}\n`);
    return 0;
  } catch (error) {
    if (error instanceof ModtagUsage) throw new UsageError(error.message);
    if (error instanceof ModtagRefusal) {
      process.stdout.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

runCli('modtag', main, help);
