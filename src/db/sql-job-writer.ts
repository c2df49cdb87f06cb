// The transactional half of the SQL job queue: an insert into the jobs table, usable with a Kysely
// transaction so a job commits with the row it is about (the unit of work's `jobs`). The queue itself
// (claims, leases, retries) is jobs/sql-job-queue.ts, which extends this.
import type { Kysely } from 'kysely';
import { newId } from '../domain/ids.js';
import type { JobKind, NewJob } from '../domain/job-kind.js';
import { JOB_POLICY } from '../domain/job-policy.js';
import type { JobWriter } from '../services/ports.js';
import type { Database } from './database.js';

/** The transactional half: usable with a Kysely transaction so a job commits with the row it is about. */
export class SqlJobWriter implements JobWriter {
  constructor(
    protected readonly db: Kysely<Database>,
    private readonly onInsert: () => void = () => {},
  ) {}

  async enqueue<K extends JobKind>(job: NewJob<K>): Promise<string> {
    const now = Date.now();
    const id = newId('job');
    await this.db
      .insertInto('jobs')
      .values({
        id,
        kind: job.kind,
        payload: JSON.stringify(job.payload),
        status: 'queued',
        attempts: 0,
        max_attempts: job.maxAttempts ?? JOB_POLICY[job.kind].attempts,
        run_at: job.runAt ?? now,
        lease_owner: null,
        lease_expires_at: null,
        last_error: null,
        space_id: job.spaceId,
        created_at: now,
        updated_at: now,
      })
      .execute();
    this.onInsert();
    return id;
  }

  async complete(jobId: string, owner: string): Promise<boolean> {
    const r = await this.db
      .updateTable('jobs')
      .set({ status: 'done', lease_owner: null, lease_expires_at: null, updated_at: Date.now() })
      .where('id', '=', jobId)
      .where('status', '=', 'running')
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }
}
