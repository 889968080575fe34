#!/usr/bin/env node
// Runs the benchmarks: `npm run bench [-- [name...] [--skip-fsync] [bench options such as --strict]]`.
// Every tools/bench/*.bench.ts runs in turn through ts-run (or only those named: `event-lag` or the file name).
// Options other than --skip-fsync are passed to every benchmark. See tools/bench/README.md.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import kafkajs from 'kafkajs';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const benchDir = join(root, 'tools/bench');
const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const brokers = (process.env.TEST_KAFKA_BROKERS ?? process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const pgTestFsync = process.env.PG_TEST_FSYNC ?? '/usr/lib/postgresql/15/bin/pg_test_fsync';

const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('--'));
const benchArgs = args.filter((a) => a.startsWith('--') && a !== '--skip-fsync');

function selectBenchmarks() {
  const all = readdirSync(benchDir)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  if (names.length === 0) return all;
  const unknown = names.filter((n) => !all.includes(n) && !all.includes(`${n}.bench.ts`));
  if (unknown.length > 0) fail(`unknown benchmark(s): ${unknown.join(', ')} (have: ${all.join(', ')})`);
  return all.filter((f) => names.includes(f) || names.includes(f.replace(/\.bench\.ts$/, '')));
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

/** Both servers must be up before anything runs; returns the server's wal_sync_method. */
async function checkPrerequisites() {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  let walSyncMethod;
  try {
    await client.connect();
    walSyncMethod = (await client.query('show wal_sync_method')).rows[0].wal_sync_method;
  } catch (error) {
    fail(
      `PostgreSQL is not reachable at ${databaseUrl} (${error.message}). Start it or set TEST_DATABASE_URL.`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  const admin = new kafkajs.Kafka({
    clientId: 'bench-check',
    brokers,
    connectionTimeout: 3000,
    retry: { retries: 0 },
    logLevel: kafkajs.logLevel.NOTHING,
  }).admin();
  try {
    await admin.connect();
    await admin.describeCluster();
  } catch (error) {
    fail(
      `Kafka broker not reachable at ${brokers.join(',')} (${error.message}). Start it with \`npm run kafka:start\`.`,
    );
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
  return walSyncMethod;
}

function machine() {
  const model =
    /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? cpus()[0]?.model;
  const memory = (totalmem() / 2 ** 30).toFixed(1);
  return `${cpus().length} cores, ${model}, ${memory} GiB RAM, Node ${process.versions.node}, ${process.platform} ${process.arch}`;
}

/** pg_test_fsync on a temp file: the rate of one 8 kB write + sync with the server's wal_sync_method. */
function fsyncRate(walSyncMethod) {
  if (!existsSync(pgTestFsync)) return `not measured: ${pgTestFsync} is missing (set PG_TEST_FSYNC)`;
  const dir = mkdtempSync(join(tmpdir(), 'bench-fsync-'));
  try {
    const out = spawnSync(pgTestFsync, ['-s', '2', '-f', join(dir, 'fsync.test')], { encoding: 'utf8' });
    if (out.status !== 0) return `not measured: pg_test_fsync failed (${(out.stderr || out.stdout).trim()})`;
    const oneWrite = out.stdout.split('Compare file sync methods using two')[0];
    const line = new RegExp(`^\\s*${walSyncMethod}\\s+([\\d.]+) ops/sec\\s+(\\d+) usecs/op`, 'm').exec(
      oneWrite,
    );
    if (!line) return `not parsed: no "${walSyncMethod}" line in pg_test_fsync output`;
    return `${Math.round(Number(line[1]))} ops/s (${line[2]} µs/op): ${walSyncMethod} (the server's wal_sync_method), one 8 kB write, pg_test_fsync -s 2 on ${tmpdir()}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Runs one benchmark, streaming its output; keeps its `summary:` lines. */
function runBenchmark(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(
      process.execPath,
      ['tools/scripts/ts-run.cjs', join('tools/bench', file), ...benchArgs],
      {
        cwd: root,
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      output += chunk;
    });
    child.on('close', (code) => {
      const summary = output.split('\n').filter((l) => l.startsWith('summary: '));
      resolve({ file, code: code ?? 1, seconds: (Date.now() - started) / 1000, summary });
    });
  });
}

const benchmarks = selectBenchmarks();
const walSyncMethod = await checkPrerequisites();
console.log(`machine: ${machine()}`);
console.log(
  `pg_test_fsync: ${args.includes('--skip-fsync') ? 'skipped (--skip-fsync)' : fsyncRate(walSyncMethod)}`,
);
const results = [];
for (const file of benchmarks) {
  console.log(`\n=== ${relative(root, join(benchDir, file))}`);
  results.push(await runBenchmark(file));
}
console.log('\n=== results');
for (const r of results) {
  const status = r.code === 0 ? 'ok' : `exit ${r.code}`;
  console.log(`${r.file}: ${status} in ${r.seconds.toFixed(0)} s`);
  for (const line of r.summary) console.log(`  ${line.slice('summary: '.length)}`);
}
process.exitCode = results.some((r) => r.code !== 0) ? 1 : 0;
