/**
 * Placeholders for data values in template output. A template renders Markdown in which every
 * value is an opaque token (Unicode private-use characters, which Markdown gives no meaning);
 * after parsing, tokens are replaced in the syntax tree by literal text, or by the parsed tree
 * of a Markdown field. So `# x`, `| a |`, `<b>` or `{{x}}` in data can never change structure.
 */
const OPEN = '\uE000';
const CLOSE = '\uE001';
export const TOKEN_PATTERN = /\uE000(\d+)\uE001/g;

export type TokenValue = { kind: 'text'; value: string } | { kind: 'markdown'; value: string; inline: boolean };

export class TokenTable {
  readonly #values: TokenValue[] = [];

  #add(value: TokenValue): string {
    this.#values.push(value);
    return `${OPEN}${this.#values.length - 1}${CLOSE}`;
  }

  text(value: string): string {
    return this.#add({ kind: 'text', value });
  }

  markdown(value: string, inline: boolean): string {
    return this.#add({ kind: 'markdown', value, inline });
  }

  get(index: number): TokenValue {
    const value = this.#values[index];
    if (!value) throw new Error(`unknown token ${index}`);
    return value;
  }

  /** Data may itself contain the private-use characters; they must not forge a token. */
  static clean(value: string): string {
    return value.replaceAll(OPEN, '').replaceAll(CLOSE, '');
  }
}
