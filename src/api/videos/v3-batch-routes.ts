// POST /v3/videos/batches (Idempotency-Key like every v3 POST: the same key answers the same batch) and
// GET /v3/videos/batches/{batch_id}. Thin: check the items, call the service, wrap.
import type { FastifyInstance } from 'fastify';
import type { BatchService } from '../../services/batches/batch-service.js';
import { spaceOf } from '../plugins/auth.js';
import { V3Error } from '../schemas/v3-envelopes.js';
import type { TypeBoxProvider } from '../type-provider.js';
import { checkBatchItems } from './check-batch-items.js';
import { BatchIdParams, BatchItemsQuery, BatchResponse, CreateBatchBody } from './v3-batch-schemas.js';

const TAGS = ['v3 videos'];

export function v3BatchRoutes(base: FastifyInstance, batches: BatchService): void {
  const app = base.withTypeProvider<TypeBoxProvider>();
  app.post(
    '/v3/videos/batches',
    {
      schema: {
        tags: TAGS,
        summary: 'Create up to 100 videos (POST /v3/videos bodies, or template generations) in one batch',
        description:
          'Answers the batch as GET /v3/videos/batches/{batch_id} does. HeyGen documents 200 for this operation; every item is already a video (or a failed item) when it answers.',
        body: CreateBatchBody,
        response: { 200: BatchResponse, '4xx': V3Error },
      },
    },
    async (request) => {
      const { videos, title, callback_url } = request.body;
      return { data: await batches.create(spaceOf(request), { videos: checkBatchItems(videos), title, callback_url }) };
    },
  );
  app.get(
    '/v3/videos/batches/:batch_id',
    {
      schema: {
        tags: TAGS,
        summary: 'A batch: aggregate status, counts by item status and one page of items with their video ids',
        params: BatchIdParams,
        querystring: BatchItemsQuery,
        response: { 200: BatchResponse, '4xx': V3Error },
      },
    },
    async (request) => ({ data: await batches.get(spaceOf(request), request.params.batch_id, { limit: request.query.limit ?? 100, token: request.query.token || undefined }) }),
  );
}
