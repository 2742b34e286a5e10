/** The Danish entry of the `hyphen` package (CommonJS, no type declarations of its own). */
declare module 'hyphen/da/index.js' {
  interface HyphenOptions {
    /** Words with their break points marked by »-«, used instead of the patterns. */
    exceptions?: string[];
    /** What is inserted at a break point; default U+00AD. */
    hyphenChar?: string;
    /** Shorter words are left as they are; default 5. */
    minWordLength?: number;
  }
  const da: {
    hyphenateSync(text: string, options?: HyphenOptions): string;
  };
  export default da;
}
