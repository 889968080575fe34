#!/usr/bin/env node
// Development gateway for the distributed mode: one entry port in front of the service processes, so clients
// use the same URLs as in single-process mode. `/api/<service>/...` is proxied to that service unchanged;
// `/health/live` and `/health/ready` are answered here; anything else is a 404 problem+json. node:http only.
//
//   import { startGateway } from './gateway.mjs';
//   const gateway = await startGateway({ port: 3000, routes: { hierarchy: 3101 } });   ...   await gateway.close();
//
//   node tools/scripts/gateway.mjs --port 3000 --route hierarchy=3101 [--route identity=http://10.0.0.5:3102]
//
// It is not a production ingress (deploy/ has the real one): no TLS, no rate limits, no retries.
import http from 'node:http';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { httpGet } from './lib/http-get.mjs';

const PROBLEM_CONTENT_TYPE = 'application/problem+json';
// How long /health/ready waits for one service; services bound their own checks at 2 s.
const READY_TIMEOUT_MS = 3000;
// Same rule as the services (request-hooks.ts): a caller's correlation id is echoed only when well-formed.
const SAFE_CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;
// Hop-by-hop headers (RFC 9110 §7.6.1) describe one connection, not the message: never forwarded.
// transfer-encoding is handled apart (see forwardedRequestHeaders).
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade']);

/**
 * Starts the gateway and resolves once it listens.
 * @param {{ port?: number, host?: string, routes: Record<string, number | string | URL> }} options
 *   routes: service name (the `<service>` of `/api/<service>`) to its port on 127.0.0.1 or its base URL.
 *   port 0 picks a free port (tests); host defaults to every interface, like the services.
 * @returns {Promise<{ port: number, server: http.Server, close(): Promise<void> }>}
 */
export async function startGateway({ port = 3000, host, routes }) {
  const targets = normaliseRoutes(routes);
  // Keep-alive to the services: a new TCP connection per proxied request costs more than the request.
  const agent = new http.Agent({ keepAlive: true });
  const server = http.createServer((req, res) => handle(req, res, targets, agent));
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    port: server.address().port,
    server,
    close: () => closeServer(server, agent),
  };
}

/** `{ hierarchy: 3101 }` → `Map { 'hierarchy' => URL('http://127.0.0.1:3101') }`, refusing bad input early. */
function normaliseRoutes(routes) {
  const targets = new Map();
  for (const [name, target] of Object.entries(routes ?? {})) {
    if (!/^[a-z0-9-]+$/.test(name)) throw new Error(`gateway: invalid service name '${name}'`);
    const url =
      typeof target === 'number' || /^\d+$/.test(String(target))
        ? new URL(`http://127.0.0.1:${target}`)
        : new URL(String(target));
    if (url.protocol !== 'http:') throw new Error(`gateway: route ${name} must be http:// (got ${url.href})`);
    targets.set(name, url);
  }
  return targets;
}

function handle(req, res, targets, agent) {
  const path = (req.url ?? '/').split('?')[0];
  if (path === '/health/live') return sendJson(res, 200, { status: 'up' });
  if (path === '/health/ready') return void sendReadiness(res, targets);
  const service = serviceOf(path);
  const target = service && targets.get(service);
  if (!target) {
    return sendProblem(req, res, 404, 'Not found', 'PLATFORM.NOT_FOUND', `No service serves ${path}.`);
  }
  proxy(req, res, service, target, agent);
}

/** `/api/hierarchy/nodes/1` → `hierarchy`; undefined for paths outside `/api/<service>`. */
function serviceOf(path) {
  const match = /^\/api\/([^/]+)(?:\/|$)/.exec(path);
  return match?.[1];
}

// --- proxying -------------------------------------------------------------------------------------------------

/**
 * Streams the request to the service and its response back: same method, path, query, headers (so
 * `authorization`, `traceparent`, `x-correlation-id` and `if-match` arrive untouched) and status.
 */
