import type { Diagnostic } from '../diagnostics/diagnostic.ts';
import { INPUT_FOLDERS } from '../basics/input-folders.ts';
import { gitSync } from './git-sync.ts';

/**
 * Git attributes that make a file's bytes, or whether it exists, depend on how it is read:
 * `export-ignore` and `export-subst` change what an archive holds, `filter`, `ident`, `eol`,
 * `crlf` and `working-tree-encoding` what a checkout writes. The build reads the checkout; a
 * reviewer's diff and the publishing job may read the commit another way. On the data they
 * have no honest use, so any of them set on an input file is an error: what is reviewed is
 * then byte for byte what is built.
 */
const CONTENT_ATTRIBUTES = ['export-ignore', 'export-subst', 'filter', 'ident', 'eol', 'crlf', 'working-tree-encoding'] as const;

/** Findings listed per run; the rest are counted in one more finding. */
const LISTED = 20;

/** `file attribute value` for every input file tracked by git with one of CONTENT_ATTRIBUTES set. */
function contentAttributes(root: string): Array<{ file: string; attribute: string; value: string }> {
  const files = gitSync(root, ['ls-files', '-z', '--cached', '--', ...INPUT_FOLDERS]);
  if (!files) return [];
  const out = gitSync(root, ['check-attr', '-z', '--stdin', ...CONTENT_ATTRIBUTES], files);
  if (!out) return [];
  const fields = out.split('\0');
  const found: Array<{ file: string; attribute: string; value: string }> = [];
  for (let i = 0; i + 2 < fields.length; i += 3) {
    const [file, attribute, value] = [fields[i]!, fields[i + 1]!, fields[i + 2]!];
    if (value !== 'unspecified' && value !== 'unset') found.push({ file, attribute, value });
  }
  return found;
}

/** One error per input file with a content-changing git attribute (rule repo/git-attribut). */
export function attributeDiagnostics(root: string): Diagnostic[] {
  const found = contentAttributes(root);
  const findings: Diagnostic[] = found.slice(0, LISTED).map(({ file, attribute, value }) => ({
    rule: 'repo/git-attribut',
    severity: 'error',
    file,
    message: `Git-attributten »${attribute}${value === 'set' ? '' : `=${value}`}« gælder for filen (fra .gitattributes); den ændrer, hvad git eksporterer eller tjekker ud, så gennemsyn og dannelse kunne se forskellige data. Fjern linjen i .gitattributes`,
  }));
  if (found.length > LISTED)
    findings.push({
      rule: 'repo/git-attribut',
      severity: 'error',
      file: found[LISTED]!.file,
      message: `… og ${found.length - LISTED} flere filer med git-attributter`,
    });
  return findings;
}
