import pino from 'pino';

/** Polls until `condition` holds; fails with `message` after `timeoutMs`. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  message: string | (() => string),
  timeoutMs = 30_000,
  intervalMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`timed out: ${typeof message === 'function' ? message() : message}`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

export function testLogger() {
  return pino({ level: process.env['TEST_LOG_LEVEL'] ?? 'silent' });
}
