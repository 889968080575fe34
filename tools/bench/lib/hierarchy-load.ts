/**
 * Load: N workers each run one operation after the other through a warm-up and a measured window, either in
 * closed loops (no think time) or paced to a rate. And the HTTP write load of hierarchy-write (PATCH with If-Match, each connection on nodes of
 * its own), runnable in this process or in a child process of its own (`forkWriteLoad`), as clients run apart
 * from the service.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import { httpRequest, keepAliveAgent } from './hierarchy-http';
import { clock, loadMeter, machineMeter, sleep, type Load } from './hierarchy-support';

export interface LoopResult {
  /** Operations that completed successfully inside the measured window. */
  completed: number;
  /** Failed operations inside the window, by reason. */
  failures: Record<string, number>;
  windowMs: number;
  /** Latency (ms) of each operation counted in `completed`. */
  latencies: number[];
  /** The process that ran the loop, over the window. */
  load: Load;
  /** Busy CPU of the whole machine over the window, in % of one core (200 = both cores). */
  machineBusy: number;
}

/** The items of `list` in turn, round and round, with the turn number. */
export function cycle<T>(list: T[]): () => { item: T; turn: number } {
  let turn = 0;
  return () => ({ item: list[turn % list.length] as T, turn: turn++ });
}

/**
 * Runs each of `workers` (one operation each) in a closed loop for `warmupMs` then `measureMs`. An operation
 * counts when it completes inside the window; one still in flight at the end finishes but is not counted. An
 * operation throws to fail (the error's message is the reason). `onMeasure` is called when the window opens.
 */
export function closedLoop(
  workers: (() => Promise<void>)[],
  warmupMs: number,
  measureMs: number,
  onMeasure: () => void = () => undefined,
): Promise<LoopResult> {
  return runLoops(workers, { warmupMs, measureMs }, onMeasure);
}

/**
 * Like `closedLoop`, but each worker starts its operations on a fixed schedule, `ratePerSecond` in all
 * spread evenly over the workers, instead of as soon as the previous one ended. A latency runs from the
 * scheduled start, so an operation that had to wait for a late predecessor counts its wait too (no
 * coordinated omission); a worker that falls behind starts the next one at once.
 */
export function pacedLoop(
  workers: (() => Promise<void>)[],
  ratePerSecond: number,
  warmupMs: number,
  measureMs: number,
  onMeasure: () => void = () => undefined,
): Promise<LoopResult> {
  return runLoops(workers, { warmupMs, measureMs, ratePerSecond }, onMeasure);
}

async function runLoops(
  workers: (() => Promise<void>)[],
  plan: { warmupMs: number; measureMs: number; ratePerSecond?: number },
  onMeasure: () => void,
): Promise<LoopResult> {
  const { warmupMs, measureMs, ratePerSecond } = plan;
  const windowStart = clock() + warmupMs;
  const windowEnd = windowStart + measureMs;
  const latencies: number[] = [];
  const failures: Record<string, number> = {};
  let meters: { load: () => Load; machine: () => number } | undefined;
  let result: { load: Load; machineBusy: number } | undefined;
  const opened = setTimeout(() => {
    meters = { load: loadMeter(), machine: machineMeter() };
    onMeasure();
  }, warmupMs);
  const closed = setTimeout(() => {
    if (meters) result = { load: meters.load(), machineBusy: meters.machine() };
  }, warmupMs + measureMs);
  const interval = ratePerSecond ? (1000 * workers.length) / ratePerSecond : 0;
  const loop = async (op: () => Promise<void>, index: number) => {
    // Paced workers start staggered, so the schedule is even across them.
    let next = clock() + (interval * index) / workers.length;
    while ((interval ? next : clock()) < windowEnd) {
      if (interval) {
        const wait = next - clock();
        if (wait > 0) await sleep(wait);
      }
      const started = interval ? next : clock();
      next += interval;
      let reason: string | undefined;
      try {
        await op();
      } catch (error) {
        reason = (error as Error).message;
      }
      const ended = clock();
      if (ended < windowStart || ended > windowEnd) continue;
      if (reason === undefined) latencies.push(ended - started);
      else failures[reason] = (failures[reason] ?? 0) + 1;
    }
  };
  await Promise.all(workers.map(loop));
  clearTimeout(opened);
  clearTimeout(closed);
  result ??= meters
    ? { load: meters.load(), machineBusy: meters.machine() }
    : { load: { cpuPercent: NaN, loopDelayP99: NaN }, machineBusy: NaN };
  return { completed: latencies.length, failures, windowMs: measureMs, latencies, ...result };
}

