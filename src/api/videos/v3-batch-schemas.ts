// POST /v3/videos/batches and GET /v3/videos/batches/{batch_id}: HeyGen's batch read model (batch_id,
// status, total_items, counts_by_status, created_at, items, has_more, next_token inside `data`).
// An item is a POST /v3/videos body, or Orator's template item; the route checks each one against its
// own route's schema (check-batch-items.ts), so this schema only pins what tells them apart.
import { Type } from '@sinclair/typebox';
import { MAX_BATCH_ITEMS } from '../../services/batches/create-video-batch.js';
import { BATCH_ITEM_STATUSES } from '../../services/batches/batch-view.js';
import { Nullable } from '../schemas/envelopes.js';
import { opt, V3Envelope } from '../schemas/v3-envelopes.js';
import { CreateVideoV3Body } from './v3-video-schemas.js';

const VIDEO_TYPES = (CreateVideoV3Body.properties.type as unknown as { enum: string[] }).enum;

export const BatchItemBody = Type.Object(
  {
    type: Type.String({ enum: [...VIDEO_TYPES, 'template'], description: "A POST /v3/videos type, or 'template' (Orator): the item is then a POST /v3/templates/{template_id} body plus template_id." }),
    template_id: opt(Type.String({ minLength: 1, description: "type 'template' only: the template to generate from (GET /v3/templates)." })),
  },
  { description: 'A POST /v3/videos body, or {"type":"template","template_id":"…", variables, scene_ids, …} as POST /v3/templates/{template_id} takes it.' },
);

export const CreateBatchBody = Type.Object({
  videos: Type.Array(BatchItemBody, {
    minItems: 1,
    maxItems: MAX_BATCH_ITEMS,
    description: `Up to ${MAX_BATCH_ITEMS} items. A malformed item refuses the whole batch (400 naming videos[i].field); an item its service refuses (unknown avatar, missing script…) becomes a failed item and the others are created.`,
  }),
  title: opt(Type.String({ maxLength: 500, description: 'Display name of the batch.' })),
  callback_url: opt(
    Type.String({
      maxLength: 2048,
      description: 'Gets batch.finished once, unsigned, when every item is completed or failed (endpoints subscribed to batch.finished get it signed). Each item may carry its own callback_url for its video.',
    }),
  ),
});

const ItemStatus = Type.String({ enum: [...BATCH_ITEM_STATUSES] });

const BatchItemView = Type.Object({
  item_index: Type.Integer({ description: 'Zero-based position in the submitted videos array.' }),
  video_id: Nullable(Type.String({ description: 'Null when the item could not be created (see error).' })),
  status: ItemStatus,
  error: Nullable(
    Type.Object({
      code: Type.String(),
      message: Type.String(),
      param: Nullable(Type.String({ description: 'The offending field inside the item.' })),
    }),
  ),
});

const count = Type.Integer({ minimum: 0 });

export const BatchSchema = Type.Object({
  batch_id: Type.String(),
  title: Nullable(Type.String()),
  status: Type.String({ enum: ['processing', 'completed', 'failed'], description: 'processing while any item is queued or processing; then failed when no item completed, completed otherwise.' }),
  total_items: Type.Integer(),
  counts_by_status: Type.Object({ queued: count, processing: count, completed: count, failed: count }),
  created_at: Type.Integer({ description: 'Unix seconds.' }),
  items: Type.Array(BatchItemView, { description: 'One page of items, by item_index.' }),
  has_more: Type.Boolean(),
  next_token: Nullable(Type.String()),
});

export const BatchResponse = V3Envelope(BatchSchema);

export const BatchIdParams = Type.Object({ batch_id: Type.String({ minLength: 1 }) });

export const BatchItemsQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_BATCH_ITEMS, default: MAX_BATCH_ITEMS, description: 'Items per page.' })),
  token: Type.Optional(Type.String({ description: 'next_token of the previous page.' })),
});
