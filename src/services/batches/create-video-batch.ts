// POST /v3/videos/batches: up to 100 creations in one request, each made by the service its own route
// calls (POST /v3/videos, or POST /v3/templates/{id} for Orator's template items), so an item is an
// ordinary video: polled, listed, deleted and announced by webhooks like any other.
//
// HeyGen: "Videos are created asynchronously" and a batch item is failed, with its error, when its
// video could not be made; its other batch APIs say items are "created and processed independently
// so one bad source does not fail the rest". So an item its service refuses (unknown avatar, missing
// script, any 4xx) becomes a failed item carrying that error while the others go on. Malformed JSON
// shapes are refused for the whole batch before this runs, as HeyGen validates a request body against
// its schema (the route checks every item against its own route's schema).
import { randomBytes } from 'node:crypto';
import { isOratorError } from '../../domain/errors.js';
import type { Clock, UnitOfWork } from '../ports.js';
import type { CreateVideoV3Input } from '../videos/create-video-v3.js';
import { assertHttpUrl, type RefusedUrlHost } from '../videos/plan-parts.js';
import type { VideoService } from '../videos/video-service.js';
import type { GenerateFromTemplateInput } from '../templates/generate-from-template.js';
import type { TemplateService } from '../templates/template-service.js';
import type { BatchItemError, BatchRecord, BatchStore, NewBatchItem } from './batch-ports.js';
import { batchView, type BatchView } from './batch-view.js';
import { finishIfSettled } from './finish-batches.js';

/** HeyGen's cap per batch. */
export const MAX_BATCH_ITEMS = 100;

/** Orator extension: a template generation as a batch item, the body POST /v3/templates/{id} takes plus the id. */
export type TemplateBatchItem = GenerateFromTemplateInput & { type: 'template'; template_id: string };
export type BatchItemInput = CreateVideoV3Input | TemplateBatchItem;

export interface CreateBatchInput {
  videos: BatchItemInput[];
  title?: string | null;
  callback_url?: string | null;
}

export interface CreateBatchDeps {
  store: BatchStore;
  /** Records the items and, when they have all settled already, finishes the batch in one transaction. */
  uow: UnitOfWork;
  clock: Clock;
  videos: Pick<VideoService, 'createV3'>;
  templates: Pick<TemplateService, 'generate'>;
  refusedUrlHost: RefusedUrlHost;
}

function isTemplateItem(item: BatchItemInput): item is TemplateBatchItem {
  return (item.type as string) === 'template';
}

async function createItem(deps: CreateBatchDeps, spaceId: string, item: BatchItemInput): Promise<string> {
  if (!isTemplateItem(item)) return (await deps.videos.createV3(spaceId, item)).video_id;
  const { type: _type, template_id, ...body } = item;
  return (await deps.templates.generate(spaceId, template_id, body)).video_id;
}

/** An error the item's own route would have answered with a 4xx; anything else fails the request. */
function itemErrorOf(err: unknown): BatchItemError | undefined {
  if (!isOratorError(err) || err.spec.httpStatus >= 500) return undefined;
  return { code: err.spec.v3Code, message: err.message, param: err.param ?? null };
}

/** Each item through its own route's service, in order; an item those refuse with a 4xx fails alone. */
async function createItems(deps: CreateBatchDeps, spaceId: string, videos: readonly BatchItemInput[]): Promise<NewBatchItem[]> {
  const items: NewBatchItem[] = [];
  // One after another: each creation is a short transaction, and a sequence keeps item order in the
  // videos' creation times (GET /v3/videos lists them in submission order).
  for (const [index, item] of videos.entries()) {
    try {
      items.push({ index, videoId: await createItem(deps, spaceId, item), error: null });
    } catch (err) {
      const error = itemErrorOf(err);
      if (!error) throw err;
      items.push({ index, videoId: null, error });
    }
  }
  return items;
}

export async function createVideoBatch(deps: CreateBatchDeps, spaceId: string, input: CreateBatchInput): Promise<BatchView> {
  if (input.callback_url) assertHttpUrl(input.callback_url, 'callback_url', deps.refusedUrlHost);
  const batch: BatchRecord = { id: randomBytes(16).toString('hex'), spaceId, title: input.title ?? null, callbackUrl: input.callback_url ?? null, totalItems: input.videos.length, createdAt: deps.clock.now() };
  // The batch row exists before any of its videos, so a video that settles early finds it (and waits
  // on its lock); nobody knows its id until this request answers.
  await deps.store.insert(batch);
  let items: NewBatchItem[];
  try {
    items = await createItems(deps, spaceId, input.videos);
  } catch (err) {
    // The request fails: what was created stays as ordinary videos, the Idempotency-Key is free again.
    await deps.store.delete(batch.id).catch(() => {});
    throw err;
  }
  await deps.uow.transaction(async (tx) => {
    await tx.batches.lockBatch(batch.id);
    await tx.batches.insertItems(batch.id, items);
    await finishIfSettled(deps, tx, batch);
  });
  return batchView(deps.store, batch, { limit: MAX_BATCH_ITEMS });
}
