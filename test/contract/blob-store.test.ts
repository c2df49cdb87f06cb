// BlobStore contract on every adapter: local disk (HMAC-signed URLs) and S3 (s3rver in-process).
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, it } from 'node:test';
import { pathToFileURL } from 'node:url';
import { BlobUrlSigner } from '../../src/storage/blob-url-signer.js';
import { createBlobStorage } from '../../src/storage/create-blob-store.js';
import { LocalBlobStore } from '../../src/storage/local-blob-store.js';
import { S3BlobStore } from '../../src/storage/s3-blob-store.js';
import { parseS3StorageUrl } from '../../src/storage/s3-storage-url.js';
import { describeBlobStoreContract } from '../support/blob-store-contract.js';
import { S3RVER_CREDENTIALS, startS3rver } from '../support/s3rver-fixture.js';

const PUBLIC_URL = 'http://orator.test';

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of stream) parts.push(Buffer.from(p));
  return Buffer.concat(parts);
}

describeBlobStoreContract('local disk', async () => {
  const root = await fsp.mkdtemp(path.join(os.tmpdir(), 'orator-blobs-'));
  const signer = new BlobUrlSigner('contract-secret', PUBLIC_URL);
  const store = new LocalBlobStore(root, signer);
  return {
    store,
    urlParams: { expires: 'Expires', signature: 'Signature' },
    // What GET /files/<key> does: verify, then stream.
    async fetchSigned(url) {
      const u = new URL(url);
      const key = decodeURIComponent(u.pathname.replace(/^\/files\//, ''));
      const check = signer.verify(key, u.searchParams.get('Expires') ?? undefined, u.searchParams.get('Signature') ?? undefined);
      assert.deepEqual(check, { ok: true });
      return readAll(await store.getStream(key));
    },
    close: () => fsp.rm(root, { recursive: true, force: true }),
  };
});

describeBlobStoreContract('S3 (s3rver)', async () => {
  const s3 = await startS3rver();
  const store = new S3BlobStore(parseS3StorageUrl(s3.storageUrl, {}));
  return {
    store,
    urlParams: { expires: 'X-Amz-Expires', signature: 'X-Amz-Signature' },
    async fetchSigned(url) {
      const res = await fetch(url);
      assert.equal(res.status, 200);
      return Buffer.from(await res.arrayBuffer());
    },
    close: async () => {
      store.close();
      await s3.close();
    },
  };
});

/** Recomputes a presigned URL's SigV4 signature, as S3 does on receipt (s3rver does not check V4). */
function sigV4ForPresignedUrl(url: URL, secret: string): string {
  const q = [...url.searchParams.entries()].filter(([k]) => k !== 'X-Amz-Signature');
  const enc = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const canonicalQuery = q.map(([k, v]) => `${enc(k)}=${enc(v)}`).sort().join('&');
  const canonicalRequest = ['GET', url.pathname, canonicalQuery, `host:${url.host}`, '', 'host', 'UNSIGNED-PAYLOAD'].join('\n');
  const amzDate = url.searchParams.get('X-Amz-Date')!;
  const scope = url.searchParams.get('X-Amz-Credential')!.split('/').slice(1).join('/');
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, createHash('sha256').update(canonicalRequest).digest('hex')].join('\n');
  let key: Buffer | string = `AWS4${secret}`;
  for (const part of scope.split('/')) key = createHmac('sha256', key).update(part).digest();
  return createHmac('sha256', key).update(toSign).digest('hex');
}

describe('signed URL integrity', () => {
  it('S3 presigned URLs carry a valid SigV4 signature and a 7-day expiry that tampering breaks', async () => {
    const s3 = await startS3rver();
    const store = new S3BlobStore(parseS3StorageUrl(s3.storageUrl, {}));
    try {
      const first = new URL(await store.signedUrl('videos/abc/video.mp4'));
      assert.equal(first.pathname, `/${s3.bucket}/videos/abc/video.mp4`);
      assert.equal(first.searchParams.get('X-Amz-Algorithm'), 'AWS4-HMAC-SHA256');
      assert.equal(first.searchParams.get('X-Amz-Expires'), String(7 * 24 * 3600));
      assert.match(first.searchParams.get('X-Amz-Credential') ?? '', /^S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request$/);
      assert.match(first.searchParams.get('X-Amz-Signature') ?? '', /^[0-9a-f]{64}$/);
      assert.equal(sigV4ForPresignedUrl(first, S3RVER_CREDENTIALS.secretAccessKey), first.searchParams.get('X-Amz-Signature'));
      const tampered = new URL(first);
      tampered.pathname = `/${s3.bucket}/videos/abd/video.mp4`;
      assert.notEqual(sigV4ForPresignedUrl(tampered, S3RVER_CREDENTIALS.secretAccessKey), first.searchParams.get('X-Amz-Signature'));
      const longer = new URL(first);
      longer.searchParams.set('X-Amz-Expires', '999999');
      assert.notEqual(sigV4ForPresignedUrl(longer, S3RVER_CREDENTIALS.secretAccessKey), first.searchParams.get('X-Amz-Signature'));
      // Never longer than SigV4 allows, whatever the caller asks.
      assert.equal(new URL(await store.signedUrl('a.mp4', 30 * 24 * 3600)).searchParams.get('X-Amz-Expires'), String(7 * 24 * 3600));
    } finally {
      store.close();
      await s3.close();
    }
  });

  it('S3 uploads over 16 MB go up as multipart (create, parts, complete); smaller ones as one PUT', async () => {
    const s3 = await startS3rver();
    const store = new S3BlobStore(parseS3StorageUrl(s3.storageUrl, {}));
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'orator-mp-'));
    const sent: string[] = [];
    const send = store.client.send.bind(store.client);
    store.client.send = ((command: { constructor: { name: string } }, ...rest: unknown[]) => {
      sent.push(command.constructor.name.replace(/Command$/, ''));
      return (send as (...a: unknown[]) => unknown)(command, ...rest);
    }) as typeof store.client.send;
    try {
      const big = path.join(dir, 'big.mp4');
      await fsp.writeFile(big, Buffer.alloc(33 * 1024 * 1024, 7));
      await store.putFile('mp/big.mp4', big);
      assert.deepEqual(sent, ['CreateMultipartUpload', 'UploadPart', 'UploadPart', 'UploadPart', 'CompleteMultipartUpload']);
      sent.length = 0;
      await fsp.writeFile(big, Buffer.alloc(16 * 1024 * 1024, 7));
      await store.putFile('mp/exactly-16.mp4', big);
      assert.deepEqual(sent, ['PutObject']);
      assert.equal((await store.stat('mp/big.mp4'))?.size, 33 * 1024 * 1024);
    } finally {
      store.close();
      await s3.close();
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });

  it('the local signer rejects a changed key, expiry or signature, and expired URLs', () => {
    const signer = new BlobUrlSigner('contract-secret', PUBLIC_URL);
    const now = Date.now();
    const u = new URL(signer.signBlobUrl('videos/abc/video.mp4', 60, now));
    const expires = u.searchParams.get('Expires')!;
    const sig = u.searchParams.get('Signature')!;
    assert.deepEqual(signer.verify('videos/abc/video.mp4', expires, sig, now), { ok: true });
    assert.deepEqual(signer.verify('videos/abd/video.mp4', expires, sig, now), { ok: false, reason: 'bad_signature' });
    assert.deepEqual(signer.verify('videos/abc/video.mp4', String(Number(expires) + 3600), sig, now), { ok: false, reason: 'bad_signature' });
    assert.deepEqual(signer.verify('videos/abc/video.mp4', expires, `${sig.slice(0, -1)}${sig.endsWith('A') ? 'B' : 'A'}`, now), { ok: false, reason: 'bad_signature' });
    assert.deepEqual(signer.verify('videos/abc/video.mp4', expires, undefined, now), { ok: false, reason: 'missing' });
    assert.deepEqual(signer.verify('videos/abc/video.mp4', expires, sig, now + 61_000), { ok: false, reason: 'expired' });
    assert.deepEqual(new BlobUrlSigner('other-secret', PUBLIC_URL).verify('videos/abc/video.mp4', expires, sig, now), { ok: false, reason: 'bad_signature' });
  });
});

