// POST /v3/assets as multipart/form-data with the one `file` part, from a path or a stream. A path is read
// lazily from disk (fs.openAsBlob), so a retry sends it again whole; a stream can be read only once, so it
// is sent as a streamed body with no retry, and its Idempotency-Key still lets the caller retry by hand.
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';

export interface UploadOptions {
  /** The part's file name (default: the path's base name, or `upload`). */
  filename?: string;
  /** The part's type (default: from the file name's extension; servers read the bytes anyway). */
  contentType?: string;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export type UploadSource = string | Readable | Blob;

const TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.mp3': 'audio/mpeg',
  '.wav': 'audio/wav',
  '.m4a': 'audio/mp4',
  '.ogg': 'audio/ogg',
};

export function contentTypeFor(filename: string): string {
  return TYPES[path.extname(filename).toLowerCase()] ?? 'application/octet-stream';
}

/** The multipart envelope around a stream: built by hand because FormData takes only Blobs. */
function streamedMultipart(stream: Readable, filename: string, contentType: string): { body: ReadableStream<Uint8Array>; type: string } {
  const boundary = `----orator-${randomBytes(12).toString('hex')}`;
  const safeName = filename.replace(/["\r\n\\]/g, '_');
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${safeName}"\r\nContent-Type: ${contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const parts = async function* () {
    yield head;
    for await (const chunk of stream) yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    yield tail;
  };
  return { body: Readable.toWeb(Readable.from(parts())) as ReadableStream<Uint8Array>, type: `multipart/form-data; boundary=${boundary}` };
}

/** The request for POST {baseUrl}/v3/assets; `repeatable` says whether it may be sent again. */
export async function assetUploadRequest(baseUrl: string, source: UploadSource, options: UploadOptions): Promise<{ request: Request; repeatable: boolean }> {
  const url = `${baseUrl}/v3/assets`;
  const signal = options.signal ? { signal: options.signal } : {};
  const headers: Record<string, string> = options.idempotencyKey ? { 'idempotency-key': options.idempotencyKey } : {};
  if (source instanceof Readable) {
    const filename = options.filename ?? 'upload';
    const { body, type } = streamedMultipart(source, filename, options.contentType ?? contentTypeFor(filename));
    // Node's fetch sends a stream body only with duplex 'half' (DOM typings do not know the field yet).
    const init: RequestInit & { duplex: 'half' } = { method: 'POST', headers: { ...headers, 'content-type': type }, body, duplex: 'half', ...signal };
    return { request: new Request(url, init), repeatable: false };
  }
  let blob: Blob;
  let filename: string;
  if (typeof source === 'string') {
    filename = options.filename ?? path.basename(source);
    blob = await fs.openAsBlob(source, { type: options.contentType ?? contentTypeFor(filename) });
  } else {
    filename = options.filename ?? 'upload';
    blob = options.contentType ? new Blob([source], { type: options.contentType }) : source;
  }
  const form = new FormData();
  form.append('file', blob, filename);
  return { request: new Request(url, { method: 'POST', headers, body: form, ...signal }), repeatable: true };
}
