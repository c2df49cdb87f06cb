// The BlobStore contract: every adapter (local disk, S3) must pass the same cases (test/contract/blob-store.test.ts
// runs it against each).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, it, before, after } from 'node:test';
import type { BlobStore } from '../../src/services/ports.js';

export interface BlobStoreUnderTest {
  store: BlobStore;
  /** Fetches a URL from `signedUrl` and returns its body (adapters differ in who serves it). */
  fetchSigned(url: string): Promise<Buffer>;
  /** The query parameters its signed URLs carry the expiry and the signature in. */
  urlParams: { expires: string; signature: string };
  close(): Promise<void>;
}

async function readAll(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const p of stream) parts.push(typeof p === 'string' ? Buffer.from(p) : p);
  return Buffer.concat(parts);
}

/** Deterministic, non-repeating-at-part-boundaries content. */
function patterned(bytes: number): Buffer {
  const out = Buffer.alloc(bytes);
  let seed = 0x9e3779b9;
  for (let i = 0; i < bytes; i += 4) {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    out.writeUInt32LE(seed, Math.min(i, bytes - 4));
  }
  return out;
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

export function describeBlobStoreContract(name: string, open: () => Promise<BlobStoreUnderTest | string>): void {
  describe(`BlobStore contract: ${name}`, () => {
    let t: BlobStoreUnderTest | undefined;
    let skip: string | undefined;
    let dir: string;

    before(async () => {
      dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'orator-blob-contract-'));
      const opened = await open();
      if (typeof opened === 'string') skip = opened;
      else t = opened;
    });
    after(async () => {
      await t?.close();
      await fsp.rm(dir, { recursive: true, force: true });
    });

    const test = (title: string, fn: (s: BlobStoreUnderTest) => Promise<void>) =>
      it(title, async (ctx) => {
        if (!t) return ctx.skip(skip ?? 'adapter unavailable');
        await fn(t);
      });

    test('putFile, stat, getStream round-trip with a content type from the key', async ({ store }) => {
      const file = path.join(dir, 'small.mp4');
      await fsp.writeFile(file, 'hello blob');
      await store.putFile('videos/abc/video.mp4', file);
      assert.deepEqual(await store.stat('videos/abc/video.mp4'), { size: 10, contentType: 'video/mp4' });
      assert.equal((await readAll(await store.getStream('videos/abc/video.mp4'))).toString(), 'hello blob');
      assert.equal(await store.exists('videos/abc/video.mp4'), true);
    });

    test('getStream honours an inclusive byte range', async ({ store }) => {
      await store.putStream('range/data.json', Readable.from([Buffer.from('0123456789')]));
      assert.equal((await readAll(await store.getStream('range/data.json', { start: 2, end: 5 }))).toString(), '2345');
    });

    test('missing keys: stat undefined, exists false, delete is a no-op', async ({ store }) => {
      assert.equal(await store.stat('nope/missing.mp4'), undefined);
      assert.equal(await store.exists('nope/missing.mp4'), false);
      await store.delete('nope/missing.mp4');
    });

    test('a put overwrites the same key', async ({ store }) => {
      await store.putStream('over/file.srt', Readable.from(['first version']));
      await store.putStream('over/file.srt', Readable.from(['second']));
      assert.equal((await readAll(await store.getStream('over/file.srt'))).toString(), 'second');
      assert.equal((await store.stat('over/file.srt'))?.size, 6);
    });

    test('files over 16 MB (putFile and putStream) arrive intact', async ({ store }) => {
      const body = patterned(17 * 1024 * 1024 + 123);
      const file = path.join(dir, 'big.mp4');
      await fsp.writeFile(file, body);
      await store.putFile('big/file.mp4', file);
      await store.putStream('big/stream.mp4', fs.createReadStream(file));
      for (const key of ['big/file.mp4', 'big/stream.mp4']) {
        assert.equal((await store.stat(key))?.size, body.length, key);
        assert.equal(sha(await readAll(await store.getStream(key))), sha(body), key);
      }
      const tail = await readAll(await store.getStream('big/file.mp4', { start: body.length - 10, end: body.length - 1 }));
      assert.deepEqual(tail, body.subarray(body.length - 10));
    });

    test('deletePrefix removes the prefix only, not its siblings', async ({ store }) => {
      for (const key of ['pre/ab/one.vtt', 'pre/ab/sub/two.vtt', 'pre/abc/keep.vtt']) await store.putStream(key, Readable.from(['x']));
      await store.deletePrefix('pre/ab/');
      assert.equal(await store.exists('pre/ab/one.vtt'), false);
      assert.equal(await store.exists('pre/ab/sub/two.vtt'), false);
      assert.equal(await store.exists('pre/abc/keep.vtt'), true);
      await store.delete('pre/abc/keep.vtt');
      assert.equal(await store.exists('pre/abc/keep.vtt'), false);
    });

    test('keys that could escape are refused', async ({ store }) => {
      assert.equal(await store.stat('../etc/passwd').catch(() => undefined), undefined);
      await assert.rejects(() => store.getStream('../etc/passwd'));
      await assert.rejects(() => store.putStream('a/../../b', Readable.from(['x'])));
      await assert.rejects(() => store.signedUrl('/abs'));
    });

    test('signed URLs are minted on every read, expire in 7 days and serve the blob', async (s) => {
      await s.store.putStream('signed/thumb.jpg', Readable.from([Buffer.from('jpeg-bytes')]));
      const url = await s.store.signedUrl('signed/thumb.jpg');
      const u = new URL(url);
      const expiresAt = u.searchParams.has('Expires')
        ? Number(u.searchParams.get('Expires')) * 1000
        : Date.parse(u.searchParams.get('X-Amz-Date')!.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z')) +
          Number(u.searchParams.get('X-Amz-Expires')) * 1000;
      assert.ok(Math.abs(expiresAt - (Date.now() + 7 * 24 * 3600 * 1000)) < 60_000, `expiry ${new Date(expiresAt).toISOString()}`);
      assert.equal((await s.fetchSigned(url)).toString(), 'jpeg-bytes');
    });

    test('ping succeeds', async ({ store }) => {
      await store.ping();
    });

    test('put (file and stream), stat, get, range, exists, delete, delete prefix', async ({ store }) => {
      const src = path.join(dir, 'a.mp4');
      fs.writeFileSync(src, 'hello world');
      await store.putFile('v/s1/id1/video.mp4', src);
      await store.putStream('v/s1/id1/captions.vtt', Readable.from(['WEBVTT\n']));
      assert.deepEqual(await store.stat('v/s1/id1/video.mp4'), { size: 11, contentType: 'video/mp4' });
      assert.equal((await readAll(await store.getStream('v/s1/id1/video.mp4'))).toString(), 'hello world');
      assert.equal((await readAll(await store.getStream('v/s1/id1/video.mp4', { start: 6, end: 10 }))).toString(), 'world');
      assert.equal(await store.exists('v/s1/id1/captions.vtt'), true);
      assert.equal((await store.stat('v/s1/id1/captions.vtt'))?.contentType, 'text/vtt');
      await store.delete('v/s1/id1/captions.vtt');
      assert.equal(await store.exists('v/s1/id1/captions.vtt'), false);
      await store.delete('v/s1/id1/never-existed.mp4');
      await store.deletePrefix('v/s1/id1');
      assert.equal(await store.stat('v/s1/id1/video.mp4'), undefined);
      await store.ping();
    });

    test('signed URLs carry an expiry and a signature and never the storage path', async ({ store, urlParams }) => {
      const url = new URL(await store.signedUrl('v/s1/id1/video.mp4', 60));
      assert.ok(url.searchParams.get(urlParams.expires));
      assert.ok(url.searchParams.get(urlParams.signature));
      assert.ok(!url.href.includes(os.tmpdir()));
    });

    test('unsafe keys are refused by name', async ({ store }) => {
      for (const bad of ['../x', 'a/../../x', '/abs', 'a//b', '']) {
        await assert.rejects(store.putStream(bad, Readable.from(['x'])), new RegExp('invalid blob key'), bad);
      }
    });
  });
}
