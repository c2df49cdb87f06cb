// BlobStore on S3 (or any S3-compatible server). Keys are stored, presigned GET URLs are minted on
// every read. Objects over `multipartThreshold` go up as multipart uploads we drive ourselves, so a
// large render never has to sit in memory whole and one failed part does not restart the file.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { Readable } from 'node:stream';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
  type CompletedPart,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { BlobStat, BlobStore } from '../services/ports.js';
import { SEVEN_DAYS_SEC } from './blob-url-signer.js';
import { contentTypeFor } from './content-type.js';
import { assertBlobKey } from './local-blob-store.js';
import { DEFAULT_S3_RETRY, withS3Retry, type S3RetryPolicy } from './s3-retry.js';
import type { S3StorageSettings } from './s3-storage-url.js';

const MB = 1024 * 1024;

export interface S3BlobStoreOptions {
  /** Files larger than this use multipart upload (16 MB). */
  multipartThreshold?: number;
  /** Part size; S3 wants at least 5 MB for every part but the last (16 MB). */
  partSize?: number;
  /** How long a call keeps retrying through 5xx answers and dropped connections (s3-retry.ts). */
  retry?: S3RetryPolicy;
}

function isNotFound(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
}

/** Re-chunks a stream into buffers of exactly `size` bytes (the last may be shorter). */
async function* chunksOf(stream: AsyncIterable<Buffer | string>, size: number): AsyncGenerator<Buffer> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for await (const piece of stream) {
    let buf = typeof piece === 'string' ? Buffer.from(piece) : piece;
    while (buf.length > 0) {
      const take = Math.min(size - pendingBytes, buf.length);
      pending.push(buf.subarray(0, take));
      pendingBytes += take;
      buf = buf.subarray(take);
      if (pendingBytes === size) {
        yield Buffer.concat(pending, size);
        pending = [];
        pendingBytes = 0;
      }
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending, pendingBytes);
}

/**
 * The SDK's own logging: its warnings (socket pool at capacity …) pass, except the one it prints on every
 * failed streamed upload (withS3Retry retries those); failed calls are not dumped with their input, the
 * caller reports them.
 */
const S3_SDK_LOGGER = {
  debug: () => {},
  info: () => {},
  warn: (...args: unknown[]) => {
    if (!String(args[0]).includes('non-retryable streaming request')) console.warn(...args);
  },
  error: () => {},
};

export class S3BlobStore implements BlobStore {
  readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly multipartThreshold: number;
  private readonly partSize: number;
  private readonly retry: S3RetryPolicy;

