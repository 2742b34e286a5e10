import { defineReferenceKind } from './kind.ts';

/** The reference data every document is checked and rendered against (agreements/reference/). */
export const region = defineReferenceKind({ id: 'region', nouns: ['regionsfil', 'regionsfiler'], schema: 'schemas/region.schema.json' });
export const opgaver = defineReferenceKind({ id: 'opgaver', nouns: ['opgavefil', 'opgavefiler'], schema: 'schemas/opgaver.schema.json' });
export const frister = defineReferenceKind({ id: 'frister', nouns: ['fristkalender', 'fristkalendere'], schema: 'schemas/frister.schema.json' });
