/**
 * Parses VS Code's settings files, which are JSON with `//` comments on their own lines (the
 * only comment form this repository's .vscode files use).
 */
export function parseJsonc(text: string): unknown {
  return JSON.parse(text.replace(/^\s*\/\/.*$/gm, ''));
}

/**
 * A glob as the YAML language server matches `yaml.schemas` patterns: `**` any folders, `*` any
 * characters but »/«, `?` one character. Enough for the patterns in .vscode/settings.json.
 */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      source += glob[i + 2] === '/' ? '(?:.*/)?' : '.*';
      i += glob[i + 2] === '/' ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
