import { execFile } from 'node:child_process';

export interface ToolOutput {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/**
 * Runs one of the independent PDF tools (qpdf, poppler's pdfinfo and pdffonts) on a file and
 * returns what it printed, as bytes. A non-zero exit is returned, not thrown (qpdf exits 3 on
 * warnings with a usable result); a tool that is not installed is an error.
 */
export function runTool(command: string, args: readonly string[]): Promise<ToolOutput> {
  return new Promise((resolve, reject) => {
    execFile(command, [...args], { encoding: 'buffer', maxBuffer: 1024 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      if (code === null) {
        const missing = error !== null && error.code === 'ENOENT';
        reject(new Error(missing ? `${command} er ikke installeret (apt-get install qpdf poppler-utils)` : `${command} fejlede: ${String(error?.message)}`));
        return;
      }
      resolve({ code, stdout, stderr: stderr.toString('utf8') });
    });
  });
}
