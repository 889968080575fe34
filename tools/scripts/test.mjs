#!/usr/bin/env node
// `npm test`: every project's unit and integration tests through Nx, against the real PostgreSQL and Kafka.
// Starts the development Kafka broker when none answers (and stops it afterwards); checks PostgreSQL first so
// a missing database is one clear message rather than a hundred failing suites. Extra args go to Nx.
import { spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const brokers = process.env.TEST_KAFKA_BROKERS ?? '127.0.0.1:9092';
const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

function reachable(hostPort) {
  const [host, port] = hostPort.split(':');
  return new Promise((resolve) => {
    const socket = connect({ host, port: Number(port), timeout: 1000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

async function checkPostgres() {
  const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.end();
  } catch (error) {
    console.error(
      `PostgreSQL is not reachable at ${databaseUrl.replace(/:[^:@/]*@/, ':***@')} (${error.message}).\n` +
        'Start it (Debian: pg_ctlcluster 15 main start) or point TEST_DATABASE_URL at one.',
    );
    process.exit(1);
  }
}

function run(command, args) {
  return spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
}

await checkPostgres();
let startedBroker = false;
if (!(await reachable(brokers.split(',')[0]))) {
  if (process.env.TEST_KAFKA_BROKERS) {
    console.error(`Kafka is not reachable at ${brokers} (TEST_KAFKA_BROKERS).`);
    process.exit(1);
  }
  if (run('bash', ['tools/kafka/kafka.sh', 'start']) !== 0) process.exit(1);
  startedBroker = true;
}

/** Runs Nx, echoing its output, and adds up the Jest summaries ("Tests: 1 failed, 12 passed, 13 total"). */
function runTests(args) {
  return new Promise((resolve) => {
    const totals = { passed: 0, failed: 0, skipped: 0 };
    const child = spawn('npx', args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      const lines = (pending + chunk.toString()).split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const plain = line.replace(/\x1b\[[0-9;]*m/g, '');
        if (!/^\s*Tests:/.test(plain)) continue;
        for (const key of Object.keys(totals))
          totals[key] += Number(new RegExp(`(\\d+) ${key}`).exec(plain)?.[1] ?? 0);
      }
    });
    child.on('exit', (code) => resolve({ code: code ?? 1, totals }));
  });
}

// Two projects at a time on two cores; each suite isolates itself by database, schema, topic and group names.
const { code, totals } = await runTests([
  'nx',
  'run-many',
  '-t',
  'test',
  '--parallel=2',
  '--outputStyle=static',
  ...process.argv.slice(2),
]);
if (startedBroker) run('bash', ['tools/kafka/kafka.sh', 'stop']);
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(code);
