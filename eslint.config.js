// ESLint (flat config): typescript-eslint's type-aware recommended and strict rule sets over
// scripts/ and tests/ alike, typed through tsconfig.json by the project service. `npm run lint`
// runs it with --max-warnings 0: every finding is an error, and there are none.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

const typed = [
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // tsconfig has noUncheckedIndexedAccess: `xs[i]!` and `map.get(key)!` after a check are the idiom for an index known to exist.
      '@typescript-eslint/no-non-null-assertion': 'off',
      // Counts go into the Danish messages everywhere; null, undefined, booleans and objects still need an explicit String().
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowAny: false, allowBoolean: false, allowNever: false, allowNullish: false, allowNumber: true, allowRegExp: false },
      ],
      // `(code) => resolve(code === 0)` and `() => rmSync(dir)` as callbacks are the idiom; `return voidCall()` is still reported.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // `const { files: _files, ...rest } = x` is how a property is left out of a copy.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
      // A command's main and discover() are async without awaiting: the Promise contract their callers
      // rely on, with a throw arriving as a rejection rather than synchronously.
      '@typescript-eslint/require-await': 'off',
    },
  },
];

export default defineConfig(globalIgnores(['node_modules/', 'out/', '.cache/', '.signing/', 'agreements/', 'schemas/', 'templates/', 'docs/']), typed, {
  // The configuration files and the few plain JavaScript modules (the launcher, the bench's probe)
  // are not part of tsconfig.json.
  files: ['**/*.js', '**/*.mjs'],
  extends: [tseslint.configs.disableTypeChecked],
  // They run in Node.
  languageOptions: { globals: { process: 'readonly', Buffer: 'readonly', console: 'readonly' } },
});
