/**
 * Mistakes on the command line are told in Danish (scripts/cli/option-errors.ts): first the
 * translation of each kind of parseArgs error, in memory, then the commands as staff run them.
 */
import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { danishOptionError } from '../../scripts/cli/option-errors.ts';
import { runCli, STACK_TRACE } from '../helpers/cli.ts';

const OPTIONS = {
  force: { type: 'boolean' },
  out: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
} as const;

/** The Danish message for what parseArgs says about `args`. */
function messageFor(args: string[]): string | undefined {
  try {
    parseArgs({ args, options: OPTIONS, strict: true, allowPositionals: false });
  } catch (error) {
    return danishOptionError(error, OPTIONS);
  }
  throw new Error(`parseArgs accepted ${JSON.stringify(args)}`);
}

describe('danishOptionError', () => {
  it.each([
    [['--bogus'], 'ukendt valg »--bogus«'],
    [['--foce'], 'ukendt valg »--foce« – mente du »--force«?'],
    [['--jsno'], 'ukendt valg »--jsno« – mente du »--json«?'],
    [['-x'], 'ukendt valg »-x«'],
    [['--out'], 'valget »--out« skal have en værdi efter sig'],
    [['--force=ja'], 'valget »--force« tager ingen værdi'],
    [['lejre'], 'uventet argument »lejre«: kommandoen tager kun valg (der begynder med --)'],
  ])('%j → %s', (args, expected) => {
    expect(messageFor(args)).toBe(expected);
  });

  it('leaves other errors alone', () => {
    expect(danishOptionError(new Error('noget andet'), OPTIONS)).toBeUndefined();
    expect(danishOptionError('ikke en fejl', OPTIONS)).toBeUndefined();
  });
});

describe('the commands, as staff run them', () => {
  it.each([
    ['build', ['--foce'], 'build: ukendt valg »--foce« – mente du »--force«?'],
    ['frister', ['--kommun', 'lejre'], 'frister: ukendt valg »--kommun« – mente du »--kommune«?'],
    ['new', ['hsa', '--kommune'], 'new: valget »--kommune« skal have en værdi efter sig'],
  ])('%s %j: exit 2, one Danish line and the way to the help', (command, args, line) => {
    const r = runCli(command, args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`${line}\nSe »npm run ${command} -- --help«.\n`);
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.stdout).toBe('');
  });
});
