#!/usr/bin/env node
// `npm run start:distributed`: the distributed mode on one machine. Every apps/*-service runs as its own process
// on its own port, over Kafka and PostgreSQL, behind one gateway port (tools/scripts/gateway.mjs) that serves the
// same URLs as the single-process mode (`npm start`).
//
// Environment (all optional):
//   PORT                    gateway port (default 3000)
//   DATABASE_URL            PostgreSQL; default postgresql://postgres@127.0.0.1:5432/steerco, created if missing
//   KAFKA_BROKERS           Kafka; default: the development broker (tools/kafka/kafka.sh), started if needed
//   STEERCO_SERVICE_PORTS   service ports: "hierarchy=4101,identity=4102", or "4101,4102" in discovery order
//                           (default 3101, 3102, … in discovery order: alphabetical by directory)
//   STEERCO_READY_TIMEOUT   seconds each service gets to answer /health/ready with 200 (default 90)
//   LOG_LEVEL, STEERCO_ENV, AUTH_*, SHUTDOWN_GRACE_MS, …   passed on to every service; without AUTH_JWKS_URL or
//                           AUTH_PUBLIC_KEY every service verifies tokens with the identity service's JWKS
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startGateway } from './gateway.mjs';
import { httpGet } from './lib/http-get.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/steerco';
const FIRST_SERVICE_PORT = 3101;
// Services drain for SHUTDOWN_GRACE_MS (10 s by default) after SIGTERM; give them that and a margin. (A service
// refuses an invalid value itself, with exit code 78.)
const STOP_GRACE_MS = (Number(process.env.SHUTDOWN_GRACE_MS) || 10_000) + 5_000;
const LOG_TAIL_LINES = 20;
const COLOUR = process.stdout.isTTY && !process.env.NO_COLOR;

/** What is running, so that a stop (signal, failure, a service dying) can end all of it from any phase. */
const running = { helper: undefined, services: [], gateway: undefined, devBroker: false };
/** Set once a stop has begun: the promise of the stop. */
let stopping;
/** Thrown to unwind the start-up sequence when a stop has begun meanwhile; never reported. */
const STOPPED = Symbol('stopped');
/** A failure the user can act on: printed as its message alone, without a stack. */
class UserError extends Error {}

async function main() {
  const services = discoverServices();
  const gatewayPort = parsePort(process.env.PORT ?? '3000', 'PORT');
  const readyTimeoutMs =
    parseSeconds(process.env.STEERCO_READY_TIMEOUT ?? '90', 'STEERCO_READY_TIMEOUT') * 1000;
  assignPorts(services, process.env.STEERCO_SERVICE_PORTS, gatewayPort);
  // Before the slow steps, so a taken port fails in a second rather than after the build.
  await assertPortsFree(gatewayPort, services);

  const databaseUrl = await step(resolveDatabase());
  const kafkaBrokers = await step(resolveKafka());
  await step(buildServices(services));

  // Again just before spawning: otherwise a process that took a port during the build would answer our
  // readiness probe in the service's place.
  await step(assertPortsFree(gatewayPort, services));
  const authEnv = identityAuthEnv(services);
  for (const service of services) startService(service, { databaseUrl, kafkaBrokers, authEnv });
  await step(Promise.all(services.map((service) => waitUntilReady(service, readyTimeoutMs))));

  running.gateway = await step(
    startGateway({ port: gatewayPort, routes: Object.fromEntries(services.map((s) => [s.name, s.port])) }),
  );
  printSummary(gatewayPort, services);
}

/** Awaits one start-up step; if a stop began meanwhile, unwinds instead of carrying on. */
async function step(promise) {
  const result = await promise;
  if (stopping) throw STOPPED;
  return result;
}

// --- services -------------------------------------------------------------------------------------------------

