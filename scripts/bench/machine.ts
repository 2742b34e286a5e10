/** The machine a measurement ran on, so figures in the README can be compared fairly. */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export interface Machine {
  /** Cores Node may use (what `nproc` prints). */
  nproc: number;
  cpu: string;
  node: string;
  platform: string;
  memoryGb: number;
  /** 1-minute load average at the start (it decays slowly, so it still counts a run just before). */
  loadAverage: number;
  /** Cores busy with other work in the second before the start (Linux /proc/stat), else null. */
  busyCores: number | null;
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    const model = line?.split(':').slice(1).join(':').trim();
    if (model) return model;
  } catch {
    // not Linux
  }
  return os.cpus()[0]?.model.trim() || 'ukendt';
}

function cpuTimes(): { idle: number; total: number } | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    // user nice system idle iowait irq softirq steal: idle time is idle + iowait.
    return { idle: (fields[3] ?? 0) + (fields[4] ?? 0), total: fields.slice(0, 8).reduce((a, b) => a + b, 0) };
  } catch {
    return undefined;
  }
}

/** How many cores other processes keep busy, sampled over `ms`. */
async function busyCores(ms: number, cores: number): Promise<number | null> {
  const before = cpuTimes();
  await new Promise((resolve) => setTimeout(resolve, ms));
  const after = cpuTimes();
  if (!before || !after || after.total === before.total) return null;
  const busy = 1 - (after.idle - before.idle) / (after.total - before.total);
  return Math.round(busy * cores * 100) / 100;
}

export async function machine(): Promise<Machine> {
  const nproc = os.availableParallelism();
  return {
    nproc,
    cpu: cpuModel(),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    loadAverage: Math.round(os.loadavg()[0]! * 100) / 100,
    busyCores: await busyCores(1000, nproc),
  };
}
