// The SQL job queue on Postgres: the claim statement is shared (with FOR UPDATE SKIP LOCKED, see
// sql-job-queue.ts); enqueues also NOTIFY so idle workers in other processes wake at once. LISTEN runs
// on its own connection and reconnects (backing off while the server is down) and LISTENs again; the
// pool's polling stays as the fallback for notifications lost meanwhile.
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { SqlJobQueue } from './sql-job-queue.js';

export const JOBS_CHANNEL = 'orator_jobs';

/** Reconnect pauses for the LISTEN connection: 0.5 s doubling to 5 s while the server stays down. */
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 5000;

export class PgJobQueue extends SqlJobQueue {
  private listener: pg.Client | undefined;
  private listening = false;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  private listenerCount = 0;
  private reconnectDelayMs = RECONNECT_MIN_MS;
  /** The connection was lost and that was logged: say so once when it is back. */
  private lost = false;
  /** LISTEN (re)established this many times (tests). */
  listenCount = 0;

  constructor(
    db: Kysely<Database>,
    private readonly databaseUrl: string,
    private readonly log: (msg: string, extra?: object) => void = () => {},
  ) {
    super(db, 'postgres');
  }

  override notifyEnqueued(): void {
    super.notifyEnqueued();
    // After commit (the unit of work calls this), so a woken worker can see the row.
    sql`select pg_notify(${JOBS_CHANNEL}, '')`.execute(this.db).catch((err) => this.log('NOTIFY failed; workers will poll', { err: String(err) }));
  }

  override onEnqueued(listener: () => void): () => void {
    const off = super.onEnqueued(listener);
    this.listenerCount += 1;
    // Only processes that consume jobs hold a LISTEN connection; `serve` only notifies.
    if (!this.listening) void this.listen();
    return () => {
      off();
      this.listenerCount -= 1;
    };
  }

  private async listen(): Promise<void> {
    if (this.closed || this.listening) return;
    this.listening = true;
    const client = new pg.Client({ connectionString: this.databaseUrl, connectionTimeoutMillis: 5000, keepAlive: true });
    this.listener = client;
    const retry = (err?: unknown) => {
      if (this.listener !== client) return;
      this.listener = undefined;
      this.listening = false;
      client.end().catch(() => {});
      if (this.closed) return;
      if (err && !this.lost) this.log('LISTEN connection lost; reconnecting', { err: String(err) });
      this.lost = true;
      this.reconnectTimer = setTimeout(() => void this.listen(), this.reconnectDelayMs);
      this.reconnectTimer.unref();
      this.reconnectDelayMs = Math.min(RECONNECT_MAX_MS, this.reconnectDelayMs * 2);
    };
    client.on('error', retry);
    client.on('end', () => retry(new Error('connection ended')));
    client.on('notification', (n) => {
      if (n.channel === JOBS_CHANNEL && this.listenerCount > 0) super.notifyEnqueued();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${JOBS_CHANNEL}`);
      if (this.listener !== client) return; // lost again meanwhile; retry() has the next try in hand
      this.listenCount += 1;
      this.reconnectDelayMs = RECONNECT_MIN_MS;
      if (this.lost) this.log('LISTEN connection re-established');
      this.lost = false;
      // Anything enqueued while we were (re)connecting.
      super.notifyEnqueued();
    } catch (err) {
      retry(err);
    }
  }

  /** True once the LISTEN connection is up (tests). */
  get isListening(): boolean {
    return this.listening && this.listener !== undefined;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    const client = this.listener;
    this.listener = undefined;
    this.listening = false;
    await client?.end().catch(() => {});
  }
}
