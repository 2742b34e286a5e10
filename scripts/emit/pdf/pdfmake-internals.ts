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

/**
 * The prototypes of pdfmake's modules a guarded wrap needs, each checked to have the named
 * methods: `wanted` maps a key to [module, methods]. Returns what is wrong instead when one is
 * missing, so the caller can warn and leave pdfmake as it is.
 */
export function pdfmakePrototypes<K extends string>(
  wanted: Readonly<Record<K, readonly [string, readonly string[]]>>,
): Record<K, Record<string, unknown>> | string {
  const found: Partial<Record<K, Record<string, unknown>>> = {};
  for (const key of Object.keys(wanted) as K[]) {
    const [module, members] = wanted[key];
    const proto = pdfmakePrototype(module);
    if (proto === undefined) return `pdfmake/js/${module}.js har ingen klasse`;
    for (const member of members) if (typeof proto[member] !== 'function') return `${module}#${member} mangler`;
    found[key] = proto;
  }
  return found as Record<K, Record<string, unknown>>;
}
