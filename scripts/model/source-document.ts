import type { Document } from 'yaml';
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
}
