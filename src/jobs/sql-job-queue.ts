// SQL job queue (SQLite now; Postgres via the same statements plus FOR UPDATE SKIP LOCKED in the claim).
import { EventEmitter } from 'node:events';
import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database, JobsTable, SqlDialectName } from '../db/database.js';
import type { JobKind, JobRecord, JobStatus } from '../domain/job-kind.js';
import { SqlJobWriter } from '../db/sql-job-writer.js';
import type { ClaimRequest, JobQueue, RetryOptions } from './job-queue.js';

export function jobFromRow(r: Selectable<JobsTable>): JobRecord {
  return {
    id: r.id,
    kind: r.kind as JobKind,
    payload: JSON.parse(r.payload),
    status: r.status as JobStatus,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    runAt: Number(r.run_at),
    leaseOwner: r.lease_owner,
    leaseExpiresAt: r.lease_expires_at === null ? null : Number(r.lease_expires_at),
    lastError: r.last_error,
    spaceId: r.space_id,
    createdAt: Number(r.created_at),
    updatedAt: Number(r.updated_at),
  };
}

/** Running jobs of the same kind in the space of the jobs row aliased `alias`. */
function runningInSpace(alias: string) {
  return sql<number>`(select count(*) from jobs r where r.space_id = ${sql.ref(`${alias}.space_id`)} and r.kind = ${sql.ref(`${alias}.kind`)} and r.status = 'running')`;
}

export class SqlJobQueue extends SqlJobWriter implements JobQueue {
  private readonly events = new EventEmitter();

  constructor(
    db: Kysely<Database>,
    private readonly dialect: SqlDialectName,
  ) {
    super(db, () => this.notifyEnqueued());
    this.events.setMaxListeners(0);
  }

  /** Called by the unit of work after a commit that inserted jobs (an insert inside a transaction is not visible yet). */
  notifyEnqueued(): void {
    this.events.emit('enqueued');
  }

  onEnqueued(listener: () => void): () => void {
    this.events.on('enqueued', listener);
    return () => this.events.off('enqueued', listener);
  }

  /**
   * Fair share between spaces: among due jobs, one of the space with the fewest running jobs of its kind
   * goes first, oldest first within a space. A space with a hundred renders queued takes the slots no
   * other space asks for, but each slot that frees goes to the waiting space with the fewest running,
   * so another space's job waits for one render, not a hundred (`spaceCap` bounds what one space holds).
   */
  async claim(req: ClaimRequest): Promise<JobRecord | undefined> {
    if (req.kinds.length === 0) return undefined;
    const lock = this.dialect === 'postgres' ? sql` for update skip locked` : sql``;
    const running = runningInSpace('j');
    const result = await sql<Selectable<JobsTable>>`
      update jobs set status = 'running', lease_owner = ${req.owner}, lease_expires_at = ${req.now + req.leaseMs},
        attempts = attempts + 1, updated_at = ${req.now}
      where id = (
        select j.id from jobs j
        where j.status = 'queued' and j.run_at <= ${req.now} and j.kind in (${sql.join(req.kinds)})
          and (j.space_id is null or ${running} < ${req.spaceCap})
        order by case when j.space_id is null then 0 else ${running} end, j.run_at, j.created_at
        limit 1${lock}
      ) and status = 'queued'
      returning *`.execute(this.db);
    const row = result.rows[0];
    return row ? jobFromRow(row) : undefined;
  }

  async renew(jobId: string, owner: string, leaseExpiresAt: number, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('jobs')
      .set({ lease_expires_at: leaseExpiresAt, updated_at: now })
      .where('id', '=', jobId)
      .where('status', '=', 'running')
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async retry(jobId: string, owner: string, runAt: number, error: string, now: number, options: RetryOptions = {}): Promise<boolean> {
    const refund = options.countAttempt === false;
    const r = await this.db
      .updateTable('jobs')
      .set((eb) => ({
        status: 'queued',
        run_at: runAt,
        lease_owner: null,
        lease_expires_at: null,
        last_error: error,
        updated_at: now,
        ...(refund ? { attempts: eb('attempts', '-', 1) } : {}),
      }))
      .where('id', '=', jobId)
      .where('status', '=', 'running')
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async fail(jobId: string, owner: string, error: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('jobs')
      .set({ status: 'failed', lease_owner: null, lease_expires_at: null, last_error: error, updated_at: now })
      .where('id', '=', jobId)
      .where('status', '=', 'running')
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async requeueExpired(now: number): Promise<number> {
    const r = await this.db
      .updateTable('jobs')
      .set({ status: 'queued', lease_owner: null, lease_expires_at: null, run_at: now, last_error: 'lease expired', updated_at: now })
      .where('status', '=', 'running')
      .where('lease_expires_at', '<', now)
      .executeTakeFirst();
    const n = Number(r.numUpdatedRows);
    if (n > 0) this.notifyEnqueued();
    return n;
  }

  async releaseLeases(owner: string, now: number): Promise<number> {
    // The attempt was interrupted by our own shutdown, not by the job: give it back.
    const r = await this.db
      .updateTable('jobs')
      .set((eb) => ({ status: 'queued', lease_owner: null, lease_expires_at: null, run_at: now, attempts: eb('attempts', '-', 1), updated_at: now }))
      .where('status', '=', 'running')
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    return Number(r.numUpdatedRows);
  }

  async get(jobId: string): Promise<JobRecord | undefined> {
    const r = await this.db.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
    return r ? jobFromRow(r) : undefined;
  }

  async counts(): Promise<Record<JobStatus, number>> {
    const rows = await this.db
      .selectFrom('jobs')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const out: Record<JobStatus, number> = { queued: 0, running: 0, done: 0, failed: 0 };
    for (const r of rows) out[r.status as JobStatus] = Number(r.n);
    return out;
  }

  async ping(): Promise<void> {
    await sql`select 1 from jobs limit 1`.execute(this.db);
  }
}
