// @ts-check
/**
 * Starts a command (`node scripts/launch.mjs <command> [args]`, what every `npm run <command>`
 * does) from JavaScript compiled from the TypeScript sources, so that no command pays for
 * compiling about 300 modules through a loader at every start.
 *
 * No stale code can run. Before every start the sources (scripts/**\/*.ts) are hashed and compared
 * with the manifest of what was compiled; a changed, new or removed source is compiled again
 * (type stripping only, one module at a time with TypeScript's transpileModule — `npm run lint`
 * type-checks), so an edit is in effect at the next command. `npm ci` compiles everything once
 * (`prepare`), and `--compile` does it by hand.
 *
 * The compiled code is executed, so it is kept where the project's caches are
 * (scripts/basics/cache-file.ts): in the user's cache folder, never inside the checkout where a
 * pull request could put files, with a manifest that carries an HMAC under this machine's cache
 * key and the hash of every compiled file, checked before the code runs. When there is no usable
 * cache folder, the command runs from its sources through tsx instead: slower, never wrong.
 *
 * Plain JavaScript on purpose: it is what runs before anything is compiled.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const CODE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SOURCES = path.join(CODE_ROOT, 'scripts');
/** Bumped when the compiled layout or the compiler options change. */
const FORMAT = 'aftaler-js 1';
const KEY_BYTES = 32;

const sha256 = (/** @type {string | Uint8Array} */ data) => createHash('sha256').update(data).digest('hex');

