// Queue depth per job kind, read from the jobs table on each metrics scrape. The row is the truth for
// every queue backend (SQL, Postgres NOTIFY, BullMQ), so one query answers for all of them, and every
// process (serve, worker, all) reports the same figures however many there are.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { JOB_KINDS, type JobKind } from '../domain/job-kind.js';
import type { QueueKindStats } from '../domain/metrics.js';

export async function readQueueStats(db: Kysely<Database>, now: number): Promise<QueueKindStats[]> {
  // Served by the (status, run_at) index: only queued and running rows are read, never the done history.
  const rows = await db
    .selectFrom('jobs')
    .select((eb) => [
      'kind',
      'status',
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.min<number | string | null>(eb.case().when('run_at', '<=', now).then(eb.ref('run_at')).end()).as('oldest_due'),
    ])
    .where('status', 'in', ['queued', 'running'])
    .groupBy(['kind', 'status'])
    .execute();
  const byKind = new Map<JobKind, QueueKindStats>(JOB_KINDS.map((kind) => [kind, { kind, queued: 0, running: 0, oldestQueuedAgeSec: 0 }]));
  for (const r of rows) {
    const stats = byKind.get(r.kind as JobKind);
    if (!stats) continue; // a kind this build does not know (a newer process wrote it)
    if (r.status === 'running') stats.running = Number(r.n);
    else {
      stats.queued = Number(r.n);
      if (r.oldest_due !== null) stats.oldestQueuedAgeSec = Math.max(0, (now - Number(r.oldest_due)) / 1000);
    }
  }
  return [...byKind.values()];
}
