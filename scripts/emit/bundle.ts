import path from 'node:path';
import type { Repository } from '../model/repository.ts';
import type { SourceDocument } from '../model/source-document.ts';
import { kommuneFolder, outputBase } from './layout.ts';

/** Where a kommune's bundle goes: out/kommuner/<kode>-<slug>/. */
export function bundleFolder(repo: Repository, code: string): string {
  return `kommuner/${kommuneFolder(repo, code)}`;
}

/** A member's PDF in a bundle folder, named as in its own folder: »hsa-holbaek-akutsygepleje.pdf«. */
export function bundleMemberFile(repo: Repository, doc: SourceDocument): string {
  return `${path.posix.basename(outputBase(repo, doc))}.pdf`;
}

/** A member's .docx beside its PDF: »hsa-holbaek-akutsygepleje.docx«, the copy to negotiate on in Word. */
export function bundleMemberDocx(repo: Repository, doc: SourceDocument): string {
  return `${path.posix.basename(outputBase(repo, doc))}.docx`;
}

/** A kommune's combined PDF in its bundle folder: »316-holbaek-samlet.pdf«. */
export const combinedFile = (folder: string) => `${path.posix.basename(folder)}-samlet.pdf`;

export interface BundleManifest {
  kommune: { kode: string; navn: string };
  files: Array<{
    file: string;
    sha256: string;
    document: string;
    kind: string;
    version: string | null;
    /** Who sealed the file; null for a file left unsealed (see forseglet). */
    signer: string | null;
    /** false: not sealed, because the document (or a member of the combined file) still has »Udestår« (emit/unsealed.ts). */
    forseglet?: false;
    /** How many »Udestår« notes are left, for a file that is not sealed. */
    udestaar?: number;
    /**
     * A Word copy to negotiate on (a .docx beside the member's PDF): never sealed, so signer is
     * null and forseglet false; the sealed PDF is the document of record.
     */
    forhandlingskopi?: true;
    /** An approved agreement the kommune has still to sign: »2 af 2 underskrifter mangler«. */
    afventer_kommunens_underskrift?: string;
  }>;
}

export function bundleManifest(kommune: BundleManifest['kommune'], files: BundleManifest['files']): string {
  const manifest: BundleManifest = { kommune, files: [...files].sort((a, b) => (a.file < b.file ? -1 : 1)) };
  return JSON.stringify(manifest, null, 2) + '\n';
}