/** Whether `inner` is `outer` or lies below it. */
function isInside(/** @type {string} */ inner, /** @type {string} */ outer) {
  const relative = path.relative(path.resolve(outer), path.resolve(inner));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The cache home and folder naming of scripts/basics/cache-file.ts (cacheHome, codeCacheDir). */
function cacheHome() {
  const env = process.env;
  if (env.AFTALER_CACHE_DIR) return path.resolve(env.AFTALER_CACHE_DIR);
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(homedir(), '.cache');
  return path.join(base, 'aftaler');
}

/**
 * This machine's cache key, the same file scripts/basics/cache-file.ts uses (made there or here,
 * whichever runs first: written beside and hard-linked into place, so two processes agree).
 * @returns {Buffer | undefined}
 */
function machineKey(/** @type {string} */ home) {
  const file = path.join(home, 'key');
  try {
    mkdirSync(home, { recursive: true, mode: 0o700 });
    try {
      lstatSync(file);
    } catch {
      const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
      writeFileSync(temp, randomBytes(KEY_BYTES), { mode: 0o600, flag: 'wx' });
      try {
        linkSync(temp, file);
      } catch {
        // another process was first: its key is used
      }
      rmSync(temp, { force: true });
    }
    const stat = lstatSync(file);
    return stat.isFile() && stat.size === KEY_BYTES ? readFileSync(file) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The files below `dir` (relative, `/`-separated, sorted), found without following symbolic
 * links: a link in scripts/ would bring in code from outside the checkout, and a link in the
 * compiled folder is not something this launcher wrote.
 * @returns {{ files: string[], links: boolean }}
 */
function walk(/** @type {string} */ dir) {
  /** @type {string[]} */
  const files = [];
  let links = false;
  const visit = (/** @type {string} */ relative) => {
    for (const entry of readdirSync(path.join(dir, relative), { withFileTypes: true })) {
      const name = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isSymbolicLink()) links = true;
      else if (entry.isDirectory()) visit(name);
      else if (entry.isFile()) files.push(name);
    }
  };
  visit('');
  return { files: files.sort(), links };
}

/** The sources, relative to scripts/, sorted; symbolic links are not followed. */
function listSources() {
  return walk(SOURCES).files.filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'));
}

const outputOf = (/** @type {string} */ name) => name.replace(/\.ts$/, '.js');
/** What the compiled folder holds besides the compiled modules in scripts/. */
const PACKAGE_JSON = '{ "type": "module" }\n';
const TOP_LEVEL = ['checkout', 'manifest', 'node_modules', 'package.json', 'scripts'];

/**
 * Whether the compiled folder holds exactly what this launcher writes: the manifest's modules
 * and nothing else below scripts/ (a stray node_modules there would be found before the
 * checkout's), the checkout it was compiled from, the package scope and the link to the
 * checkout's packages. Anything else, and the folder is made again from scratch.
 */
function layoutHolds(/** @type {string} */ dir, /** @type {Manifest} */ manifest) {
  try {
    if (readdirSync(dir).sort().join('\n') !== TOP_LEVEL.join('\n')) return false;
    if (readFileSync(path.join(dir, 'checkout'), 'utf8') !== CODE_ROOT) return false;
    if (readFileSync(path.join(dir, 'package.json'), 'utf8') !== PACKAGE_JSON) return false;
    if (readlinkSync(path.join(dir, 'node_modules')) !== path.join(CODE_ROOT, 'node_modules')) return false;
    const compiled = walk(path.join(dir, 'scripts'));
    const expected = Object.keys(manifest.files).map(outputOf).sort();
    return !compiled.links && compiled.files.join('\n') === expected.join('\n');
  } catch {
    return false;
  }
}

/** @typedef {{ format: string, compiler: string, launcher: string, files: Record<string, { source: string, output: string }> }} Manifest */

function manifestMac(/** @type {Buffer} */ key, /** @type {string} */ body) {
  return createHmac('sha256', key).update(body).digest('hex');
}

/** @returns {Manifest | undefined} the manifest, when this machine wrote it. */
function readManifest(/** @type {string} */ file, /** @type {Buffer} */ key) {
  try {
    const text = readFileSync(file, 'utf8');
    const newline = text.indexOf('\n');
    const body = text.slice(newline + 1);
    const stored = Buffer.from(text.slice(0, newline));
    const expected = Buffer.from(manifestMac(key, body));
    if (stored.length !== expected.length || !timingSafeEqual(stored, expected)) return undefined;
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}

/** Writes beside and renames into place: a reader sees the whole file or the old one. */
function writeAtomically(/** @type {string} */ file, /** @type {string | Uint8Array} */ data) {
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  writeFileSync(temp, data, { mode: 0o600 });
  renameSync(temp, file);
}

/** @type {typeof import('typescript') | undefined} */
let typescript;

/** Type stripping of one module; relative imports of `.ts` become `.js`. */
function transpile(/** @type {string} */ name, /** @type {string} */ text) {
  typescript ??= /** @type {typeof import('typescript')} */ (createRequire(import.meta.url)('typescript'));
  const ts = typescript;
  return ts.transpileModule(text, {
    fileName: name,
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.ESNext,
      verbatimModuleSyntax: true,
      rewriteRelativeImportExtensions: true,
    },
  }).outputText;
}

/** The installed TypeScript's version, or undefined when it is not installed. */
function compilerVersion() {
  try {
    const pkg = JSON.parse(readFileSync(createRequire(import.meta.url).resolve('typescript/package.json'), 'utf8'));
    return String(pkg.version);
  } catch {
    return undefined;
  }
}

/** Replaces a symbolic link in one step, so a running process never finds it missing. */
function linkAtomically(/** @type {string} */ target, /** @type {string} */ link) {
  const temp = `${link}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  symlinkSync(target, temp, 'dir');
  renameSync(temp, link);
}

/**
 * Brings the compiled tree up to date with the sources and returns its folder, or undefined when
 * it cannot (no usable cache folder, or TypeScript missing when something must be compiled):
 * then the sources run through tsx.
 * @returns {{ dir: string, compiled: number } | undefined}
 */
function ensureCompiled() {
  const home = cacheHome();
  if (isInside(home, CODE_ROOT)) return undefined;
  const key = machineKey(home);
  if (!key) return undefined;
  const dir = path.join(home, sha256(CODE_ROOT).slice(0, 16), 'js');
  const manifestFile = path.join(dir, 'manifest');
  const launcher = sha256(readFileSync(fileURLToPath(import.meta.url)));
  const compiler = compilerVersion();
  const old = readManifest(manifestFile, key);
  // Another launcher or TypeScript may compile differently, and a folder holding anything this
  // launcher did not write is not trusted: then everything is compiled again, into a new folder.
  const usable =
    old && old.format === FORMAT && old.launcher === launcher && (compiler === undefined || old.compiler === compiler) && layoutHolds(dir, old)
      ? old
      : undefined;
  const target = usable ? dir : `${dir}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  /** @type {Manifest} */
  const next = { format: FORMAT, compiler: compiler ?? usable?.compiler ?? '', launcher, files: {} };
  let compiled = 0;
  try {
    for (const name of listSources()) {
      const text = readFileSync(path.join(SOURCES, name));
      const source = sha256(text);
      const outFile = path.join(target, 'scripts', outputOf(name));
      const known = usable?.files[name];
      if (known && known.source === source) {
        let output;
        try {
          output = sha256(readFileSync(outFile));
        } catch {
          output = undefined;
        }
        if (output === known.output) {
          next.files[name] = known;
          continue;
        }
      }
      // Without TypeScript nothing can be compiled: the sources run through tsx instead.
      if (compiler === undefined) throw new Error('typescript is not installed');
      const js = transpile(name, text.toString('utf8'));
      writeAtomically(outFile, js);
      next.files[name] = { source, output: sha256(js) };
      compiled++;
    }
    // A removed source must not stay importable.
    for (const name of Object.keys(usable?.files ?? {})) {
      if (!(name in next.files)) rmSync(path.join(target, 'scripts', outputOf(name)), { force: true });
    }
    if (!usable) {
      // ESM by package scope, and the checkout's packages by Node's lookup through node_modules.
      writeAtomically(path.join(target, 'package.json'), PACKAGE_JSON);
      writeAtomically(path.join(target, 'checkout'), CODE_ROOT);
      linkAtomically(path.join(CODE_ROOT, 'node_modules'), path.join(target, 'node_modules'));
    }
    if (!usable || compiled > 0 || Object.keys(usable.files).length !== Object.keys(next.files).length) {
      const body = JSON.stringify(next);
      writeAtomically(path.join(target, 'manifest'), `${manifestMac(key, body)}\n${body}`);
    }
    if (!usable) {
      // The new folder replaces the old one whole.
      rmSync(dir, { recursive: true, force: true });
      renameSync(target, dir);
    }
  } catch (error) {
    // A cache folder that cannot be written, or nothing to compile with: run from the sources.
    if (target !== dir) rmSync(target, { recursive: true, force: true });
    if (process.env.AFTALER_DEBUG) console.error(error);
    return undefined;
  }
  return { dir, compiled };
}

const COMMAND = /^[a-z]+$/;

async function main() {
  const command = process.argv[2];
  if (command === '--compile') {
    const result = ensureCompiled();
    if (!result)
      console.error('Kunne ikke oversætte (ingen brugbar cache-mappe, eller TypeScript er ikke installeret): kommandoerne køres fra kildekoden (tsx).');
    else if (result.compiled > 0) console.error(`Oversatte ${result.compiled} moduler til ${result.dir}`);
    return;
  }
  if (!command || !COMMAND.test(command)) {
    console.error('brug: node scripts/launch.mjs <kommando> [argumenter] (eller --compile)');
    process.exitCode = 2;
    return;
  }
  const source = path.join(SOURCES, 'cli', `${command}.ts`);
  try {
    lstatSync(source);
  } catch {
    console.error(`ukendt kommando: ${command}`);
    process.exitCode = 2;
    return;
  }
  const compiled = ensureCompiled();
  const entry = compiled ? path.join(compiled.dir, 'scripts', 'cli', `${command}.js`) : source;
  if (!compiled) {
    let register;
    try {
      ({ register } = await import('tsx/esm/api'));
    } catch {
      console.error('Kommandoen kan ikke startes: hverken TypeScript eller tsx er installeret. Kør npm ci (med udviklingspakkerne).');
      process.exitCode = 2;
      return;
    }
    register();
  }
  // The command reads its arguments from process.argv.slice(2), as when started directly.
  process.argv.splice(1, 2, entry);
  await import(pathToFileURL(entry).href);
}

await main();