/** apps/<name>-service directories with a project.json, in a stable (alphabetical) order. */
function discoverServices() {
  const apps = join(root, 'apps');
  const services = readdirSync(apps, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name.endsWith('-service'))
    .filter((entry) => existsSync(join(apps, entry.name, 'project.json')))
    .map((entry) => entry.name)
    .sort()
    .map((dir) => {
      const project = JSON.parse(readFileSync(join(apps, dir, 'project.json'), 'utf8'));
      const outputPath = project.targets?.build?.options?.outputPath ?? `dist/apps/${dir}`;
      // The URL prefix /api/<name> is the directory name without "-service" (apps/hierarchy-service → hierarchy).
      return {
        name: dir.replace(/-service$/, ''),
        project: project.name ?? dir,
        main: join(root, outputPath, 'main.js'),
      };
    });
  if (services.length === 0) {
    throw new UserError('no service apps found (apps/*-service with a project.json)');
  }
  return services;
}

/** 3101, 3102, … in discovery order, unless STEERCO_SERVICE_PORTS says otherwise. */
function assignPorts(services, override, gatewayPort) {
  services.forEach((service, index) => (service.port = FIRST_SERVICE_PORT + index));
  const entries = (override ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  entries.forEach((entry, index) => {
    const [name, port] = entry.includes('=') ? entry.split('=') : [services[index]?.name, entry];
    const service = services.find((s) => s.name === name?.trim());
    if (!service) {
      throw new UserError(
        `STEERCO_SERVICE_PORTS: '${entry}' names no service (services: ${services.map((s) => s.name).join(', ')})`,
      );
    }
    service.port = parsePort(port.trim(), 'STEERCO_SERVICE_PORTS');
  });
  const ports = services.map((s) => s.port);
  if (new Set(ports).size !== ports.length) {
    throw new UserError(`two services would share a port: ${ports.join(', ')}`);
  }
  if (ports.includes(gatewayPort)) {
    throw new UserError(
      `PORT ${gatewayPort} is also a service port; choose another PORT or STEERCO_SERVICE_PORTS`,
    );
  }
}

function parsePort(text, variable) {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UserError(`${variable}: '${text}' is not a port`);
  }
  return port;
}

function parseSeconds(text, variable) {
  const seconds = Number(text);
  if (!(seconds > 0)) throw new UserError(`${variable}: '${text}' is not a number of seconds`);
  return seconds;
}

/** Fails with the list of taken ports. Listening on every interface conflicts with any listener on the port. */
async function assertPortsFree(gatewayPort, services) {
  const wanted = [
    { port: gatewayPort, what: 'the gateway (set PORT)' },
    ...services.map((s) => ({ port: s.port, what: `${s.name} (set STEERCO_SERVICE_PORTS)` })),
  ];
  const taken = [];
  for (const { port, what } of wanted) if (!(await portIsFree(port))) taken.push(`${port} for ${what}`);
  if (taken.length > 0) {
    throw new UserError(`port(s) already in use: ${taken.join('; ')}. Free them or choose others.`);
  }
}

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, () => probe.close(() => resolve(true)));
  });
}

/** One `nx run-many` for all of them: nx builds the shared libraries once and the apps in parallel. */
async function buildServices(services) {
  const projects = services.map((s) => s.project).join(',');
  log(`building ${projects}`);
  const code = await runHelper('npx', [
    'nx',
    'run-many',
    '-t',
    'build',
    `--projects=${projects}`,
    '--outputStyle=static',
  ]);
  if (stopping) return;
  if (code !== 0) throw new UserError(`the build failed (exit code ${code}); see its output above`);
  const missing = services.filter((s) => !existsSync(s.main)).map((s) => relative(root, s.main));
  if (missing.length > 0) throw new UserError(`the build did not produce ${missing.join(', ')}`);
}

/**
 * With an identity service among them, every service verifies tokens with its JWKS (unless AUTH_JWKS_URL or
 * AUTH_PUBLIC_KEY says otherwise), and the identity service believes X-Forwarded-For from the gateway on
 * 127.0.0.1, so its login throttle sees each client's own address.
 */
