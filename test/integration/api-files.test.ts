// Signed blob URLs: expiry and tampering → 403 with a clear body; Range; content types.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { useTestPlatform } from '../support/use-test-platform.js';

const KEY = 'videos/space_x/abc/video.mp4';
const CONTENT = Buffer.from('0123456789abcdefghij');

const t = useTestPlatform({ startWorkers: false }, async () => {
  await t.platform.blobs.putStream(KEY, Readable.from([CONTENT]));
});

function pathOf(url: string): string {
  const u = new URL(url);
  return u.pathname + u.search;
}

test('a signed URL serves the file with its content type', async () => {
  const r = await t.app.inject({ method: 'GET', url: pathOf(t.platform.signer.signBlobUrl(KEY)) });
  assert.equal(r.statusCode, 200);
  assert.equal(r.headers['content-type'], 'video/mp4');
  assert.equal(r.headers['accept-ranges'], 'bytes');
  assert.equal(r.body, CONTENT.toString());
});

test('Range requests get 206 with Content-Range; unsatisfiable → 416', async () => {
  const url = pathOf(t.platform.signer.signBlobUrl(KEY));
  const r = await t.app.inject({ method: 'GET', url, headers: { range: 'bytes=5-9' } });
  assert.equal(r.statusCode, 206);
  assert.equal(r.headers['content-range'], 'bytes 5-9/20');
  assert.equal(r.body, '56789');
  const suffix = await t.app.inject({ method: 'GET', url, headers: { range: 'bytes=-3' } });
  assert.equal(suffix.body, 'hij');
  const open = await t.app.inject({ method: 'GET', url, headers: { range: 'bytes=18-' } });
  assert.equal(open.body, 'ij');
  const bad = await t.app.inject({ method: 'GET', url, headers: { range: 'bytes=50-60' } });
  assert.equal(bad.statusCode, 416);
});

test('an expired URL → 403 saying it expired', async () => {
  const url = t.platform.signer.signBlobUrl(KEY, 60, Date.now() - 3600_000);
  const r = await t.app.inject({ method: 'GET', url: pathOf(url) });
  assert.equal(r.statusCode, 403);
  assert.match(r.json().error.message, /expired/);
  assert.equal(r.json().error.code, 'forbidden');
});

test('a tampered key, expiry or signature → 403', async () => {
  const url = new URL(t.platform.signer.signBlobUrl(KEY));
  const later = new URL(url);
  later.searchParams.set('Expires', String(Number(url.searchParams.get('Expires')) + 1000));
  const otherKey = new URL(url);
  otherKey.pathname = otherKey.pathname.replace('video.mp4', 'thumbnail.jpg');
  const badSig = new URL(url);
  badSig.searchParams.set('Signature', 'A'.repeat(43));
  for (const u of [later, otherKey, badSig]) {
    const r = await t.app.inject({ method: 'GET', url: u.pathname + u.search });
    assert.equal(r.statusCode, 403, u.toString());
    assert.match(r.json().error.message, /signature does not match/);
  }
  const bare = await t.app.inject({ method: 'GET', url: '/files/' + KEY });
  assert.equal(bare.statusCode, 403);
  assert.match(bare.json().error.message, /missing/);
});

test('path traversal in a key is refused', async () => {
  const r = await t.app.inject({ method: 'GET', url: '/files/videos/..%2F..%2Fsigning-secret?Expires=9999999999&Signature=x' });
  assert.ok(r.statusCode === 403 || r.statusCode === 404 || r.statusCode === 400, String(r.statusCode));
});
