/**
 * Hierarchy subtree read: list a program's subtree (about 5,000 nodes) in a 200,000-node tree through the
 * service (`GET /api/hierarchy/nodes/:programId/subtree?limit=5000`: token check, validation, node lookup,
 * MikroORM query and hydration, mapping, JSON over HTTP) against the hand-written SQL
 * (`... where path <@ $1 and id <> $2 and not archived order by key limit 5001`) through `pg`, the same
 * number of sequential iterations each, in alternating rounds. Goal: Steerco ≥ 0.5× the raw throughput.
 *
 * The tree is generated in SQL straight into the service's tables after the service migrated them (one
 * organization, 4 portfolios, 10 programs each, 10 projects per program, 10 packages per project, 49
 * measures per package: 200,445 nodes, 5,010 below each program), then analysed.
 *
 *   node tools/scripts/ts-run.cjs tools/bench/hierarchy-subtree.bench.ts [--iterations=40] [--warmup=5]
 *        [--rounds=4] [--strict]
 */
import { parseArgs } from 'node:util';
import { Client, Pool } from 'pg';
import { HIERARCHY_SCHEMA } from '@steerco/hierarchy-service';
import { createTestDatabase } from '@steerco/platform-testing';
import { grantOnOrganization, startHierarchyApp } from './lib/hierarchy-app';
import { httpRequest, keepAliveAgent } from './lib/hierarchy-http';
import {
  Cleanup,
  clock,
  loadMeter,
  machineMeter,
  ms,
  printMachineState,
  ratio,
  stats,
  type Load,
} from './lib/hierarchy-support';
import { BIG_TREE, generateTree, treeSize } from './lib/hierarchy-tree';

const { values: flags } = parseArgs({
  strict: false,
  options: {
    iterations: { type: 'string', default: '40' },
    warmup: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '4' },
    strict: { type: 'boolean', default: false },
  },
});
const ITERATIONS = Number(flags.iterations);
const WARMUP = Number(flags.warmup);
const ROUNDS = Number(flags.rounds);
const LIMIT = 5000;
const GOAL_RATIO = 0.5;
const SHAPE = BIG_TREE;
const s = `"${HIERARCHY_SCHEMA}"`;

/** The hand-written query: the same columns, filter, order and page size (one more row) as the service. */
const RAW_SQL = `select id, key, level, parent_id, path, title, description, owner_id, deputy_id, sponsor_id,
       controller_id, business_unit, "function", legal_entity, region, cost_centre, measure_kind, customer_ref,
       tags, archived, version, created_at, updated_at, created_by, updated_by
  from ${s}.node
 where path <@ $1::ltree and id <> $2 and not archived
 order by key
 limit ${LIMIT + 1}`;

interface Side {
  label: string;
  /** One iteration; returns the ids it listed, in order. */
  run(): Promise<string[]>;
  times: number[];
  load: Load[];
  machine: number[];
}

async function iterate(side: Side, count: number, measured: boolean): Promise<void> {
  const meter = loadMeter();
  const machine = machineMeter();
  for (let i = 0; i < count; i++) {
    const started = clock();
    await side.run();
    if (measured) side.times.push(clock() - started);
  }
  if (measured) {
    side.load.push(meter());
    side.machine.push(machine());
  }
}

function row(side: Side): string {
  const t = stats(side.times);
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  return [
    side.label.padEnd(8),
    String(t.count).padStart(5),
    (1000 / t.mean).toFixed(2).padStart(7),
    ...[t.mean, t.p50, t.p95, t.max].map((v) => ms(v).padStart(8)),
    `${mean(side.load.map((l) => l.cpuPercent)).toFixed(0)}%`.padStart(6),
    `${mean(side.machine).toFixed(0)}%`.padStart(8),
  ].join(' ');
}