function identityAuthEnv(services) {
  const identity = services.find((s) => s.name === 'identity');
  if (!identity) return () => ({});
  const jwks =
    process.env.AUTH_JWKS_URL || process.env.AUTH_PUBLIC_KEY
      ? {}
      : { AUTH_JWKS_URL: `http://127.0.0.1:${identity.port}/api/identity/.well-known/jwks.json` };
  const proxies = process.env.IDENTITY_TRUSTED_PROXIES ? {} : { IDENTITY_TRUSTED_PROXIES: '127.0.0.1,::1' };
  return (service) => (service === identity ? { ...jwks, ...proxies } : jwks);
}

function startService(service, { databaseUrl, kafkaBrokers, authEnv }) {
  const child = spawn(process.execPath, ['--enable-source-maps', service.main], {
    cwd: root,
    env: {
      ...process.env,
      ...(COLOUR && !process.env.FORCE_COLOR ? { FORCE_COLOR: '1' } : {}), // pretty logs stay coloured through the pipe
      PORT: String(service.port),
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: kafkaBrokers,
      ...authEnv(service),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Own process group: Ctrl-C in the terminal reaches only this script, which then sends each service one
    // SIGTERM. A service that got the terminal's SIGINT and then our SIGTERM would die at the second signal
    // (Nest's shutdown hook handles only the first) instead of draining.
    detached: true,
  });
  Object.assign(service, { child, tail: [], startedAt: Date.now() });
  running.services.push(service);
  relayLines(child.stdout, service, process.stdout);
  relayLines(child.stderr, service, process.stderr);
  child.on('error', (error) => logError(`${service.name}: could not start: ${error.message}`));
  // 'close' comes after the output pipes are drained, so the service's last lines are printed before its exit.
  child.on('close', (code, signal) => onServiceExit(service, code, signal));
  log(`${service.name}: started ${relative(root, service.main)} on port ${service.port} (pid ${child.pid})`);
}

/** Prints each line of a service's output with its name in front, and keeps the last few for error messages. */
function relayLines(stream, service, out) {
  const label = paint(`[${service.name}]`, service);
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    service.tail.push(line);
    if (service.tail.length > LOG_TAIL_LINES) service.tail.shift();
    out.write(`${label} ${line}\n`);
  });
}

function onServiceExit(service, code, signal) {
  service.exit = { code, signal };
  if (stopping) {
    log(`${service.name}: stopped (${describeExit(code, signal)})`);
    // A service that fails its own shutdown makes the whole run fail; SIGKILLs are counted in stop().
    if (code) process.exitCode ||= 1;
    return;
  }
  logError(`${service.name}: exited unexpectedly (${describeExit(code, signal)}); stopping everything`);
  // Its own code when it has one (78 = configuration error), else a plain failure.
  void stop(code || 1);
}

