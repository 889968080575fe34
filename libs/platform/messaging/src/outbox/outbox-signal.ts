/** What wakes a relay when outbox rows have committed. */
export interface OutboxListener {
  /** Calls `onNotify` whenever outbox rows commit; returns the function that stops listening. */
  listen(onNotify: () => void): Promise<() => Promise<void>>;
}

/**
 * The in-process wake-up of one schema's outbox relay: the schema's unit of work raises it after each commit
 * that wrote events, and the relay, listening, claims them at once instead of at its next poll.
 *
 * Not LISTEN/NOTIFY: a NOTIFY makes its transaction take a database-wide lock at commit and hold it through
 * the WAL flush, so every writing transaction of every service queued behind every other's flush
 * (docs/adr/0015-in-process-outbox-wake-up.md). Rows this process did not write (another replica's, or
 * left by a replica that stopped before publishing) are found by the relay's poll.
 */
export class OutboxSignal implements OutboxListener {
  private readonly listeners = new Set<() => void>();

  /** Events have committed. */
  raise(): void {
    for (const listener of this.listeners) listener();
  }

  async listen(onNotify: () => void): Promise<() => Promise<void>> {
    // Each listen gets its own entry, even for the same function, so one stop never silences another.
    const entry = () => onNotify();
    this.listeners.add(entry);
    return async () => void this.listeners.delete(entry);
  }
}
