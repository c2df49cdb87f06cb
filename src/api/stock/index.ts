// GET /stock/templates/<file>: the stock templates' bundled media, public and read-only, so the default
// URLs a client reads in a stock template can be fetched. A fixed list of names (no path is ever built
// from the request), cacheable: the files change only with a new release, and the ETag says when.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { OratorError } from '../../domain/errors.js';
import { isStockMediaFile, readStockMedia, STOCK_MEDIA, STOCK_MEDIA_PATH } from '../../services/templates/stock-media.js';

const etags = new Map<string, string>();

function etagOf(name: string, bytes: Buffer): string {
  let tag = etags.get(name);
  if (!tag) {
    tag = `"${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}"`;
    etags.set(name, tag);
  }
  return tag;
}

export async function stockMediaRoutes(app: FastifyInstance): Promise<void> {
  app.get(`${STOCK_MEDIA_PATH}:file`, { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const { file } = request.params as { file: string };
    if (!isStockMediaFile(file)) throw new OratorError('not_found', `No such stock file; the stock templates name theirs under ${STOCK_MEDIA_PATH}`);
    const bytes = await readStockMedia(file);
    const etag = etagOf(file, bytes);
    reply.header('content-type', STOCK_MEDIA[file]).header('cache-control', 'public, max-age=86400').header('etag', etag);
    if (request.headers['if-none-match'] === etag) return reply.code(304).send();
    return reply.send(bytes);
  });
}
