// Video batches as the routes call them: create (POST /v3/videos/batches), read one page of a batch
// (GET /v3/videos/batches/{id}) and the statuses of videos and batches (GET /v3/videos/statuses).
import { OratorError } from '../../domain/errors.js';
import type { VideoStatusesPage } from '../videos/video-statuses.js';
import type { BatchStore } from './batch-ports.js';
import { getBatchStatuses, type BatchStatusesDeps } from './batch-statuses.js';
import { batchView, type BatchView } from './batch-view.js';
import { createVideoBatch, type CreateBatchDeps, type CreateBatchInput } from './create-video-batch.js';

export interface BatchService {
  create(spaceId: string, input: CreateBatchInput): Promise<BatchView>;
  /** One page of items; another space's batch is not found. */
  get(spaceId: string, batchId: string, page: { limit: number; token?: string }): Promise<BatchView>;
  getStatuses(spaceId: string, q: { video_ids?: string; batch_ids?: string }): Promise<VideoStatusesPage>;
}

export type BatchServiceDeps = CreateBatchDeps & BatchStatusesDeps;

async function getBatch(store: BatchStore, spaceId: string, batchId: string, page: { limit: number; token?: string }): Promise<BatchView> {
  const batch = await store.find(spaceId, batchId);
  if (!batch) throw new OratorError('batch_not_found', `Batch ${batchId} not found`, { param: 'batch_id' });
  return batchView(store, batch, page);
}

export function createBatchService(deps: BatchServiceDeps): BatchService {
  return {
    create: (spaceId, input) => createVideoBatch(deps, spaceId, input),
    get: (spaceId, batchId, page) => getBatch(deps.store, spaceId, batchId, page),
    getStatuses: (spaceId, q) => getBatchStatuses(deps, spaceId, q),
  };
}
