/**
 * Hierarchy write path: node updates over HTTP (`PATCH /api/hierarchy/nodes/:id` with If-Match: token check,
 * validation, authorization, the read and version check, then one guarded statement writing the node, its
 * audit record with its hash chain and its outbox event) at 16 concurrent connections, against a raw `pg`
 * loop writing the same rows (UPDATE of the node, INSERT of an audit record, INSERT of an outbox event, one
 * transaction each) at 16 concurrent clients, in the same run on the same database. Goal: Steerco ≥ 0.35×
 * the raw throughput, Steerco p99 ≤ 25 ms.
 *
 * Four phases, each on measures of its own: raw and Steerco in closed loops (each as fast as it can: the
 * throughput ratio), then raw and Steerco paced at the goal's throughput, 0.35× raw (the p99 is judged
 * there: in a saturated closed loop, latency is only 16 / throughput by Little's law, and on two cores even
 * the raw loop's p99 exceeds 25 ms). The saturated p99 is printed too.
 *
 * The service runs in this process as the integration tests start it (fresh database, in-process bus, outbox
 * relay running); the HTTP clients run in a child process (`--in-process`: in this one). The relay publishes
 * the outbox rows of both phases, so both pay for it alike.
 *
 *   node tools/scripts/ts-run.cjs tools/bench/hierarchy-write.bench.ts [--seconds=15] [--warmup=5]
 *        [--connections=16] [--nodes-per-connection=8] [--pool-size=N] [--in-process] [--strict]
 */
import { createHash } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Client, Pool } from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { eventSource, nodeUpdatedV1 } from '@steerco/contracts';
import { HIERARCHY_SCHEMA } from '@steerco/hierarchy-service';
import { createTestDatabase } from '@steerco/platform-testing';
import { grantOnOrganization, startHierarchyApp } from './lib/hierarchy-app';
import {
  closedLoop,
  cycle,
  forkWriteLoad,
  pacedLoop,
  runWriteLoad,
  type LoopResult,
} from './lib/hierarchy-load';
import {
  Cleanup,
  clock,
  loadMeter,
  ms,
  printMachineState,
  ratio,
  sleep,
  stats,
  type Load,
} from './lib/hierarchy-support';
import { generateTree } from './lib/hierarchy-tree';

