/**
 * Authorization overhead (issue 4): a scoped list of 1,000 nodes for a user holding 20 assignments, against
 * the same list query without authorization, in the same process and run.
 *
 * Tree (generated in SQL after the service migrated): the 200,445-node tree of the subtree benchmark
 * (1 organization, 4 portfolios, 40 programs, 400 projects, 4,000 packages of 49 measures each), the
 * size the tree storage is built for. The user is a viewer on 20 measure packages (50 nodes each, the
 * package and its measures), so exactly 1,000 nodes are in scope: one page.
 *
 * - steerco: what the service does for `GET /api/hierarchy/nodes?limit=1000`: resolve the caller (the
 *   user's status and access version from memory, the ability from the cache), list with the scope
 *   predicate in SQL (in the shape chosen for the scope's size, counted once per ability), cut each node to
 *   the tabs the caller may view.
 * - baseline: the same list query of the same page size without the scope predicate, the caller's access
 *   or the field filtering (the rows are the first 1,000 of the tree instead: same shape, same count).
 *
 * Also: the time to answer an ability from the cache (goal ≤ 0.1 ms) and the per-request access
 * resolution including its database query.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { Pool } from 'pg';
import { AbilityCache, BUILT_IN_ROLES } from '@steerco/authz';
import {
  visibleScope,
  HIERARCHY_SCHEMA,
  HierarchyAccess,
  isSmallScope,
  listNodesQuerySchema,
  NodeQueries,
  NodeRows,
  SCOPE_COUNT_CAP,
  toSnapshot,
} from '@steerco/hierarchy-service';
import { unitOfWorkToken } from '@steerco/platform-nest';
import type { UnitOfWork } from '@steerco/platform-persistence';
import { runWithContext } from '@steerco/platform-observability';
import { createTestDatabase } from '@steerco/platform-testing';
import { startHierarchyApp } from './lib/hierarchy-app';
import { Cleanup, clock, ms, printMachineState, ratio, stats } from './lib/hierarchy-support';
import { BIG_TREE, generateTree } from './lib/hierarchy-tree';

const { values: flags } = parseArgs({
  strict: false,
  options: {
    iterations: { type: 'string', default: '400' },
    rounds: { type: 'string', default: '20' },
    strict: { type: 'boolean', default: false },
  },
});
const ITERATIONS = Number(flags.iterations);
const ROUNDS = Number(flags.rounds);
const PAGE = 1000;
const ASSIGNMENTS = 20;
const GOAL_RATIO = 0.8;
const GOAL_CACHE_MS = 0.1;

async function main(): Promise<void> {
  printMachineState('before');
  const cleanup = new Cleanup();
  try {
    const db = await createTestDatabase('steerco_bench');
    cleanup.add(() => db.drop());
    const app = await startHierarchyApp(db.url);
    cleanup.add(() => app.close());
    const pool = new Pool({ connectionString: db.url, max: 2 });
    cleanup.add(() => pool.end());
    await generateTree(pool, HIERARCHY_SCHEMA, BIG_TREE);
    // Packages spread over the tree: every 200th by key.
    const { rows: projects } = await pool.query<{ id: string }>(
      `select id from (select id, row_number() over (order by key) as n
                         from "${HIERARCHY_SCHEMA}".node where level = 'measurePackage') p
        where n % 200 = 1 order by n limit ${ASSIGNMENTS}`,
    );
    const userId = await app.identity.user(randomUUID());
    for (const project of projects) await app.identity.grant(userId, 'viewer', project.id);

    const access = app.app.get(HierarchyAccess);
    const queries = app.app.get(NodeQueries);
    // The baseline reads through the service's own pool, as the service does.
    const reader = new NodeRows(
      app.app.get<UnitOfWork>(unitOfWorkToken(HIERARCHY_SCHEMA)).sqlReader(),
      HIERARCHY_SCHEMA,
    );
    const context = { actor: userId, correlationId: randomUUID() };
    // The query string `?limit=1000`, validated as the controller does.
    const query = listNodesQuerySchema.parse({ limit: String(PAGE) });
    const scoped = () => runWithContext(context, async () => queries.list(await access.caller(), query));
    const unscoped = async () =>
      (await reader.list({ includeArchived: false, limit: PAGE + 1 })).slice(0, PAGE).map(toSnapshot);

    // Informational: the scoped SQL alone (the scope predicate in the query shape the service picks for
    // it, no caller resolution, no field filtering).
    const callerAccess = await runWithContext(context, () => access.caller());
    const predicate = (next: number) => visibleScope(callerAccess, 'n.path', next);
    const size = await reader.scopeSize(predicate, SCOPE_COUNT_CAP);
    const scope = { predicate, small: isSmallScope(size, PAGE) };
    console.log(`scope: ${size.nodes} of about ${size.table} nodes, ${scope.small ? 'small' : 'large'}`);
    const scopedSqlOnly = async () =>
      (await reader.list({ includeArchived: false, limit: PAGE + 1, scope })).slice(0, PAGE).map(toSnapshot);

    const first = await scoped();
    if (first.items.length !== PAGE) throw new Error(`the scoped page has ${first.items.length} nodes`);
    console.log(
      `authz-overhead: ${PAGE} nodes per page, user with ${projects.length} viewer assignments, ` +
        `${ITERATIONS} iterations per side in ${ROUNDS} alternating rounds`,
    );

    const sides = { baseline: unscoped, steerco: scoped, 'scoped sql': scopedSqlOnly };
    type Side = keyof typeof sides;
    const times: Record<Side, number[]> = { baseline: [], steerco: [], 'scoped sql': [] };
    const run = async (side: Side, count: number, measured: boolean) => {
      for (let i = 0; i < count; i++) {
        const started = clock();
        await sides[side]();
        if (measured) times[side].push(clock() - started);
      }
    };
    const order: Side[] = ['baseline', 'steerco', 'scoped sql'];
    for (const side of order) await run(side, 20, false);
    for (let round = 0; round < ROUNDS; round++) {
      const count = Math.ceil(ITERATIONS / ROUNDS);
      for (const side of round % 2 === 0 ? order : [...order].reverse()) await run(side, count, true);
    }

    // The ability from the cache: the same 20 assignments, as the service resolves them.
    const cache = new AbilityCache();
    const principal = { userId };
    cache.put(
      principal,
      '1.1',
      projects.map((p, i) => ({
        id: `a${i}`,
        userId,
        roleId: 'viewer',
        nodeId: p.id,
        nodePath: [p.id],
        role: BUILT_IN_ROLES.viewer,
      })),
    );
    const lookups = 100_000;
    const cacheStarted = clock();
    for (let i = 0; i < lookups; i++) cache.peek(principal, '1.1');
    const cacheMs = (clock() - cacheStarted) / lookups;
    const callerTimes: number[] = [];
    for (let i = 0; i < 200; i++) {
      const started = clock();
      await runWithContext(context, () => access.caller());
      callerTimes.push(clock() - started);
    }

    const base = stats(times.baseline);
    const steerco = stats(times.steerco);
    const throughput = base.mean / steerco.mean;
    console.log('');
    console.log('side         its     mean      p50      p95');
    for (const [label, t] of [
      ['baseline', base],
      ['steerco', steerco],
      ['scoped sql', stats(times['scoped sql'])],
    ] as const)
      console.log(
        [
          label.padEnd(10),
          String(t.count).padStart(5),
          ...[t.mean, t.p50, t.p95].map((v) => ms(v, 2).padStart(8)),
        ].join(' '),
      );
    console.log(`ability from the cache: ${(cacheMs * 1000).toFixed(2)} µs per lookup (${lookups} lookups)`);
    console.log(
      `caller resolution per request (access version from memory or one query, cached ability): mean ${ms(stats(callerTimes).mean, 3)} ms`,
    );
    printMachineState('after');
    const met = throughput >= GOAL_RATIO && cacheMs <= GOAL_CACHE_MS;
    const verdict = met ? 'MET' : 'NOT MET';
    console.log(
      `summary: authz-overhead ${PAGE} nodes, ${projects.length} assignments: baseline ${ms(base.mean, 2)} ms, ` +
        `steerco ${ms(steerco.mean, 2)} ms per page (${ratio(throughput)}, goal ≥ ${GOAL_RATIO}×); ` +
        `ability from cache ${(cacheMs * 1000).toFixed(2)} µs (goal ≤ ${GOAL_CACHE_MS * 1000} µs): ${verdict}`,
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
  .finally(() => setTimeout(() => process.exit(), 1000).unref());
