import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: where package.json, agreements/ and schemas/ live. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
