// The client SDK's HTTP rules against a small scripted server on 127.0.0.1: retries on 429 (waiting what
// Retry-After says) and on 5xx where a repeat is safe, one Idempotency-Key per create reused on its retries,
// errors as typed exceptions with HeyGen's code and message, waiting with growing intervals, downloads
// that resume with Range after a broken transfer, and multipart uploads from a path and from a stream.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createOratorClient, NotFoundError, RateLimitError, VideoFailedError, WaitTimeoutError, InvalidRequestError, ConnectionError } from '../../src/client/index.js';
import { parseRetryAfter, readErrorEnvelope } from '../../src/client/api-errors.js';
import { backoffDelay, DEFAULT_RETRY_POLICY } from '../../src/client/retrying-fetch.js';
import { pollInterval, waitForVideo } from '../../src/client/wait-for-video.js';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}
type Handler = (req: Seen, res: http.ServerResponse) => void;

let server: http.Server;
let baseUrl: string;
const seen: Seen[] = [];
let handler: Handler = (_req, res) => res.writeHead(500).end();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-client-'));

before(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const s = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) };
      seen.push(s);
      handler(s, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Answers in order (the last repeats), and records the delays the client slept. */
function script(...answers: Array<(res: http.ServerResponse, req: Seen) => void>) {
  seen.length = 0;
  let i = 0;
  handler = (req, res) => answers[Math.min(i++, answers.length - 1)]!(res, req);
}
const json = (status: number, body: unknown, headers: Record<string, string> = {}) => (res: http.ServerResponse) =>
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
const slept: number[] = [];
const client = () => {
  slept.length = 0;
  return createOratorClient({ baseUrl, apiKey: 'sk_test', sleep: async (ms) => void slept.push(ms) });
};
const video = (status: string, extra: object = {}) => ({
  data: { id: 'v1', title: null, status, created_at: 1, completed_at: null, video_url: null, thumbnail_url: null, gif_url: null, captioned_video_url: null, subtitle_url: null, duration: null, folder_id: null, output_language: null, failure_code: null, failure_message: null, video_page_url: null, quality: null, ...extra },
});

test('a 429 with Retry-After is waited out (seconds as the header says) and the call then succeeds', async () => {
  script(json(429, { error: { code: 'rate_limit_exceeded', message: 'Too many requests' } }, { 'retry-after': '2' }), json(200, video('pending')));
  const v = await client().videos.get('v1');
  assert.equal(v.status, 'pending');
  assert.equal(seen.length, 2);
  assert.deepEqual(slept, [2000]);
  assert.equal(seen[0]!.headers['x-api-key'], 'sk_test');
});

test('429 on every attempt: RateLimitError with the server code after 1 + 2 attempts', async () => {
  script(json(429, { error: { code: 'rate_limit_exceeded', message: 'Too many requests. Retry later.' } }, { 'retry-after': '1' }));
  await assert.rejects(client().videos.list(), (e: unknown) => {
    assert.ok(e instanceof RateLimitError);
    assert.equal(e.code, 'rate_limit_exceeded');
    assert.equal(e.retryAfterMs, 1000);
    return true;
  });
  assert.equal(seen.length, 3);
});

test('a create retried after a 503 sends the same Idempotency-Key, and each create gets its own', async () => {
  script(json(503, { error: { code: 'service_unavailable', message: 'busy' } }), json(200, { data: { video_id: 'v9', status: 'pending', output_format: 'mp4' } }));
  const c = client();
  const made = await c.videos.create({ type: 'avatar', avatar_id: 'a', script: 'Hi' });
  assert.equal(made.video_id, 'v9');
  assert.equal(seen.length, 2);
  const key = seen[0]!.headers['idempotency-key'];
  assert.match(String(key), /^[0-9a-f-]{36}$/);
  assert.equal(seen[1]!.headers['idempotency-key'], key);
  assert.deepEqual(JSON.parse(seen[1]!.body.toString()), { type: 'avatar', avatar_id: 'a', script: 'Hi' }, 'the body goes out whole on the retry');
  assert.equal(slept.length, 1);
  assert.ok(slept[0]! >= 750 && slept[0]! <= 1250, `backoff 1 s ± 25 %: ${slept[0]}`);

  script(json(200, { data: { video_id: 'v10', status: 'pending', output_format: 'mp4' } }));
  await c.videos.create({ type: 'avatar', avatar_id: 'a', script: 'Again' });
  assert.notEqual(seen[0]!.headers['idempotency-key'], key);
  script(json(200, { data: { video_id: 'v11', status: 'pending', output_format: 'mp4' } }));
  await c.videos.create({ type: 'avatar', avatar_id: 'a', script: 'Mine' }, { idempotencyKey: 'order-42' });
  assert.equal(seen[0]!.headers['idempotency-key'], 'order-42');
});

test('errors are typed and carry HeyGen’s code, message and param from the v3 envelope; 4xx is not retried', async () => {
  script(json(404, { error: { code: 'video_not_found', message: 'Video nope not found', param: 'video_id', doc_url: null } }, { 'x-request-id': 'req-1' }));
  await assert.rejects(client().videos.get('nope'), (e: unknown) => {
    assert.ok(e instanceof NotFoundError);
    assert.deepEqual([e.status, e.code, e.message, e.param, e.requestId], [404, 'video_not_found', 'Video nope not found', 'video_id', 'req-1']);
    return true;
  });
  assert.equal(seen.length, 1);
  script(json(400, { error: { code: 'invalid_parameter', message: 'script is required', param: 'script' } }));
  await assert.rejects(client().videos.create({ type: 'avatar' }), InvalidRequestError);
  assert.equal(seen.length, 1);
});

test('v1 and v2 envelopes and Retry-After dates are read too', () => {
  assert.deepEqual(readErrorEnvelope({ code: 400140, message: 'Avatar not found', data: null }), { code: '400140', message: 'Avatar not found', param: null });
  assert.deepEqual(readErrorEnvelope({ error: { code: 'avatar_not_found', message: 'no such avatar' }, data: null }), { code: 'avatar_not_found', message: 'no such avatar', param: null });
  assert.equal(readErrorEnvelope({ code: 100, message: 'Success', data: {} }), undefined);
  const now = Date.parse('2026-01-01T00:00:00Z');
  assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now), 5000);
  assert.equal(parseRetryAfter('3', now), 3000);
  assert.equal(parseRetryAfter('soon', now), null);
  assert.equal(backoffDelay(10, DEFAULT_RETRY_POLICY, () => 1), 30_000, 'capped at 30 s');
  assert.equal(backoffDelay(2, DEFAULT_RETRY_POLICY, () => 0.5), 4000);
});

