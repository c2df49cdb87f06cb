// UnitOfWork on a Kysely transaction: the video row and its job commit together.
import type { Kysely } from 'kysely';
import { SqlBatchStore } from './sql-batch-store.js';
import { SqlJobWriter } from './sql-job-writer.js';
import { sqlPhotoAvatarStore } from './sql-photo-avatar-store.js';
import type { TransactionScope, UnitOfWork } from '../services/ports.js';
import type { Database } from './database.js';
import { SqlVideoRepository } from './sql-video-repository.js';
import { SqlVideoTranslationStore } from './sql-video-translation-store.js';
import { SqlWebhookStore } from './sql-webhook-store.js';

export class SqlUnitOfWork implements UnitOfWork {
  constructor(
    private readonly db: Kysely<Database>,
    /** Runs after a commit that enqueued at least one job. */
    private readonly onJobsCommitted: () => void,
  ) {}

  async transaction<T>(fn: (tx: TransactionScope) => Promise<T>): Promise<T> {
    let enqueued = false;
    const result = await this.db.transaction().execute((trx) =>
      fn({ videos: new SqlVideoRepository(trx), jobs: new SqlJobWriter(trx, () => (enqueued = true)), webhooks: new SqlWebhookStore(trx), batches: new SqlBatchStore(trx), photoAvatars: sqlPhotoAvatarStore(trx), translations: new SqlVideoTranslationStore(trx) }),
    );
    if (enqueued) this.onJobsCommitted();
    return result;
  }
}