describe('file:// storage shared by processes on one machine', () => {
  it('a blob and a URL written by one process (its own data dir) are read and verified by another', async () => {
    const base = await fsp.mkdtemp(path.join(os.tmpdir(), 'orator-shared-'));
    try {
      const storageUrl = pathToFileURL(path.join(base, 'shared blobs')).href;
      const open = (dataDir: string) => createBlobStorage({ storageUrl, dataDir: path.join(base, dataDir), signingSecret: undefined, publicUrl: PUBLIC_URL });
      const [worker, serve] = await Promise.all([open('worker-data'), open('serve-data')]);
      await worker.blobs.putStream('videos/v1/video.mp4', Readable.from(['rendered']));
      assert.equal((await readAll(await serve.blobs.getStream('videos/v1/video.mp4'))).toString(), 'rendered');
      const u = new URL(await worker.blobs.signedUrl('videos/v1/video.mp4'));
      assert.deepEqual(serve.signer.verify('videos/v1/video.mp4', u.searchParams.get('Expires') ?? undefined, u.searchParams.get('Signature') ?? undefined), { ok: true });
      assert.equal(await fsp.readFile(path.join(base, 'shared blobs', 'videos/v1/video.mp4'), 'utf8'), 'rendered');
    } finally {
      await fsp.rm(base, { recursive: true, force: true });
    }
  });
});
