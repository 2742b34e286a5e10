import { parseArgs } from 'node:util';
import { isCalendarDate } from '../basics/iso-date-guess.ts';
import { InputFileError } from '../basics/regular-file.ts';
import { danishOptionError } from './option-errors.ts';

// Every command needs these two; they live in basics so that code below the commands (bench) has them too.
export { REPO_ROOT } from '../basics/repo-root.ts';
export { todayInDenmark } from '../basics/today.ts';

type OptionsConfig = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;

/** A mistake in how a command was called: exit 2 with a one-line message, no stack trace. */
export class UsageError extends Error {}

/** Parses a command's arguments with node:util; a malformed or unknown option is a UsageError. */
export function parseCommandLine<const O extends OptionsConfig>(options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: process.argv.slice(2), options, allowPositionals, strict: true });
  } catch (error) {
    throw new UsageError(danishOptionError(error, options) ?? (error instanceof Error ? error.message : String(error)));
  }
}

const wantsHelp = (args: readonly string[]) => args.some((a) => a === '-h' || a === '--help');

/**
 * The run the last runCli call started, settled once its exit code is set. Only for running a
 * command inside another process (the tests do, instead of starting Node for every case).
 */
export let lastRun: Promise<void> = Promise.resolve();

/**
 * Runs a command's main function with the project's exit-code contract: its own result on
 * success, 2 on usage errors and on internal errors, and never a stack trace unless
 * AFTALER_DEBUG is set (a stack trace is for developers, not for the staff reading the log).
 * `-h`/`--help` prints the command's help text and exits 0 before anything else runs.
 */
export function runCli(name: string, main: () => Promise<number>, help?: string): void {
  endOnClosedPipe();
  if (help !== undefined && wantsHelp(process.argv.slice(2))) {
    process.stdout.write(help);
    process.exitCode = 0;
    lastRun = Promise.resolve();
    return;
  }
  lastRun = main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof InputFileError) {
        // Bad input, not bad usage: positioned like every finding, exit 1.
        process.stdout.write(`${error.file}:${error.line}:${error.column}  fejl  ${error.rule}  ${error.message}\n`);
        process.exitCode = 1;
        return;
      }
      if (error instanceof UsageError) {
        process.stderr.write(`${name}: ${error.message}\nSe »npm run ${name} -- --help«.\n`);
      } else {
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(`${name}: intern fejl: ${message}\n`);
        if (process.env.AFTALER_DEBUG && error instanceof Error) process.stderr.write(`${error.stack ?? error.message}\n`);
      }
      process.exitCode = 2;
    },
  );
}

/** The exit code of a process ended by SIGPIPE (128 + 13), as shells report it. */
export const CLOSED_PIPE_EXIT = 141;

/**
 * A reader that stops reading (`npm run check -- --format json | head -1`) closes the pipe, and
 * the next write fails with EPIPE. Node ignores SIGPIPE, so that error would surface as an
 * unhandled 'error' event with a stack trace. Instead the command ends at once and quietly, as
 * a Unix tool killed by SIGPIPE does, with that exit code: the output was cut short, so the
 * command cannot say it succeeded, and under `set -o pipefail` a failed check still fails.
 * Anything half done is left as after any kill (a build's next run cleans up; see OutputDir).
 */
function endOnClosedPipe(): void {
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listeners('error').includes(onStreamError)) continue;
    stream.on('error', onStreamError);
  }
}

function onStreamError(error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') process.exit(CLOSED_PIPE_EXIT);
  throw error; // as without this listener
}

export function parseIsoDateOption(value: string, option: string): string {
  if (!isCalendarDate(value)) throw new UsageError(`${option} skal være en dato på formen ÅÅÅÅ-MM-DD, ikke »${value}«`);
  return value;
}
