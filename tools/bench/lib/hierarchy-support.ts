/**
 * Measuring helpers shared by the hierarchy benchmarks (hierarchy-write, hierarchy-subtree, hierarchy-import):
 * percentiles, CPU and event-loop meters, cleanup steps, number formatting and the verdict line.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import pino from 'pino';

/** The platform's logs are silent below `error` unless BENCH_LOG_LEVEL says otherwise (as event-lag does). */
export const logger = pino({ level: process.env['BENCH_LOG_LEVEL'] ?? 'error' });

/** Wall-clock milliseconds with sub-millisecond resolution, comparable across processes of this machine. */
export const clock = (): number => performance.timeOrigin + performance.now();
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface Stats {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function stats(values: number[]): Stats {
  const sorted = Float64Array.from(values).sort();
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
  const sum = sorted.reduce((total, v) => total + v, 0);
  return {
    count: sorted.length,
    mean: sorted.length > 0 ? sum / sorted.length : NaN,
    p50: rank(50),
    p95: rank(95),
    p99: rank(99),
    max: sorted.at(-1) ?? NaN,
  };
}

/** CPU time of this process in % of one core (near 100: its event loop is the limit), event-loop delay p99. */
export interface Load {
  cpuPercent: number;
  loopDelayP99: number;
}

export function loadMeter(): () => Load {
  const started = clock();
  const cpu = process.cpuUsage();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  return () => {
    const { user, system } = process.cpuUsage(cpu);
    delay.disable();
    return {
      cpuPercent: (user + system) / 10 / (clock() - started),
      loopDelayP99: delay.percentile(99) / 1e6,
    };
  };
}

function cpuTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  // user nice system idle iowait irq softirq steal
  const t = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const at = (i: number) => t[i] ?? 0;
  const busy = at(0) + at(1) + at(2) + at(5) + at(6) + at(7);
  return { busy, total: busy + at(3) + at(4) };
}

/**
 * Busy CPU of the whole machine over a window, in % of one core (200 = both cores of this machine busy):
 * what this process does not account for is PostgreSQL, the load process and anything else running.
 */
export function machineMeter(): () => number {
  const start = cpuTicks();
  return () => {
    const end = cpuTicks();
    const total = end.total - start.total;
    return total > 0 ? ((end.busy - start.busy) / total) * 100 * cpus().length : NaN;
  };
}

/** Cleanup steps, run once in reverse order; a failing step does not stop the others. */
export class Cleanup {
  private readonly steps: (() => Promise<unknown>)[] = [];
  add(step: () => Promise<unknown>): void {
    this.steps.push(step);
  }
  async run(): Promise<void> {
    for (const step of this.steps.splice(0).reverse()) {
      await step().catch((error: unknown) => logger.warn({ err: error }, 'cleanup failed'));
    }
  }
}

export const ms = (value: number, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : '-');
export const ratio = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '-');
export const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Other benchmarks running now would share the two cores with this one: name them in the output. */
export function otherBenchmarks(): string[] {
  const mine = new Set([process.pid, process.ppid]);
  const found: string[] = [];
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid) || mine.has(pid)) continue;
    try {
      const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
      const parent = /^PPid:\s+(\d+)$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      if (/\.bench\.ts/.test(cmdline) && !mine.has(Number(parent))) found.push(`${pid} ${cmdline}`);
    } catch {
      // the process ended meanwhile
    }
  }
  return found;
}

/** Prints the load average and warns about other benchmarks sharing the machine. */
export function printMachineState(label: string): void {
  console.log(`load average ${label}: ${loadAverage()}`);
  const others = otherBenchmarks();
  if (others.length > 0) {
    console.log(`WARNING: other benchmarks are running, figures are disturbed: ${others.join('; ')}`);
  }
}