async function main(): Promise<void> {
  const size = treeSize(SHAPE);
  console.log(
    `hierarchy-subtree: ${size.total} nodes, ${size.perProgram} below each program, limit ${LIMIT}, ` +
      `${ITERATIONS} measured iterations per side in ${ROUNDS} alternating rounds, ${WARMUP} warm-up each`,
  );
  printMachineState('before');
  const cleanup = new Cleanup();
  try {
    const db = await createTestDatabase('steerco_bench');
    cleanup.add(() => db.drop());
    const app = await startHierarchyApp(db.url);
    cleanup.add(() => app.close());
    const pool = new Pool({ connectionString: db.url, max: 2 });
    cleanup.add(() => pool.end());

    const loadStarted = clock();
    const programs = await generateTree(pool, HIERARCHY_SCHEMA, SHAPE);
    const { rows: counted } = await pool.query<{ n: string }>(`select count(*) as n from ${s}.node`);
    console.log(
      `tree: ${counted[0]?.n} nodes generated and analysed in ${((clock() - loadStarted) / 1000).toFixed(1)} s`,
    );
    const program = programs[Math.floor(programs.length / 2)];
    if (!program) throw new Error('the tree has no program');
    await grantOnOrganization(pool, app, 'pmo-admin');

    const client = new Client({ connectionString: db.url });
    await client.connect();
    cleanup.add(() => client.end());
    const agent = keepAliveAgent(1);
    cleanup.add(async () => agent.destroy());
    const url = `${app.baseUrl}/api/hierarchy/nodes/${program.id}/subtree?limit=${LIMIT}`;
    const headers = { authorization: `Bearer ${app.token}` };

    const raw: Side = {
      label: 'raw pg',
      run: async () =>
        (await client.query<{ id: string }>(RAW_SQL, [program.path, program.id])).rows.map((r) => r.id),
      times: [],
      load: [],
      machine: [],
    };
    let lastBody: Buffer = Buffer.alloc(0);
    const steerco: Side = {
      label: 'steerco',
      run: async () => {
        const response = await httpRequest(agent, url, { method: 'GET', headers });
        if (response.status !== 200) throw new Error(`HTTP ${response.status}: ${response.body.toString()}`);
        // The client's JSON parsing is not the service's work: the body is parsed only to check it, once.
        lastBody = response.body;
        return [];
      },
      times: [],
      load: [],
      machine: [],
    };

    // Both list the same nodes in the same order: the raw one more row (there is a next page).
    const rawIds = await raw.run();
    await steerco.run();
    const page = JSON.parse(lastBody.toString()) as { items: { id: string }[]; nextCursor?: string };
    const same =
      rawIds.length === LIMIT + 1 &&
      page.items.length === LIMIT &&
      page.nextCursor !== undefined &&
      page.items.every((item, i) => item.id === rawIds[i]);
    if (!same)
      throw new Error(`the service and the SQL disagree (${page.items.length} vs ${rawIds.length} rows)`);
    console.log(
      `program ${program.key}: both list the same ${LIMIT} nodes in key order (response body ${(lastBody.length / 1e6).toFixed(1)} MB)`,
    );

    await iterate(raw, WARMUP, false);
    await iterate(steerco, WARMUP, false);
    for (let round = 0; round < ROUNDS; round++) {
      const count = Math.ceil(ITERATIONS / ROUNDS);
      const order = round % 2 === 0 ? [raw, steerco] : [steerco, raw];
      for (const side of order) await iterate(side, count, true);
    }

    console.log('');
    console.log('phase      its   ops/s     mean      p50      p95      max  bench  machine');
    console.log(row(raw));
    console.log(row(steerco));
    console.log(
      '  times (ms): one listing, client-side (raw: query → rows; steerco: request → whole body received)',
    );
    console.log(
      '  bench: CPU % of one core of this process (service and client); machine: busy CPU of both cores (200 % = full)',
    );

    const throughput = stats(raw.times).mean / stats(steerco.times).mean;
    const met = throughput >= GOAL_RATIO;
    const verdict = met ? 'MET' : 'NOT MET';
    console.log('');
    printMachineState('after');
    console.log(`throughput ratio (steerco / raw): ${ratio(throughput)} (goal ≥ ${GOAL_RATIO}×): ${verdict}`);
    console.log(
      `summary: hierarchy-subtree ${LIMIT} of ${size.total}: raw ${ms(stats(raw.times).mean)} ms, ` +
        `steerco ${ms(stats(steerco.times).mean)} ms per listing (${ratio(throughput)}, goal ≥ ${GOAL_RATIO}×): ${verdict}`,
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