// --- the HTTP write load -------------------------------------------------------------------------------------

export interface WriteLoadSpec {
  baseUrl: string;
  token: string;
  /** Per connection, the nodes it updates in turn, with their current version (the ETag it will send). */
  nodes: { id: string; version: number }[][];
  warmupMs: number;
  measureMs: number;
  /** Updates per second over all connections, on a schedule (`pacedLoop`); absent: closed loops. */
  ratePerSecond?: number;
}

/**
 * `PATCH /api/hierarchy/nodes/:id` with `If-Match` in closed loops, one per connection (keep-alive agent with
 * one socket per connection). Each update changes the title; the new ETag becomes the node's next If-Match.
 * A refused update (e.g. 409) counts as a failure and re-reads the node's ETag.
 */
export async function runWriteLoad(spec: WriteLoadSpec, onMeasure?: () => void): Promise<LoopResult> {
  const agent = keepAliveAgent(spec.nodes.length);
  const auth = `Bearer ${spec.token}`;
  const worker = (nodes: { id: string; version: number }[]) => {
    const next = cycle(nodes.map((n) => ({ ...n })));
    return () => update(next());
  };
  const update = async ({ item: node, turn }: { item: { id: string; version: number }; turn: number }) => {
    const url = `${spec.baseUrl}/api/hierarchy/nodes/${node.id}`;
    const response = await httpRequest(agent, url, {
      method: 'PATCH',
      headers: {
        authorization: auth,
        'content-type': 'application/json',
        'if-match': `"${node.version}"`,
      },
      body: JSON.stringify({ title: `Measure ${node.id.slice(0, 8)} revision ${turn}` }),
    });
    if (response.status !== 200) {
      const current = await httpRequest(agent, url, { method: 'GET', headers: { authorization: auth } });
      node.version = Number(String(current.headers['etag']).replace(/"/g, ''));
      throw new Error(`HTTP ${response.status}`);
    }
    node.version = Number(String(response.headers['etag']).replace(/"/g, ''));
  };
  try {
    const workers = spec.nodes.map(worker);
    return spec.ratePerSecond
      ? await pacedLoop(workers, spec.ratePerSecond, spec.warmupMs, spec.measureMs, onMeasure)
      : await closedLoop(workers, spec.warmupMs, spec.measureMs, onMeasure);
  } finally {
    agent.destroy();
  }
}

type FromChild = { measuring: true } | { result: LoopResult } | { error: string };

/**
 * Runs the write load in a child process (this file through ts-run). `onMeasure` is called when the child
 * opens its measured window, so the caller can meter the service's process over the same window.
 */
export function forkWriteLoad(spec: WriteLoadSpec, onMeasure: () => void): Promise<LoopResult> {
  const child = fork(join(__dirname, '../../scripts/ts-run.cjs'), [__filename], { stdio: 'inherit' });
  return new Promise<LoopResult>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`write load process exited with ${code}`)));
    child.on('message', (message: FromChild) => {
      if ('measuring' in message) onMeasure();
      else if ('result' in message) resolve(message.result);
      else reject(new Error(`write load process failed: ${message.error}`));
    });
    child.send(spec);
  });
}

function childProcess(): void {
  let finished = false;
  const send = (message: FromChild) =>
    new Promise<void>((resolve) => void process.send?.(message, undefined, undefined, () => resolve()));
  // The parent went away: nothing to report to any more.
  process.on('disconnect', () => process.exit(finished ? 0 : 1));
  process.once('message', (spec: WriteLoadSpec) => {
    runWriteLoad(spec, () => void send({ measuring: true }))
      .then((result) => send({ result }))
      .catch((error: unknown) => send({ error: String((error as Error)?.stack ?? error) }))
      // Only once the report has been handed over: a disconnect right after send() can drop a large message.
      .finally(() => {
        finished = true;
        process.disconnect();
      });
  });
}

if (process.argv[1] === __filename && process.send) childProcess();
