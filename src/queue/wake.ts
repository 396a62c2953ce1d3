// Waking idle workers when jobs arrive: `enqueue` (and putting dead-lettered jobs back) sends a
// notification on the queue's channel when its transaction commits, and an idle worker LISTENs
// on it, so it claims at once instead of at its next poll. Polling stays as the fallback for
// what sends no notification (retries whose backoff ran out, leases that ran out) and for any
// time the listening connection is down (a restart): losing it costs only the early wake-up.
import { createHash } from 'node:crypto';
import pg from 'pg';
import type { PgTarget } from '../store/postgres/connect.js';

/** The notification channel of the queue in this schema (one per schema: stores sharing a database stay apart). */
export function queueChannel(schema: string): string {
  const name = `eventwire_queue_${schema}`;
  // a channel name is an identifier: at most 63 bytes
  return name.length <= 63 ? name : `eventwire_queue_${createHash('sha1').update(schema).digest('hex').slice(0, 24)}`;
}

export class QueueWaker {
  private client: pg.Client | null = null;
  private connecting = false;
  private closed = false;
  /** A notification came since the last `reset` (a claim may find jobs). */
  private pending = false;
  private wake: (() => void) | null = null;
  readonly channel: string;

  constructor(private readonly target: PgTarget) {
    this.channel = queueChannel(target.schema);
  }

  /** Connect and LISTEN in the background (quietly: polling covers any gap). */
  start(): void {
    if (this.client || this.connecting || this.closed) return;
    this.connecting = true;
    const client = new pg.Client({
      connectionString: this.target.connectionString,
      connectionTimeoutMillis: 5000,
      application_name: 'eventwire-worker-listen',
    });
    const drop = () => {
      if (this.client === client) this.client = null;
      client.end().catch(() => {});
    };
    client.on('error', drop);
    client.on('end', drop);
    client.on('notification', () => {
      this.pending = true;
      this.wake?.();
    });
    client
      .connect()
      .then(() => client.query(`LISTEN "${this.channel}"`))
      .then(() => {
        if (this.closed) return drop();
        this.client = client;
        // jobs may have come while not listening: look once more
        this.pending = true;
        this.wake?.();
      })
      .catch(drop)
      .finally(() => {
        this.connecting = false;
      });
  }

  /** Forget earlier notifications (call before a claim). */
  reset(): void {
    this.pending = false;
  }

  /** Wait up to `ms`, or until a notification (at once if one came since `reset`). */
  async sleep(ms: number, signal?: AbortSignal): Promise<void> {
    this.start();
    if (this.pending || signal?.aborted) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal?.addEventListener('abort', done, { once: true });
      this.wake = done;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    this.wake?.();
    const c = this.client;
    this.client = null;
    await c?.end().catch(() => {});
  }
}