test('a server that cannot be reached is a ConnectionError naming the address, after the retries', async () => {
  const closed = http.createServer();
  await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((r) => closed.close(r));
  let attempts = 0;
  const c = createOratorClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'k', sleep: async () => void attempts++ });
  await assert.rejects(c.videos.get('v1'), (e: unknown) => e instanceof ConnectionError && e.message.includes(`127.0.0.1:${port}`) && /ECONNREFUSED/.test(e.message));
  assert.equal(attempts, 2, 'a GET is retried twice before giving up');
});

test('waitFor polls with growing, jittered intervals, reports progress and resolves on completed', async () => {
  script(json(200, video('pending', { progress: 0 })), json(200, video('processing', { progress: 40 })), json(200, video('processing', { progress: 80 })), json(200, video('completed', { video_url: 'http://x/v.mp4' })));
  const progress: Array<[string, number | null]> = [];
  const v = await client().videos.waitFor('v1', { initialIntervalMs: 100, maxIntervalMs: 300, onProgress: (p) => progress.push([p.status, p.progress]) });
  assert.equal(v.video_url, 'http://x/v.mp4');
  assert.deepEqual(progress, [['pending', 0], ['processing', 40], ['processing', 80], ['completed', 100]]);
  assert.equal(slept.length, 3);
  assert.ok(slept[0]! >= 80 && slept[0]! <= 120 && slept[1]! >= 160 && slept[1]! <= 240 && slept[2]! <= 360, `${slept}`);
  assert.equal(pollInterval(5, 1000, 10_000, () => 0.5), 10_000);
});

