import { execFileSync } from 'node:child_process';

/** Variables that would point git at another repository than the one named by -C. */
const REPOSITORY_VARIABLES = new Set(['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_PREFIX', 'GIT_COMMON_DIR']);

/**
 * The environment git runs in: variables a hook or a wrapper may have set (GIT_DIR,
 * GIT_WORK_TREE, GIT_INDEX_FILE) are removed so they cannot point git at another repository,
 * GIT_OPTIONAL_LOCKS=0 keeps even read-only commands from refreshing the user's index, and git
 * never asks for a password.
 */
export function gitEnv(): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !REPOSITORY_VARIABLES.has(name));
  return { ...Object.fromEntries(inherited), GIT_OPTIONAL_LOCKS: '0', GIT_TERMINAL_PROMPT: '0' };
}

/**
 * git in `root`, synchronously, for the few questions `check` and `build` ask about the
 * repository around the data; undefined when git is missing or `root` is not in a repository
 * (then there is nothing committed to ask about). `diff` runs git asynchronously through zx
 * (diff/git.ts); these synchronous calls stay on child_process on purpose: loading zx costs
 * 100–300 ms, about what a whole `check` of the shipped data takes, and check asks git four times.
 */
export function gitSync(root: string, args: readonly string[], input?: string): string | undefined {
  try {
    return execFileSync('git', ['-C', root, ...args], {
      env: gitEnv(),
      encoding: 'utf8',
      input,
      stdio: ['pipe', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return undefined;
  }
}