function proxy(req, res, service, target, agent) {
  const upstream = http.request({
    protocol: target.protocol,
    hostname: target.hostname,
    port: target.port,
    method: req.method,
    path: req.url,
    headers: forwardedRequestHeaders(req),
    agent,
  });
  upstream.on('socket', keepReadingWhenPeerStopsReading);
  let upstreamRes;

  upstream.on('response', (response) => {
    upstreamRes = response;
    res.writeHead(response.statusCode ?? 502, response.statusMessage, forwardedResponseHeaders(response));
    response.pipe(res);
    // The service broke off mid-body: the status is already sent, so all we can do is cut the client off too.
    response.on('close', () => {
      if (!response.complete) res.destroy();
    });
    // The service answered without reading the whole body (413, 401, …): drop the rest of it, so that the
    // client can finish sending and read the answer instead of stalling on a body nobody reads.
    response.on('end', () => {
      if (!req.complete) {
        req.unpipe(upstream);
        req.resume();
      }
    });
  });

  upstream.on('error', (error) => {
    if (upstreamRes) return; // after the answer: the 'close' handler above decides
    if (res.headersSent) return void res.destroy();
    // Connection refused or reset before any answer: the service is down, restarting or draining.
    req.unpipe(upstream);
    sendProblem(
      req,
      res,
      503,
      'Service unavailable',
      'PLATFORM.UNAVAILABLE',
      `The ${service} service is not reachable (${error.code ?? error.message}).`,
    );
  });

  // The client went away: stop the upstream request too, rather than letting the service work for nobody.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.on('error', () => upstream.destroy());
  req.pipe(upstream);
}

const PEER_STOPPED_READING = new Set(['EPIPE', 'ECONNRESET']);
const patched = Symbol('keepReadingWhenPeerStopsReading');

/**
 * A service may answer before it has read the request body and close the connection: Fastify does so for a
 * body over its limit (413). Node's HTTP client then fails the next body write with EPIPE and destroys the
 * socket, losing the answer already on its way (nodejs/node#12339), so the client got 503 or a reset instead of
 * the 413 it gets without the gateway. Dropping those failed writes keeps the socket reading: the answer
 * arrives; and if none comes, the closed connection still fails the request (503 above).
 * Uses the socket's _write/_writev, the only place the failed write can be intercepted.
 */
function keepReadingWhenPeerStopsReading(socket) {
  if (socket[patched]) return; // a kept-alive socket comes back for the next request
  socket[patched] = true;
  const tolerant = (callback) => (error) =>
    callback(error && PEER_STOPPED_READING.has(error.code) ? null : error);
  const write = socket._write;
  const writev = socket._writev;
  socket._write = (chunk, encoding, callback) => write.call(socket, chunk, encoding, tolerant(callback));
  if (writev) socket._writev = (chunks, callback) => writev.call(socket, chunks, tolerant(callback));
}

function forwardedRequestHeaders(req) {
  const headers = withoutHopByHop(req.headers);
  // transfer-encoding is hop-by-hop too, but the request body is streamed as it arrives: keeping
  // `chunked` makes node frame it the same way again (dropping it would send an unframed body for methods
  // such as DELETE that node does not chunk by default).
  const socket = req.socket;
  const clientIp = socket.remoteAddress ?? '';
  // Appended, as every proxy on the path does; the service sees who called the gateway.
  headers['x-forwarded-for'] = req.headers['x-forwarded-for']
    ? `${req.headers['x-forwarded-for']}, ${clientIp}`
    : clientIp;
  // Set, not appended: this gateway is where the client's connection ends, so it knows the protocol.
  headers['x-forwarded-proto'] = socket.encrypted ? 'https' : 'http';
  if (req.headers.host && !headers['x-forwarded-host']) headers['x-forwarded-host'] = req.headers.host;
  return headers;
}

function forwardedResponseHeaders(upstreamRes) {
  const headers = withoutHopByHop(upstreamRes.headers);
  // Node re-frames the body for our client (chunked, or close-delimited for HTTP/1.0 clients).
  delete headers['transfer-encoding'];
  return headers;
}

