import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The prototype of the default export of one of pdfmake's server-side modules (`TextBreaker`,
 * `Renderer` …), for the guarded wraps in soft-hyphens.ts and watermark.ts. Loaded through
 * require so that it is the very class pdfmake itself uses, under tsx and under vitest alike.
 */
export function pdfmakePrototype(module: string): Record<string, unknown> | undefined {
  const exported = (require(`pdfmake/js/${module}.js`) as { default?: { prototype?: unknown } }).default;
  const proto = exported?.prototype;
  return typeof proto === 'object' && proto !== null ? (proto as Record<string, unknown>) : undefined;
}
