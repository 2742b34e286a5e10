/**
 * Destination ids of navigation headings (TOC entries and bookmarks).
 * Shared by the converter, which assigns them, and the pdfkit fix-up, which
 * points bookmarks at the named destinations pdfmake creates for them.
 * Lower-case ASCII and zero padding keep the PDF name tree order identical
 * under every collation locale.
 */
export const NAV_ID_PATTERN = /^sec-\d{4,}$/;

export function navId(index: number): string {
  return `sec-${String(index).padStart(4, '0')}`;
}