/** Copies headers without the hop-by-hop ones, including any the Connection header itself names. */
function withoutHopByHop(source) {
  const named = String(source.connection ?? '')
    .split(',')
    .map((token) => token.trim().toLowerCase())
    .filter(Boolean);
  const headers = {};
  for (const [name, value] of Object.entries(source)) {
    if (!HOP_BY_HOP.has(name) && !named.includes(name)) headers[name] = value;
  }
  return headers;
}

// --- answers of the gateway itself ----------------------------------------------------------------------------

/** 200 only when every service answers 200 on /health/ready; the body lists each service's own answer. */
async function sendReadiness(res, targets) {
  const results = await Promise.all(
    [...targets].map(async ([name, target]) => [name, await readinessOf(target)]),
  );
  const ready = results.length > 0 && results.every(([, result]) => result.status === 'up');
  sendJson(res, ready ? 200 : 503, {
    status: ready ? 'up' : 'down',
    // Same shape as a service's answer (name → up/down), so the same probes and dashboards read both.
    checks: Object.fromEntries(results.map(([name, result]) => [name, result.status])),
    services: Object.fromEntries(results),
  });
}

/** A service's readiness: its own JSON body when it answers, `{ status: 'down', error }` when it does not. */
async function readinessOf(target) {
  try {
    const response = await httpGet(new URL('/health/ready', target), READY_TIMEOUT_MS);
    const body = parseJsonObject(response.body);
    return { ...body, status: response.status === 200 ? 'up' : 'down', httpStatus: response.status };
  } catch (error) {
    return { status: 'down', error: error.code ?? error.message };
  }
}

function parseJsonObject(text) {
  try {
    const value = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : {};
  } catch {
    return {};
  }
}

/** RFC 9457 problem details in the platform's shape (libs/platform/nest/src/errors/problem-details.ts). */
function sendProblem(req, res, status, title, code, detail) {
  const path = (req.url ?? '/').split('?')[0];
  const offered = req.headers['x-correlation-id'];
  const correlationId =
    typeof offered === 'string' && SAFE_CORRELATION_ID.test(offered) ? offered : undefined;
  const body = {
    type: `https://steerco.dev/problems/${code.toLowerCase().replace(/[._]/g, '-')}`,
    title,
    status,
    detail,
    instance: path,
    code,
    ...(correlationId ? { correlationId } : {}),
  };
  // The request body is not read: drop it rather than leave it in the socket for the next request.
  req.resume();
  sendJson(res, status, body, {
    'content-type': PROBLEM_CONTENT_TYPE,
    ...(correlationId ? { 'x-correlation-id': correlationId } : {}),
  });
}

function sendJson(res, status, body, headers = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

/** Stops accepting, lets in-flight requests finish for a moment, then cuts what is left. */
function closeServer(server, agent, graceMs = 2000) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(timer);
      agent.destroy();
      resolve();
    });
    server.closeIdleConnections();
  });
}

// --- standalone use -------------------------------------------------------------------------------------------

function isMainModule() {
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

async function runStandalone() {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.PORT ?? '3000' },
      host: { type: 'string' },
      route: { type: 'string', multiple: true, default: [] },
    },
  });
  const routes = Object.fromEntries(
    values.route.map((spec) => {
      const [name, target] = spec.split(/=(.*)/s);
      if (!name || !target) throw new Error(`--route expects <service>=<port|url>, got '${spec}'`);
      return [name, target];
    }),
  );
  if (Object.keys(routes).length === 0) throw new Error('give at least one --route <service>=<port|url>');
  const gateway = await startGateway({ port: Number(values.port), host: values.host, routes });
  console.log(`[gateway] listening on http://localhost:${gateway.port}`);
  for (const [name, target] of Object.entries(routes)) console.log(`[gateway]   /api/${name}/ -> ${target}`);
  for (const signal of ['SIGINT', 'SIGTERM'])
    process.once(signal, () => void gateway.close().then(() => process.exit(0)));
}

if (isMainModule()) {
  runStandalone().catch((error) => {
    console.error(`[gateway] ${error.message}`);
    process.exit(1);
  });
}
