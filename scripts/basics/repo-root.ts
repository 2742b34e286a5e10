import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Whether this code runs compiled (scripts/launch.mjs) rather than from its TypeScript sources. */
export const RUNS_COMPILED = import.meta.url.endsWith('.js');

/**
 * The checkout the code comes from. Run from its sources (tsx, the tests) this module lies in
 * <checkout>/scripts/basics; compiled (scripts/launch.mjs) it lies in the user's cache folder,
 * beside a `checkout` file naming where its sources are. Only compiled code — a `.js` module —
 * looks for that file, so nothing in the checkout can redirect the sources' root.
 */
function checkoutRoot(): string {
  if (!RUNS_COMPILED) return path.resolve(here, '..', '..');
  return readFileSync(path.resolve(here, '..', '..', 'checkout'), 'utf8');
}

/** The repository root: where package.json, agreements/ and schemas/ live. */
export const REPO_ROOT = checkoutRoot();
