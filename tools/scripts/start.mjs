#!/usr/bin/env node
// `npm start`: builds and runs the single-process mode (apps/standalone). With no DATABASE_URL it starts an
// embedded PostgreSQL; with no KAFKA_BROKERS events travel on the in-process bus. See README.md.
import { spawn, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const build = spawnSync('npx', ['nx', 'run', 'standalone:build', '--outputStyle=static'], {
  cwd: root,
  stdio: 'inherit',
});
if (build.status !== 0) process.exit(build.status ?? 1);

const server = spawn(process.execPath, ['--enable-source-maps', join(root, 'dist/apps/standalone/main.js')], {
  cwd: root,
  stdio: 'inherit',
});
// Forward stop signals so the server drains and the embedded database shuts down cleanly.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
// npm 11 does not pass SIGTERM on to this script: when npm is gone (we were re-parented), stop as if signalled.
const parent = process.ppid;
const orphanWatch = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(orphanWatch); // once: a second signal would cut the server's shutdown short
  server.kill('SIGTERM');
}, 500);
orphanWatch.unref();