/** Polls /health/ready until 200. Gives up when the service exits, a stop begins, or the timeout passes. */
async function waitUntilReady(service, timeoutMs) {
  const url = `http://127.0.0.1:${service.port}/health/ready`;
  let lastAnswer = 'no answer';
  while (!stopping && !service.exit) {
    try {
      const { status, body } = await httpGet(url, 3000);
      if (status === 200 && !service.exit) {
        log(`${service.name}: ready (${((Date.now() - service.startedAt) / 1000).toFixed(1)}s)`);
        return;
      }
      lastAnswer = `${status} ${body}`;
    } catch (error) {
      lastAnswer = describeError(error);
    }
    if (Date.now() - service.startedAt > timeoutMs) {
      throw new UserError(
        `${service.name} did not become ready within ${timeoutMs / 1000}s on port ${service.port}` +
          ` (last answer of ${url}: ${lastAnswer}).\n` +
          (service.tail.length > 0
            ? `Its last log lines:\n${service.tail.map((line) => `  | ${line}`).join('\n')}`
            : 'It has not printed anything yet.'),
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw STOPPED; // the exit or the stop is reported where it is handled
}

// --- infrastructure -------------------------------------------------------------------------------------------

/** DATABASE_URL, or the local default (its database created on first use); fails early when unreachable. */
async function resolveDatabase() {
  const fromEnv = process.env.DATABASE_URL;
  const url = fromEnv || DEFAULT_DATABASE_URL;
  try {
    if (fromEnv) await query(url, 'select 1');
    else await ensureDatabase(url);
  } catch (error) {
    throw new UserError(
      fromEnv
        ? `DATABASE_URL (${redact(url)}) is not usable: ${describeError(error)}`
        : `PostgreSQL is not reachable at ${redact(url)}: ${describeError(error)}.\n` +
            'Start PostgreSQL there, or point to one you have: ' +
            'DATABASE_URL=postgresql://user:password@host:5432/steerco npm run start:distributed',
    );
  }
  log(`PostgreSQL: ${redact(url)}${fromEnv ? ' (DATABASE_URL)' : ''}`);
  return url;
}

/** Creates the URL's database when missing, connected to the server's `postgres` maintenance database. */
async function ensureDatabase(url) {
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = '/postgres';
  const client = new pg.Client({ connectionString: maintenance.href, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount > 0) return;
    log(`PostgreSQL: creating database ${name}`);
    await client.query(`create database ${client.escapeIdentifier(name)}`);
  } catch (error) {
    if (error.code !== '42P04') throw error; // duplicate_database: another start created it meanwhile
  } finally {
    await client.end();
  }
}

async function query(url, sql) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** KAFKA_BROKERS, or the development broker, started when not running (it stays up afterwards: it is shared). */
async function resolveKafka() {
  if (process.env.KAFKA_BROKERS) {
    log(`Kafka: ${process.env.KAFKA_BROKERS} (KAFKA_BROKERS)`);
    return process.env.KAFKA_BROKERS;
  }
  log('Kafka: KAFKA_BROKERS is not set, using the development broker (bash tools/kafka/kafka.sh start)');
  const code = await runHelper('bash', [join(root, 'tools/kafka/kafka.sh'), 'start']);
  if (stopping) return undefined;
  if (code !== 0) {
    throw new UserError(
      `the development Kafka broker did not start (exit code ${code}, see above); or set KAFKA_BROKERS`,
    );
  }
  running.devBroker = true;
  return `127.0.0.1:${process.env.KAFKA_PORT ?? 9092}`; // kafka.sh listens on KAFKA_PORT
}

/** Runs a tool (build, broker start) with the terminal's output; resolves with its exit code. */
function runHelper(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit' });
    const exited = new Promise((done) => child.once('close', done));
    running.helper = { child, exited };
    child.on('error', (error) => {
      logError(`${command}: ${error.message}`);
      resolve(127);
    });
    child.on('close', (code, signal) => {
      running.helper = undefined;
      resolve(code ?? (signal ? 128 : 1));
    });
  });
}

// --- stopping -------------------------------------------------------------------------------------------------

/** Stops the gateway, then every service (SIGTERM, SIGKILL after the grace period), then exits. Idempotent. */
function stop(exitCode) {
  stopping ??= (async () => {
    process.exitCode = exitCode;
    if (running.gateway) {
      await running.gateway.close().catch((error) => logError(`gateway: ${error.message}`));
    }
    if (running.helper) {
      // Wait for the build or broker start to wind down, so that it does not keep printing after we exit.
      running.helper.child.kill('SIGTERM');
      await Promise.race([
        running.helper.exited,
        new Promise((resolve) => setTimeout(resolve, 5000).unref()),
      ]);
    }
    const alive = running.services.filter((s) => !s.exit);
    if (alive.length > 0) log(`stopping ${alive.map((s) => s.name).join(', ')} (SIGTERM)`);
    for (const service of alive) service.child.kill('SIGTERM');
    if (!(await allExited(alive, STOP_GRACE_MS))) {
      for (const service of alive.filter((s) => !s.exit)) {
        logError(`${service.name}: still running after ${STOP_GRACE_MS / 1000}s, sending SIGKILL`);
        service.child.kill('SIGKILL');
      }
      await allExited(alive, 5000);
      process.exitCode ||= 1;
    }
    if (running.devBroker) {
      log('the development Kafka broker keeps running for the next start; stop it with: npm run kafka:stop');
    }
    process.exit();
  })();
  return stopping;
}

function allExited(services, timeoutMs) {
  const exits = services.map((s) =>
    s.exit ? Promise.resolve() : new Promise((resolve) => s.child.once('close', resolve)),
  );
  const timeout = new Promise((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  return Promise.race([Promise.all(exits).then(() => true), timeout]);
}

function onSignal(signal) {
  if (stopping) {
    // Second Ctrl-C: the user does not want to wait for the drain.
    log(`${signal} again: killing the services now`);
    for (const service of running.services.filter((s) => !s.exit)) service.child.kill('SIGKILL');
    return;
  }
  log(`${signal} received, stopping`);
  void stop(0);
}

/**
 * `kill <npm pid>` reaches npm, which passes SIGTERM to its `sh -c` wrapper; dash then dies without passing it
 * on, and this script would run on as an orphan. So a parent that goes away counts as a stop request too.
 */
function stopWhenParentExits() {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    if (!stopping) {
      log(`the parent process (pid ${parent}) exited, stopping`);
      void stop(0);
    }
  }, 500);
  timer.unref();
}

// --- output ---------------------------------------------------------------------------------------------------

function printSummary(gatewayPort, services) {
  const base = `http://localhost:${gatewayPort}`;
  const width = Math.max(
    ...services.map((s) => `${base}/api/${s.name}/`.length),
    `${base}/health/ready`.length,
  );
  log(`ready: gateway on ${base}`);
  for (const s of services) {
    log(
      `  ${`${base}/api/${s.name}/`.padEnd(width)}  → ${s.project} on 127.0.0.1:${s.port} (pid ${s.child.pid})`,
    );
  }
  log(`  ${`${base}/health/ready`.padEnd(width)}  → readiness of every service`);
  log(`  API descriptions: ${services.map((s) => `${base}/api/${s.name}/openapi.json`).join(' ')}`);
  log(
    services.some((s) => s.name === 'identity')
      ? `log in: POST ${base}/api/identity/auth/login (the identity service printed the first admin's one-time password); Ctrl-C stops everything`
      : 'a token for requests: TOKEN=$(npm run --silent dev-token); Ctrl-C stops everything',
  );
}

const SUPERVISOR = '[distributed]';
function log(message) {
  process.stdout.write(`${paint(SUPERVISOR)} ${message}\n`);
}
function logError(message) {
  process.stderr.write(`${paint(SUPERVISOR)} ${message}\n`);
}

/** Colours a label by service (cyan, magenta, yellow, blue, green), bold for the supervisor; plain without a TTY. */
function paint(text, service) {
  if (!COLOUR) return text;
  const colours = [36, 35, 33, 34, 32];
  const code = service ? colours[running.services.indexOf(service) % colours.length] : 1;
  return `\x1b[${code}m${text}\x1b[0m`;
}

function describeExit(code, signal) {
  return signal ? `signal ${signal}` : `exit code ${code}`;
}

/** pg hides the useful part (ECONNREFUSED…) in an AggregateError's list when a host has several addresses. */
function describeError(error) {
  const inner = error?.cause ?? error?.errors?.[0] ?? error;
  return inner?.message || inner?.code || String(inner);
}

function redact(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.href;
}

// --- entry ----------------------------------------------------------------------------------------------------

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => onSignal(signal));
stopWhenParentExits();
// A closed terminal or pipe must not turn our own log lines into a crash while the services are stopped.
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});
// The services are in their own process groups, so nothing else would stop them if this script failed.
process.on('uncaughtException', (error) => {
  logError(`unexpected error: ${error.stack ?? error}`);
  void stop(1);
});
process.on('exit', () => {
  for (const service of running.services) if (!service.exit) service.child.kill('SIGKILL');
});

main().catch((error) => {
  if (error === STOPPED) return;
  logError(error instanceof UserError ? error.message : `failed: ${error.stack ?? error}`);
  void stop(1);
});
