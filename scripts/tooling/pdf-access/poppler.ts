/**
 * What poppler (pdfinfo, pdffonts) says about the file: tagged, and every font embedded with a
 * ToUnicode map.
 */
import { type AccessFinding, finding } from './findings.ts';
import { runTool } from './run-tool.ts';

async function poppler(command: string, args: readonly string[]): Promise<string> {
  const out = await runTool(command, args);
  if (out.code !== 0) throw new Error(`${command}: ${out.stderr.trim() || `afsluttede med ${out.code}`}`);
  return out.stdout.toString('utf8');
}

export async function taggedFindings(pdfPath: string): Promise<AccessFinding[]> {
  const info = await poppler('pdfinfo', ['-enc', 'UTF-8', pdfPath]);
  if (/^Tagged:\s+yes\s*$/m.test(info)) return [];
  return [finding('pdf/tagged', 'pdfinfo kalder ikke filen mærket (Tagged: no): hjælpemidler læser den som en ustruktureret side')];
}

interface FontRow {
  name: string;
  embedded: boolean;
  toUnicode: boolean;
}

/** `pdffonts` output: the columns type and encoding may contain spaces, so emb, sub and uni are read from the right. */
export function parsePdffonts(output: string): FontRow[] {
  const lines = output.split('\n');
  const header = lines.findIndex((line) => line.startsWith('----'));
  return lines
    .slice(header + 1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const parts = line.trim().split(/\s+/);
      const at = (fromEnd: number) => parts[parts.length - fromEnd];
      // name, type … encoding …, emb, sub, uni, object, generation
      return { name: parts[0] ?? '', embedded: at(5) === 'yes', toUnicode: at(3) === 'yes' };
    });
}

export async function fontFindings(pdfPath: string): Promise<AccessFinding[]> {
  const fonts = parsePdffonts(await poppler('pdffonts', [pdfPath]));
  const out: AccessFinding[] = [];
  const notEmbedded = fonts.filter((font) => !font.embedded).map((font) => font.name);
  const noUnicode = fonts.filter((font) => !font.toUnicode).map((font) => font.name);
  if (notEmbedded.length > 0) {
    out.push(
      finding(
        'pdf/fonts',
        `skrifttyper er ikke indlejret (${notEmbedded.slice(0, 5).join(', ')}): teksten kan se anderledes ud hos modtageren, og PDF/A kræver alle skrifttyper indlejret`,
      ),
    );
  }
  if (noUnicode.length > 0) {
    out.push(
      finding(
        'pdf/fonts',
        `skrifttyper har intet ToUnicode-kort (${noUnicode.slice(0, 5).join(', ')}): en skærmlæser, søgning og kopiering får forkerte eller ingen bogstaver`,
      ),
    );
  }
  return out;
}