test('waitFor throws VideoFailedError with the failure code and message, and WaitTimeoutError at the deadline', async () => {
  script(json(200, video('failed', { failure_code: 'invalid_parameter', failure_message: 'Background image could not be read' })));
  await assert.rejects(client().videos.waitFor('v1'), (e: unknown) => e instanceof VideoFailedError && e.code === 'invalid_parameter' && e.message === 'Background image could not be read');
  let clock = 0;
  const get = async () => video('processing').data as never;
  await assert.rejects(
    waitForVideo({ get, sleep: async (ms) => void (clock += ms), now: () => clock }, 'v1', { timeoutMs: 5000, initialIntervalMs: 1000 }),
    (e: unknown) => e instanceof WaitTimeoutError && e.lastStatus === 'processing' && clock === 5000,
  );
});

const FILE = Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7) % 251));

/** The file route: the first full request is cut halfway; ranges are honoured unless `ignoreRange`. */
function fileServer(options: { ignoreRange?: boolean } = {}) {
  let cut = false;
  handler = (req, res) => {
    if (req.url.startsWith('/v3/videos/')) return json(200, video('completed', { video_url: `${baseUrl}/files/v.mp4?Signature=${seen.length}` }))(res);
    const range = /bytes=(\d+)-/.exec(String(req.headers.range ?? ''));
    if (range && !options.ignoreRange) {
      const start = Number(range[1]);
      return res.writeHead(206, { 'content-range': `bytes ${start}-${FILE.length - 1}/${FILE.length}`, 'content-length': FILE.length - start }).end(FILE.subarray(start));
    }
    res.writeHead(200, { 'content-length': FILE.length, 'accept-ranges': 'bytes' });
    if (!cut) {
      cut = true;
      res.write(FILE.subarray(0, 80_000), () => setTimeout(() => res.destroy(), 20));
      return;
    }
    res.end(FILE);
  };
  seen.length = 0;
}

test('download: a transfer cut halfway resumes with Range from the bytes on disk, with a fresh URL each time', async () => {
  fileServer();
  const target = path.join(dir, 'resumed.mp4');
  const r = await client().videos.download('v1', target);
  assert.ok(fs.readFileSync(target).equals(FILE), 'the file on disk is the whole file');
  assert.equal(r.resumed, true);
  assert.equal(r.attempts, 2);
  assert.ok(!fs.existsSync(`${target}.part`));
  const fileRequests = seen.filter((s) => s.url.startsWith('/files/'));
  assert.equal(fileRequests.length, 2);
  assert.equal(fileRequests[0]!.headers.range, undefined);
  assert.match(String(fileRequests[1]!.headers.range), /^bytes=\d+-$/);
  assert.ok(Number(/\d+/.exec(String(fileRequests[1]!.headers.range))![0]) > 0);
  assert.notEqual(fileRequests[0]!.url, fileRequests[1]!.url, 'a fresh signed URL for the second attempt');
  assert.equal(fileRequests[0]!.headers['x-api-key'], undefined, 'no credential goes to the file host');
});

test('download: a server that ignores Range sends the file again from the start, and the result is still whole', async () => {
  fileServer({ ignoreRange: true });
  const target = path.join(dir, 'restarted.mp4');
  const r = await client().videos.download('v1', target);
  assert.ok(fs.readFileSync(target).equals(FILE));
  assert.equal(r.resumed, false);
});

test('assets.upload sends one multipart `file` part from a path and from a stream', async () => {
  const png = path.join(dir, 'logo.png');
  fs.writeFileSync(png, Buffer.from('89504e470d0a1a0a' + '00'.repeat(40), 'hex'));
  const answer = json(200, { data: { asset_id: 'as1', url: 'http://x/a', mime_type: 'image/png', size_bytes: 48 } });
  script(answer);
  const c = client();
  assert.equal((await c.assets.upload(png)).asset_id, 'as1');
  const fromPath = seen[0]!;
  assert.match(String(fromPath.headers['content-type']), /^multipart\/form-data; boundary=/);
  assert.match(fromPath.body.toString('latin1'), /name="file"; filename="logo.png"\r\nContent-Type: image\/png/);
  assert.ok(fromPath.body.includes(fs.readFileSync(png)));
  assert.ok(fromPath.headers['idempotency-key']);

  script(answer);
  await c.assets.upload(Readable.from([Buffer.from('RIFF'), Buffer.from('....WAVEfmt ')]), { filename: 'voice.wav' });
  const fromStream = seen[0]!.body.toString('latin1');
  assert.match(fromStream, /filename="voice.wav"\r\nContent-Type: audio\/wav\r\n\r\nRIFF\.\.\.\.WAVEfmt \r\n--/);
});