const { values: flags } = parseArgs({
  strict: false,
  options: {
    seconds: { type: 'string', default: '15' },
    warmup: { type: 'string', default: '5' },
    connections: { type: 'string', default: '16' },
    'nodes-per-connection': { type: 'string', default: '8' },
    'pool-size': { type: 'string' },
    'in-process': { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
  },
});
const MEASURE_MS = Number(flags.seconds) * 1000;
const WARMUP_MS = Number(flags.warmup) * 1000;
const CONNECTIONS = Number(flags.connections);
const NODES_PER_CONNECTION = Number(flags['nodes-per-connection']);
const POOL_SIZE = flags['pool-size'] as string | undefined;
const GOAL_RATIO = 0.35;
const GOAL_P99_MS = 25;
const ACTOR = 'bench-user';
const s = `"${HIERARCHY_SCHEMA}"`;

interface PhaseResult extends LoopResult {
  /** The process that hosts the service (and, for the raw phase, the pg loop), over the window. */
  service: Load;
  /** The HTTP clients' process, when they run apart. */
  client?: Load;
  /** Outbox rows still pending when the window closed, and how long the relay took to publish them. */
  outboxPending: number;
  outboxDrainMs: number;
}

interface NodeRow {
  id: string;
  key: string;
  level: string;
  parent_id: string | null;
  path: string;
  title: string;
  description: string | null;
  owner_id: string | null;
  deputy_id: string | null;
  sponsor_id: string | null;
  controller_id: string | null;
  business_unit: string | null;
  function: string | null;
  legal_entity: string | null;
  region: string | null;
  cost_centre: string | null;
  measure_kind: string | null;
  customer_ref: string | null;
  tags: string[];
  archived: boolean;
  version: number;
}

const idOfLabel = (l: string) =>
  `${l.slice(0, 8)}-${l.slice(8, 12)}-${l.slice(12, 16)}-${l.slice(16, 20)}-${l.slice(20)}`;

/** The published snapshot of a node row, hand-written (what the service's mapper produces). */
function snapshot(r: NodeRow) {
  return {
    id: r.id,
    key: r.key,
    level: r.level,
    parentId: r.parent_id,
    path: r.path.split('.').map(idOfLabel),
    title: r.title,
    description: r.description,
    ownerId: r.owner_id,
    deputyId: r.deputy_id,
    sponsorId: r.sponsor_id,
    controllerId: r.controller_id,
    businessUnit: r.business_unit,
    function: r.function,
    legalEntity: r.legal_entity,
    region: r.region,
    costCentre: r.cost_centre,
    measureKind: r.measure_kind,
    customerRef: r.customer_ref,
    tags: r.tags,
    archived: r.archived,
    version: r.version,
  };
}

// --- (a) baseline: the same rows through a raw pg loop -----------------------------------------------------------

interface RawNode {
  id: string;
  title: string;
  version: number;
  /** The last audit hash of the node: each client owns its nodes, so it knows it without reading it. */
  lastHash: string | null;
}

async function rawPhase(
  databaseUrl: string,
  nodes: RawNode[][],
  onMeasure: () => void,
  ratePerSecond?: number,
): Promise<LoopResult> {
  const cleanup = new Cleanup();
  try {
    const clients = await Promise.all(
      nodes.map(async () => {
        const client = new Client({ connectionString: databaseUrl });
        await client.connect();
        cleanup.add(() => client.end());
        return client;
      }),
    );
    const update = async (client: Client, { item: node, turn }: { item: RawNode; turn: number }) => {
      const title = `Measure ${node.id.slice(0, 8)} revision ${turn}`;
      const correlationId = uuidv7();
      await client.query('begin');
      try {
        const { rows } = await client.query<NodeRow>(
          `update ${s}.node set title = $1, version = version + 1, updated_at = now(), updated_by = $2
            where id = $3 and version = $4
            returning id, key, level, parent_id, path::text as path, title, description, owner_id, deputy_id,
                      sponsor_id, controller_id, business_unit, "function", legal_entity, region, cost_centre,
                      measure_kind, customer_ref, tags, archived, version`,
          [title, ACTOR, node.id, node.version],
        );
        const row = rows[0];
        if (!row) throw new Error('version conflict');
        const changes = { title: { before: node.title, after: title } };
        const auditId = uuidv7();
        const occurredAt = new Date();
        const body = JSON.stringify({
          action: 'updated',
          actor: ACTOR,
          cause: null,
          changes,
          correlationId,
          id: auditId,
          objectId: node.id,
          objectType: 'node',
          occurredAt: occurredAt.toISOString(),
        });
        const hash = createHash('sha256')
          .update(`${node.lastHash ?? ''}\n${body}`)
          .digest('hex');
        await client.query(
          `insert into ${s}.audit_record
             (id, occurred_at, actor, object_type, object_id, action, changes, correlation_id, cause, prev_hash, hash)
           values ($1, $2, $3, 'node', $4, 'updated', $5::json, $6, null, $7, $8)`,
          [auditId, occurredAt, ACTOR, node.id, JSON.stringify(changes), correlationId, node.lastHash, hash],
        );
        await client.query(
          `insert into ${s}.outbox_event
             (id, topic, key, type, source, subject, aggregate_version, actor, correlation_id, payload)
           values ($1, $2, $3, $4, $5, $3, $6, $7, $8, $9::json)`,
          [
            uuidv7(),
            nodeUpdatedV1.topic.name,
            node.id,
            nodeUpdatedV1.type,
            eventSource('hierarchy'),
            row.version,
            ACTOR,
            correlationId,
            JSON.stringify({ node: snapshot(row), changes }),
          ],
        );
        await client.query('commit');
        node.title = title;
        node.version = row.version;
        node.lastHash = hash;
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
    };
    const workers = nodes.map((list, i) => {
      const next = cycle(list);
      const client = clients[i] as Client;
      return () => update(client, next());
    });
    return ratePerSecond
      ? await pacedLoop(workers, ratePerSecond, WARMUP_MS, MEASURE_MS, onMeasure)
      : await closedLoop(workers, WARMUP_MS, MEASURE_MS, onMeasure);
  } finally {
    await cleanup.run();
  }
}

// --- run -----------------------------------------------------------------------------------------------------

async function outboxPending(pool: Pool): Promise<number> {
  const { rows } = await pool.query<{ n: string }>(
    `select count(*) as n from ${s}.outbox_event where status = 'pending'`,
  );
  return Number(rows[0]?.n ?? 0);
}

/** Waits (up to 2 min) for the relay to publish every pending outbox row; returns how long it took. */
async function drainOutbox(pool: Pool): Promise<number> {
  const started = clock();
  while ((await outboxPending(pool)) > 0 && clock() - started < 120_000) await sleep(100);
  return clock() - started;
}

/** Runs a phase after a checkpoint (both phases start with the WAL flushed alike), then lets the relay drain. */
async function phase(
  pool: Pool,
  run: (onMeasure: () => void) => Promise<{ loop: LoopResult; client?: Load }>,
): Promise<PhaseResult> {
  await pool.query('checkpoint');
  let meter: (() => Load) | undefined;
  const { loop, client } = await run(() => (meter = loadMeter()));
  const service = meter?.() ?? { cpuPercent: NaN, loopDelayP99: NaN };
  const pending = await outboxPending(pool);
  const drain = await drainOutbox(pool);
  return { ...loop, service, client, outboxPending: pending, outboxDrainMs: drain };
}

function row(label: string, r: PhaseResult): string {
  const l = stats(r.latencies);
  const failed = Object.values(r.failures).reduce((sum, n) => sum + n, 0);
  const load = (x: Load | undefined) =>
    x ? `${x.cpuPercent.toFixed(0)}%/${ms(x.loopDelayP99)}` : 'in-process';
  return [
    label.padEnd(8),
    String(r.completed).padStart(6),
    (r.completed / (r.windowMs / 1000)).toFixed(0).padStart(6),
    ...[l.p50, l.p95, l.p99, l.max].map((v) => ms(v).padStart(7)),
    String(failed).padStart(5),
    load(r.service).padStart(10),
    load(r.client).padStart(10),
    `${r.machineBusy.toFixed(0)}%`.padStart(8),
    `${r.outboxPending} (${(r.outboxDrainMs / 1000).toFixed(1)} s)`.padStart(14),
  ].join(' ');
}

async function main(): Promise<void> {
  const where = flags['in-process'] ? 'clients in the bench process' : 'clients in a child process';
  console.log(
    `hierarchy-write: ${CONNECTIONS} connections, ${NODES_PER_CONNECTION} nodes each, warm-up ${WARMUP_MS / 1000} s, ` +
      `measured ${MEASURE_MS / 1000} s, ${where}, DATABASE_POOL_SIZE ${POOL_SIZE ?? '10 (default)'}`,
  );
  printMachineState('before');
  const cleanup = new Cleanup();
  try {
    const db = await createTestDatabase('steerco_bench');
    cleanup.add(() => db.drop());
    const app = await startHierarchyApp(db.url, POOL_SIZE ? { DATABASE_POOL_SIZE: POOL_SIZE } : {});
    cleanup.add(() => app.close());
    const pool = new Pool({ connectionString: db.url, max: 2 });
    cleanup.add(() => pool.end());

    // Measures under one package, a quarter for each phase; each connection owns NODES_PER_CONNECTION of them.
    const perPhase = CONNECTIONS * NODES_PER_CONNECTION;
    await generateTree(pool, HIERARCHY_SCHEMA, {
      portfolios: 1,
      programsPerPortfolio: 1,
      projectsPerProgram: 1,
      packagesPerProject: 1,
      measuresPerPackage: 4 * perPhase,
    });
    await grantOnOrganization(pool, app, 'pmo-admin');
    const { rows: measures } = await pool.query<{ id: string; title: string }>(
      `select id, title from ${s}.node where level = 'measure' order by key`,
    );
    const split = <T>(list: T[]) =>
      Array.from({ length: CONNECTIONS }, (_, c) =>
        list.slice(c * NODES_PER_CONNECTION, (c + 1) * NODES_PER_CONNECTION),
      );
    const setOf = (phase: number) => measures.slice(phase * perPhase, (phase + 1) * perPhase);
    const rawNodes = (phase: number) =>
      split(setOf(phase).map((m) => ({ ...m, version: 1, lastHash: null })));
    const steercoNodes = (phase: number) => split(setOf(phase).map((m) => ({ id: m.id, version: 1 })));
    const steercoPhase = (nodes: { id: string; version: number }[][], ratePerSecond?: number) =>
      phase(pool, async (onMeasure) => {
        const spec = {
          baseUrl: app.baseUrl,
          token: app.token,
          nodes,
          warmupMs: WARMUP_MS,
          measureMs: MEASURE_MS,
          ratePerSecond,
        };
        if (flags['in-process']) return { loop: await runWriteLoad(spec, onMeasure) };
        const loop = await forkWriteLoad(spec, onMeasure);
        return { loop, client: loop.load };
      });

    // Closed loops: the most each side does at 16 connections, the throughput ratio.
    const raw = await phase(pool, async (onMeasure) => ({
      loop: await rawPhase(db.url, rawNodes(0), onMeasure),
    }));
    const steerco = await steercoPhase(steercoNodes(1));
    // Paced at the goal's throughput (GOAL_RATIO × raw): the latency a user sees when the service
    // carries that load. A saturated closed loop's latency is only its throughput seen through Little's law.
    const goalRate = GOAL_RATIO * (raw.completed / (raw.windowMs / 1000));
    const rawPaced = await phase(pool, async (onMeasure) => ({
      loop: await rawPhase(db.url, rawNodes(2), onMeasure, goalRate),
    }));
    const steercoPaced = await steercoPhase(steercoNodes(3), goalRate);

    // Every update of the Steerco phase (warm-up included) left exactly one audit record and one event.
    const { rows: check } = await pool.query<{ updates: string; audits: string; events: string }>(
      `select (select sum(version - 1) from ${s}.node where id = any($1::uuid[])) as updates,
              (select count(*) from ${s}.audit_record where object_id = any($1::text[])) as audits,
              (select count(*) from ${s}.outbox_event where key = any($1::text[])) as events`,
      [[1, 3].flatMap((p) => setOf(p).map((n) => n.id))],
    );
    const trail = check[0];
    const trailOk = trail !== undefined && trail.updates === trail.audits && trail.updates === trail.events;
    console.log('');
    console.log(
      'phase       ops  ops/s     p50     p95     p99     max  fail   service    client  machine   outbox left',
    );
    console.log(row('raw pg', raw));
    console.log(row('steerco', steerco));
    console.log(`paced at ${goalRate.toFixed(0)} ops/s (${GOAL_RATIO}× raw):`);
    console.log(row('raw pg', rawPaced));
    console.log(row('steerco', steercoPaced));
    console.log(
      '  latency (ms): one update, client-side (raw: begin → commit; steerco: request → response); paced: from ' +
        'its scheduled start, waits behind a late predecessor included',
    );
    console.log(
      '  service/client: CPU % of one core / event-loop delay p99 (ms) of the process hosting the service (raw: ' +
        'the pg loop) and of the HTTP clients; machine: busy CPU of both cores (200 % = full)',
    );
    console.log(
      `  outbox left: rows pending when the window closed (relay in the service process), time to publish them`,
    );
    for (const [label, r] of [
      ['raw pg', raw],
      ['steerco', steerco],
      ['raw pg paced', rawPaced],
      ['steerco paced', steercoPaced],
    ] as const) {
      if (Object.keys(r.failures).length > 0)
        console.log(`  ${label} failures: ${JSON.stringify(r.failures)}`);
    }
    console.log(
      `  steerco trail check: ${trail?.updates} updates applied, ${trail?.audits} audit records, ` +
        `${trail?.events} events: ${trailOk ? 'one of each per update' : 'MISMATCH'}`,
    );
    // A closed loop keeps CONNECTIONS requests in flight: mean latency = CONNECTIONS / throughput (Little's law).
    console.log(
      `  note: with ${CONNECTIONS} requests always in flight, a mean latency within ${GOAL_P99_MS} ms needs ` +
        `≥ ${Math.ceil(CONNECTIONS / (GOAL_P99_MS / 1000))} ops/s`,
    );

    const rawRate = raw.completed / (raw.windowMs / 1000);
    const steercoRate = steerco.completed / (steerco.windowMs / 1000);
    const pacedRate = steercoPaced.completed / (steercoPaced.windowMs / 1000);
    const throughput = steercoRate / rawRate;
    const saturatedP99 = stats(steerco.latencies).p99;
    const p99 = stats(steercoPaced.latencies).p99;
    // The paced run must have carried its rate: a service that fell behind shows it in its latency anyway,
    // but a run that did not offer the load proves nothing.
    const carried = pacedRate >= 0.95 * goalRate;
    const failed =
      !trailOk ||
      [raw, steerco, rawPaced, steercoPaced].some((r) => Object.keys(r.failures).length > 0) ||
      !carried;
    const met = !failed && throughput >= GOAL_RATIO && p99 <= GOAL_P99_MS;
    const verdict = `${met ? 'MET' : 'NOT MET'}${failed ? ' (failed operations, trail mismatch or rate not carried)' : ''}`;
    console.log('');
    printMachineState('after');
    console.log(
      `throughput ratio (steerco / raw): ${ratio(throughput)} (goal ≥ ${GOAL_RATIO}×: ${throughput >= GOAL_RATIO ? 'met' : 'not met'}); ` +
        `steerco p99 at ${pacedRate.toFixed(0)} ops/s ${ms(p99)} ms (goal ≤ ${GOAL_P99_MS} ms: ` +
        `${p99 <= GOAL_P99_MS ? 'met' : 'not met'}; saturated: ${ms(saturatedP99)} ms): ${verdict}`,
    );
    console.log(
      `summary: hierarchy-write ${CONNECTIONS} conns: raw ${rawRate.toFixed(0)} ops/s, steerco ${steercoRate.toFixed(0)} ops/s ` +
        `(${ratio(throughput)}, goal ≥ ${GOAL_RATIO}×), steerco p99 ${ms(p99)} ms at ${pacedRate.toFixed(0)} ops/s ` +
        `(goal ≤ ${GOAL_P99_MS}; raw ${ms(stats(rawPaced.latencies).p99)} ms), saturated p99 ${ms(saturatedP99)} ms: ${verdict}`,
    );
    if (!met && flags.strict) process.exitCode = 1;
  } finally {
    await cleanup.run();
  }
}

main()
  .catch((error: unknown) => {
    console.error(error);
    process.exitCode = 2;
  })
  // A client that failed to close must not keep the benchmark alive.
  .finally(() => process.exit());
