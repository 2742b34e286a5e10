// @ts-check
/**
 * Preloaded (`node --import`) into every command the benchmark runs: on exit it writes the
 * process's peak resident set size and the CPU time it used to the file named by
 * AFTALER_BENCH_USAGE_FILE (spawn.ts), as JSON of kilobytes and microseconds (ProcessUsage).
 * getrusage covers the whole process, worker threads included (the CPU of every rendering thread
 * counts), and needs nothing from the command. Plain JavaScript, so that it loads before, and
 * without, anything that compiles TypeScript.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.AFTALER_BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const written = { maxRssKb: usage.maxRSS, userMicros: usage.userCPUTime, systemMicros: usage.systemCPUTime };
    writeFileSync(file, `${JSON.stringify(written)}\n`);
  });
}
