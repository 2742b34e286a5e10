/**
 * node:util's parseArgs reports mistakes in English (»Unknown option '--bogus'. To specify a
 * positional argument …«). Staff read these, so each kind of mistake, told by its error code, is
 * said again in Danish, with »mente du …?« for an option that is a typo of a real one. The
 * option's name is taken from the message, which quotes it; a message of an unknown shape is
 * passed on as it is rather than guessed at.
 */
import { suggest } from '../basics/quote.ts';

interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
}

/** The first quoted piece of a parseArgs message: the option or argument it is about. */
function quoted(message: string): string | undefined {
  return /'([^']*)'/.exec(message)?.[1];
}

/** » – mente du »--force«?« for a misspelled long option, else nothing. */
function guessFor(given: string, options: Readonly<Record<string, OptionSpec>>): string {
  if (!given.startsWith('--')) return '';
  const name = given.slice(2).split('=')[0]!;
  const guess = suggest(name, Object.keys(options));
  return guess === undefined ? '' : ` – mente du »--${guess}«?`;
}

/** A Danish message for a parseArgs error, or undefined when it is not one. */
export function danishOptionError(error: unknown, options: Readonly<Record<string, OptionSpec>>): string | undefined {
  if (!(error instanceof Error)) return undefined;
  const code = (error as { code?: unknown }).code;
  const what = quoted(error.message);
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return what === undefined ? undefined : `ukendt valg »${what}«${guessFor(what, options)}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return what === undefined ? undefined : `uventet argument »${what}«: kommandoen tager kun valg (der begynder med --)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      // »Option '--out <value>' argument missing« or »Option '--force' does not take an argument«.
      const option = what?.split(' ')[0];
      if (option === undefined) return undefined;
      if (/argument missing/.test(error.message)) return `valget »${option}« skal have en værdi efter sig`;
      if (/does not take an argument/.test(error.message)) return `valget »${option}« tager ingen værdi`;
      return undefined;
    }
    default:
      return undefined;
  }
}
