import type { Document } from 'yaml';
import type { DataPath, Target } from '../basics/locate.ts';
import type { Span } from '../diagnostics/diagnostic.ts';
import type { Kind } from './kinds.ts';
import type { DataByKind } from './types.ts';

/**
 * A schema-valid YAML file: its typed data plus the parsed AST that still knows source ranges.
 * For a file whose data came from the parse cache, the AST is parsed on first use of `yaml`.
 */
export interface SourceDocument<K extends Kind = Kind> {
  file: string;
  kind: K;
  yaml: Document.Parsed;
  data: DataByKind[K];
  /**
   * The span of a path, as locate() on `yaml` gives it, from spans found for the same text
   * before (the parse cache) when there are: then `yaml` need not be parsed. Absent for
   * documents loaded without the cache; use locateIn().
   */
  locate?: (path: DataPath, target: Target) => Span | undefined;
}
