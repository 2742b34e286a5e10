/**
 * Preloaded (`node --import`) into every command the benchmark runs: on exit it writes the
 * process's peak resident set size and the CPU time it used to the file named by
 * AFTALER_BENCH_USAGE_FILE, as JSON. getrusage covers the whole process, worker threads
 * included (the CPU of every rendering thread counts), and needs nothing from the command.
 */
import { writeFileSync } from 'node:fs';

export const USAGE_FILE_ENV = 'AFTALER_BENCH_USAGE_FILE';

/** What the probe writes: kilobytes and microseconds, as getrusage gives them. */
export interface ProcessUsage {
  maxRssKb: number;
  userMicros: number;
  systemMicros: number;
}

const file = process.env[USAGE_FILE_ENV];
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const written: ProcessUsage = { maxRssKb: usage.maxRSS, userMicros: usage.userCPUTime, systemMicros: usage.systemCPUTime };
    writeFileSync(file, `${JSON.stringify(written)}\n`);
  });
}
