// GET /files/<key>?Expires=&Signature= serves local blobs behind HMAC-signed expiring URLs, with
// Range support for video players. No API key: the signature is the credential.
import type { FastifyInstance } from 'fastify';
import { OratorError } from '../../domain/errors.js';
import type { BlobStore, BlobUrlCheck } from '../../services/ports.js';

function parseRange(header: string, size: number): { start: number; end: number } | 'unsatisfiable' | undefined {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m) return undefined; // multiple ranges or junk: answer with the whole file
  const [, a, b] = m;
  let start: number;
  let end: number;
  if (a === '') {
    if (b === '') return undefined;
    const suffix = Number(b);
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(a);
    end = b === '' ? size - 1 : Math.min(Number(b), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return { start, end };
}

export interface FileRouteDeps {
  blobs: BlobStore;
  /** Absent when the store hands out its own URLs (S3): then there is no /files route. */
  verifyBlobUrl?: (key: string, expires: string | undefined, signature: string | undefined) => BlobUrlCheck;
}

export async function fileRoutes(app: FastifyInstance, deps: FileRouteDeps): Promise<void> {
  const verify = deps.verifyBlobUrl;
  if (!verify) return;
  app.get('/files/*', { config: { public: true }, schema: { hide: true } }, async (request, reply) => {
    const key = decodeURIComponent((request.params as { '*': string })['*']);
    const q = request.query as { Expires?: string; Signature?: string };
    const check = verify(key, q.Expires, q.Signature);
    if (!check.ok) {
      const message =
        check.reason === 'expired'
          ? 'This URL has expired. Request the video status again for a fresh URL.'
          : check.reason === 'missing'
            ? 'This URL is missing its Expires and Signature parameters.'
            : 'This URL signature does not match (the URL was altered).';
      throw new OratorError('forbidden', message);
    }
    const stat = await deps.blobs.stat(key);
    if (!stat) throw new OratorError('not_found', 'File not found');
    reply.header('accept-ranges', 'bytes').header('content-type', stat.contentType).header('cache-control', 'private, max-age=3600');
    const rangeHeader = request.headers.range;
    const range = rangeHeader ? parseRange(rangeHeader, stat.size) : undefined;
    if (range === 'unsatisfiable') {
      return reply.code(416).header('content-range', `bytes */${stat.size}`).send();
    }
    if (range) {
      reply.code(206).header('content-range', `bytes ${range.start}-${range.end}/${stat.size}`).header('content-length', range.end - range.start + 1);
      return reply.send(await deps.blobs.getStream(key, range));
    }
    reply.header('content-length', stat.size);
    return reply.send(await deps.blobs.getStream(key));
  });
}
