import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The workspace root, for tests that run built artefacts (dist/) or the project's tools. */
export const WORKSPACE_ROOT = join(__dirname, '../../../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface RunningProcess {
  child: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stop(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts a built app (`dist/apps/<name>/main.js`) as a real process, capturing its output. */
export function startBuiltApp(
  app: string,
  env: Record<string, string | undefined>,
  args: string[] = [],
): RunningProcess {
  const child = spawn(process.execPath, [join(WORKSPACE_ROOT, 'dist/apps', app, 'main.js'), ...args], {
    cwd: WORKSPACE_ROOT,
    env: env as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** The environment a built app gets in tests: PATH and HOME only, plus what the test sets. */
export function baseEnv(extra: Record<string, string>): Record<string, string | undefined> {
  return { PATH: process.env['PATH'], HOME: process.env['HOME'], LOG_LEVEL: 'info', ...extra };
}
