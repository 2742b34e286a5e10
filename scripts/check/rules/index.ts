import type { Rule } from '../rule.ts';
import refDuplicateCode from './ref-duplicate-code.ts';
import refDuplicateDokid from './ref-duplicate-dokid.ts';
import refDuplicateId from './ref-duplicate-id.ts';
import refMissingReferenceData from './ref-missing-reference-data.ts';
import refUnknownDocument from './ref-unknown-document.ts';
import refUnknownKommune from './ref-unknown-kommune.ts';
import refUnknownOpgave from './ref-unknown-opgave.ts';
import refUnknownSundhedsraad from './ref-unknown-sundhedsraad.ts';

/** The rule catalogue, in the order rules run and are listed. */
export const rules: readonly Rule[] = [
  refMissingReferenceData,
  refDuplicateId,
  refDuplicateCode,
  refUnknownKommune,
  refUnknownOpgave,
  refUnknownSundhedsraad,
  refUnknownDocument,
  refDuplicateDokid,
];
