import type { Client, Connection, Submittable } from 'pg';
import { setImmediate as nextTurn } from 'node:timers/promises';

// COPY FROM STDIN through pg's own connection: the workspace has no pg-copy-streams, and this is all of it
// that a bulk write needs.

/** The protocol calls of pg's Connection that COPY needs (not in @types/pg). */
interface CopyConnection extends Connection {
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
  sendCopyFail(message: string): void;
}

/** Pieces of COPY text, produced lazily: each is built only when the previous one has been sent. */
export type CopySource = Iterable<string | Buffer>;

const MESSAGE_BYTES = 64 * 1024;

/**
 * `COPY ... FROM STDIN` as a pg Submittable, as pg-copy-streams does it: send the statement, answer the
 * server's CopyInResponse with CopyData messages and CopyDone, resolve on ReadyForQuery.
 * The source is pumped piece by piece with a turn of the event loop in between, so the socket drains and
 * PostgreSQL parses one piece while this process builds the next: on two cores the two overlap.
 */
class CopyFromStdin implements Submittable {
  readonly done: Promise<number>;
  private resolve!: (rows: number) => void;
  private reject!: (error: Error) => void;
  private rows = 0;
  private error?: Error;

  constructor(
    private readonly text: string,
    private readonly source: CopySource,
  ) {
    this.done = new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
    });
  }

  submit(connection: Connection): void {
    connection.query(this.text);
  }

  handleCopyInResponse(connection: CopyConnection): void {
    void this.pump(connection);
  }

  private async pump(connection: CopyConnection): Promise<void> {
    try {
      for (const piece of this.source) {
        if (this.error) break;
        const data = typeof piece === 'string' ? Buffer.from(piece) : piece;
        for (let offset = 0; offset < data.length; offset += MESSAGE_BYTES) {
          connection.sendCopyFromChunk(data.subarray(offset, offset + MESSAGE_BYTES));
        }
        if (connection.stream.writableNeedDrain) {
          await new Promise((resolve) => connection.stream.once('drain', resolve));
        }
        await nextTurn();
      }
      connection.endCopyFrom();
    } catch (error) {
      // The source failed (a row could not be built): abort the COPY; the server answers with an error.
      this.error = error as Error;
      connection.sendCopyFail(String((error as Error).message ?? error));
    }
  }

  handleCommandComplete(message: { text: string }): void {
    this.rows = Number(/(\d+)$/.exec(message.text)?.[1] ?? 0);
  }

  /**
   * pg drops its active query on an error and never tells it of the ReadyForQuery that follows, so the
   * COPY settles here. Data the pump still sends is dropped by the server (protocol: after an error in
   * copy-in mode, further CopyData and CopyDone are ignored), and the pump stops at its next piece.
   */
  handleError(error: Error): void {
    this.error ??= error;
    this.reject(this.error);
  }

  handleReadyForQuery(): void {
    if (this.error) this.reject(this.error);
    else this.resolve(this.rows);
  }

  // Messages a COPY FROM never gets; pg calls them on its active query, so they exist.
  handleRowDescription(): void {
    // none: COPY FROM returns no rows
  }
  handleDataRow(): void {
    // none
  }
  handleEmptyQuery(): void {
    // none
  }
  handlePortalSuspended(): void {
    // none
  }
  handleCopyData(): void {
    // none: that is COPY TO
  }
}

/**
 * Runs `copySql` (a `COPY ... FROM STDIN`) on `client` with data in COPY text format, given whole or as
 * lazily built pieces; returns the row count.
 */
export function copyFrom(
  client: Pick<Client, 'query'>,
  copySql: string,
  data: Buffer | CopySource,
): Promise<number> {
  const copy = new CopyFromStdin(copySql, Buffer.isBuffer(data) ? [data] : data);
  client.query(copy);
  return copy.done;
}
