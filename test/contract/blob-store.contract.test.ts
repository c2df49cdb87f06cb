// The BlobStore contract, run against every adapter (local disk today; S3 joins the list when built).
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { BlobStore } from '../../src/services/ports.js';
import { BlobUrlSigner } from '../../src/storage/blob-url-signer.js';
import { LocalBlobStore } from '../../src/storage/local-blob-store.js';

const dirs: string[] = [];
after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

const adapters: [string, () => BlobStore][] = [
  [
    'local disk',
    () => {
      const d = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-blobs-'));
      dirs.push(d);
      return new LocalBlobStore(path.join(d, 'blobs'), new BlobUrlSigner('secret', 'http://files.test'));
    },
  ],
];

async function read(s: NodeJS.ReadableStream): Promise<string> {
  let out = '';
  for await (const c of s) out += String(c);
  return out;
}

for (const [name, make] of adapters) {
  describe(`BlobStore: ${name}`, () => {
    test('put (file and stream), stat, get, range, exists, delete, delete prefix', async () => {
      const store = make();
      const src = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'orator-src-')), 'a.mp4');
      dirs.push(path.dirname(src));
      fs.writeFileSync(src, 'hello world');
      await store.putFile('v/s1/id1/video.mp4', src);
      await store.putStream('v/s1/id1/captions.vtt', Readable.from(['WEBVTT\n']));
      assert.deepEqual(await store.stat('v/s1/id1/video.mp4'), { size: 11, contentType: 'video/mp4' });
      assert.equal(await read(await store.getStream('v/s1/id1/video.mp4')), 'hello world');
      assert.equal(await read(await store.getStream('v/s1/id1/video.mp4', { start: 6, end: 10 })), 'world');
      assert.equal(await store.exists('v/s1/id1/captions.vtt'), true);
      assert.equal((await store.stat('v/s1/id1/captions.vtt'))?.contentType, 'text/vtt');
      await store.delete('v/s1/id1/captions.vtt');
      assert.equal(await store.exists('v/s1/id1/captions.vtt'), false);
      await store.delete('v/s1/id1/never-existed.mp4');
      await store.deletePrefix('v/s1/id1');
      assert.equal(await store.stat('v/s1/id1/video.mp4'), undefined);
      await store.ping();
    });

    test('signed URLs carry Expires and Signature and never the storage path', async () => {
      const store = make();
      const url = new URL(await store.signedUrl('v/s1/id1/video.mp4', 60));
      assert.ok(url.searchParams.get('Expires'));
      assert.ok(url.searchParams.get('Signature'));
      assert.ok(!url.href.includes(os.tmpdir()));
    });

    test('keys that could escape the store are refused', async () => {
      const store = make();
      for (const bad of ['../x', 'a/../../x', '/abs', 'a//b', '']) {
        await assert.rejects(store.putStream(bad, Readable.from(['x'])), new RegExp('invalid blob key'), bad);
      }
    });
  });
}
