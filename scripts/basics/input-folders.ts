/**
 * The folders of a repository whose files the pipeline reads as input: the data, its schemas
 * and its templates. Everything else (code, outputs, caches) is never read as data. The git
 * attribute check and `diff`'s revision copies both go by this list, so they cannot disagree.
 */
export const INPUT_FOLDERS = ['agreements', 'schemas', 'templates'] as const;