  constructor(settings: S3StorageSettings, options: S3BlobStoreOptions = {}) {
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
      // The SDK's default CRC trailers send streamed bodies aws-chunked, which S3-compatible servers
      // (s3rver, older MinIO, Ceph) may store verbatim; plain Content-Length uploads work everywhere.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      // One try per send: withS3Retry retries with a fresh command (and a fresh file stream) each time,
      // which the SDK's own retry cannot do for a streamed body. A stalled server fails, not hangs.
      maxAttempts: 1,
      requestHandler: { connectionTimeout: 5000, requestTimeout: 60_000 },
      logger: S3_SDK_LOGGER,
    });
    this.retry = options.retry ?? DEFAULT_S3_RETRY;
    this.bucket = settings.bucket;
    this.prefix = settings.prefix;
    this.multipartThreshold = options.multipartThreshold ?? 16 * MB;
    this.partSize = Math.max(options.partSize ?? 16 * MB, 1);
  }

  private call<T>(op: () => Promise<T>): Promise<T> {
    return withS3Retry(op, this.retry);
  }

  private objectKey(key: string): string {
    assertBlobKey(key);
    return this.prefix + key;
  }

  async putFile(key: string, filePath: string): Promise<void> {
    const { size } = await fsp.stat(filePath);
    if (size > this.multipartThreshold) {
      await this.multipartUpload(key, chunksOf(fs.createReadStream(filePath, { highWaterMark: MB }), this.partSize));
      return;
    }
    await this.call(() =>
      this.client.send(
        new PutObjectCommand({
          Bucket: this.bucket,
          Key: this.objectKey(key),
          Body: fs.createReadStream(filePath),
          ContentLength: size,
          ContentType: contentTypeFor(key),
        }),
      ),
    );
  }

  async putStream(key: string, stream: Readable): Promise<void> {
    // Unknown length: buffer up to the threshold; a stream that ends before it is a single PUT.
    const parts = chunksOf(stream, Math.max(this.partSize, this.multipartThreshold + 1));
    const first = await parts.next();
    const head = first.done ? Buffer.alloc(0) : first.value;
    if (head.length <= this.multipartThreshold) {
      await parts.return(undefined);
      await this.call(() =>
        this.client.send(
          new PutObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), Body: head, ContentLength: head.length, ContentType: contentTypeFor(key) }),
        ),
      );
      return;
    }
    async function* rest(): AsyncGenerator<Buffer> {
      yield head;
      yield* parts;
    }
    // Re-chunk the whole stream so every part but the last has exactly partSize bytes.
    await this.multipartUpload(key, chunksOf(rest(), this.partSize));
  }

  /** CreateMultipartUpload → UploadPart × n → CompleteMultipartUpload; aborted on any error so no parts linger. */
  private async multipartUpload(key: string, parts: AsyncIterable<Buffer>): Promise<void> {
    const Key = this.objectKey(key);
    const created = await this.call(() => this.client.send(new CreateMultipartUploadCommand({ Bucket: this.bucket, Key, ContentType: contentTypeFor(key) })));
    const UploadId = created.UploadId;
    if (!UploadId) throw new Error(`S3 CreateMultipartUpload returned no UploadId for ${Key}`);
    const completed: CompletedPart[] = [];
    try {
      let PartNumber = 0;
      for await (const body of parts) {
        PartNumber += 1;
        const r = await this.call(() => this.client.send(new UploadPartCommand({ Bucket: this.bucket, Key, UploadId, PartNumber, Body: body, ContentLength: body.length })));
        completed.push({ PartNumber, ETag: r.ETag });
      }
      await this.call(() => this.client.send(new CompleteMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId, MultipartUpload: { Parts: completed } })));
    } catch (err) {
      await this.call(() => this.client.send(new AbortMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId }))).catch(() => {});
      throw err;
    }
  }

  async stat(key: string): Promise<BlobStat | undefined> {
    try {
      const r = await this.call(() => this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) })));
      return { size: Number(r.ContentLength ?? 0), contentType: r.ContentType ?? contentTypeFor(key) };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async getStream(key: string, range?: { start: number; end: number }): Promise<Readable> {
    const r = await this.call(() =>
      this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key), Range: range ? `bytes=${range.start}-${range.end}` : undefined })),
    );
    const body = r.Body;
    if (body instanceof Readable) return body;
    if (!body) return Readable.from([]);
    return Readable.fromWeb((body as { transformToWebStream(): ReadableStream }).transformToWebStream() as never);
  }

  async exists(key: string): Promise<boolean> {
    return (await this.stat(key)) !== undefined;
  }

  async delete(key: string): Promise<void> {
    await this.deleteObjects([this.objectKey(key)]);
  }

  async deletePrefix(prefix: string): Promise<void> {
    const clean = prefix.replace(/\/+$/, '');
    assertBlobKey(clean);
    // The trailing slash keeps `videos/ab` from matching `videos/abc/…`, as on disk.
    const Prefix = `${this.prefix}${clean}/`;
    let ContinuationToken: string | undefined;
    do {
      const page = await this.call(() => this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix, ContinuationToken })));
      const keys = (page.Contents ?? []).map((o) => o.Key).filter((k): k is string => !!k);
      if (keys.length > 0) await this.deleteObjects(keys);
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
    await this.deleteObjects([`${this.prefix}${clean}`]);
  }

  private async deleteObjects(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      const r = await this.call(() =>
        this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } })),
      );
      const failed = (r.Errors ?? []).filter((e) => e.Code !== 'NoSuchKey');
      if (failed.length > 0) throw new Error(`S3 delete failed for ${failed[0]!.Key}: ${failed[0]!.Code} ${failed[0]!.Message ?? ''}`);
    }
  }

  async signedUrl(key: string, expiresInSec = SEVEN_DAYS_SEC): Promise<string> {
    // SigV4 caps presigned URLs at 7 days, which is also HeyGen's lifetime.
    const expiresIn = Math.max(1, Math.min(expiresInSec, SEVEN_DAYS_SEC));
    return getSignedUrl(this.client, new GetObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }), { expiresIn });
  }

  async ping(): Promise<void> {
    // One try, no retry: readiness reports the state now.
    await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
  }

  close(): void {
    this.client.destroy();
  }
}
