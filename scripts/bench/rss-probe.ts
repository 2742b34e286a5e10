/**
 * Preloaded (`node --import`) into every command the benchmark runs: on exit it writes the
 * process's peak resident set size to the file named by AFTALER_BENCH_RSS_FILE. getrusage's
 * maxRSS covers the whole process, worker threads included, and needs nothing from the command.
 */
import { writeFileSync } from 'node:fs';

export const RSS_FILE_ENV = 'AFTALER_BENCH_RSS_FILE';

const file = process.env[RSS_FILE_ENV];
if (file) {
  process.on('exit', () => {
    writeFileSync(file, `${process.resourceUsage().maxRSS}\n`); // kilobytes
  });
}
