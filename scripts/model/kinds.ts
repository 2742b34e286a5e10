/** The kinds of YAML file under agreements/, told apart by their `dokumenttype` key. */
export const documentKinds = ['hsa', 'delingsaftale', 'anmodning', 'sag'] as const;
export const referenceKinds = ['region', 'opgaver', 'frister'] as const;
export const kinds = [...referenceKinds, ...documentKinds] as const;

export type DocumentKind = (typeof documentKinds)[number];
export type ReferenceKind = (typeof referenceKinds)[number];
export type Kind = (typeof kinds)[number];

export function isKind(value: unknown): value is Kind {
  return typeof value === 'string' && (kinds as readonly string[]).includes(value);
}

export function isDocumentKind(kind: Kind): kind is DocumentKind {
  return (documentKinds as readonly string[]).includes(kind);
}
