/**
 * The kinds of YAML file under agreements/, told apart by their `dokumenttype` key, as types:
 * what the data of each looks like is in types.ts (DataByKind). Which kinds exist at run time,
 * with their schema, template and everything else, is the kind registry's (scripts/kinds/).
 */
export type DocumentKind = 'hsa' | 'delingsaftale' | 'anmodning' | 'sag' | 'tillaeg' | 'konsolideret';
export type ReferenceKind = 'region' | 'opgaver' | 'frister';
export type Kind = ReferenceKind | DocumentKind;
