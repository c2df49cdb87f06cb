// The client SDK and the CLI's create body against HeyGen itself, as far as it can be checked offline: a
// scripted server that answers in HeyGen's documented shapes (each fixture validated against HeyGen's
// official v3 response schema, so it cannot drift into Orator's), and requests checked against HeyGen's
// request schema. HeyGen's detail has no progress field, its create answers status `waiting`, its files
// come from another host, and its errors carry HeyGen's own codes.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import { AuthenticationError, createOratorClient, type CreateVideoRequest } from '../../src/client/index.js';
import { videoBody } from '../../src/cli/client/video-actions.js';
import { referenceDir, validateHeygenResponse } from '../support/validate-heygen-response.js';

const Ajv2020 = (Ajv2020Module as unknown as { default: typeof Ajv2020Module }).default ?? Ajv2020Module;
const spec = JSON.parse(fs.readFileSync(path.join(referenceDir(), 'heygen-external-api.openapi-3.1.2026-04-08.json'), 'utf8'));
const createSchema = new Ajv2020({ strict: false, allErrors: true }).compile({ $ref: '#/components/schemas/CreateVideoV3RequestBody', components: spec.components });

const FILE = Buffer.from(Array.from({ length: 50_000 }, (_, i) => (i * 13) % 256));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-heygen-fixture-'));
let api: http.Server;
let cdn: http.Server;
let apiUrl = '';
let cdnUrl = '';
const received: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: string }> = [];
let statuses: string[] = [];

/** A HeyGen-shaped answer, refused by the test itself if HeyGen's schema would not accept it. */
function heygen(method: string, template: string, status: number, body: unknown): string {
  assert.deepEqual(validateHeygenResponse(method, template, status, body), [], `fixture for ${method} ${template} ${status} is HeyGen-shaped`);
  return JSON.stringify(body);
}

const detail = (status: string) => ({
  id: 'v_abc123def456',
  title: 'Launch',
  status,
  created_at: 1711929600,
  completed_at: status === 'completed' ? 1711930200 : null,
  video_url: status === 'completed' ? `${cdnUrl}/video/abc123.mp4?Expires=1&Signature=x` : null,
  thumbnail_url: status === 'completed' ? `${cdnUrl}/thumb/abc123.jpg` : null,
  duration: status === 'completed' ? 30.5 : null,
});

/** The API host's answers, each HeyGen-shaped (heygen() refuses a fixture HeyGen's schema would not accept). */
function answer(req: http.IncomingMessage, res: http.ServerResponse): void {
  const send = (code: number, text: string) => res.writeHead(code, { 'content-type': 'application/json' }).end(text);
  if (req.headers['x-api-key'] !== 'hg_key') {
    return send(401, heygen('GET', '/v3/videos/{video_id}', 401, { error: { code: 'authentication_failed', message: 'Invalid or expired API key. Verify your x-api-key header.', param: null, doc_url: null } }));
  }
  if (req.method === 'POST' && req.url === '/v3/videos') return send(200, heygen('POST', '/v3/videos', 200, { data: { video_id: 'v_abc123def456', status: 'waiting' } }));
  if (req.method === 'GET' && req.url === '/v3/videos/v_abc123def456') return send(200, heygen('GET', '/v3/videos/{video_id}', 200, { data: detail(statuses.shift() ?? 'completed') }));
  if (req.method === 'GET' && req.url?.startsWith('/v3/videos?')) return send(200, heygen('GET', '/v3/videos', 200, { data: [detail('completed')], has_more: false, next_token: null }));
  send(404, JSON.stringify({ error: { code: 'not_found', message: 'no route' } }));
}

before(async () => {
  api = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += String(c)));
    req.on('end', () => {
      received.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      try {
        answer(req, res);
      } catch (error) {
        // A fixture HeyGen's schema refuses: answer 500 with why, so the client's call fails loudly.
        res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'bad_fixture', message: String(error) } }));
      }
    });
  });
  cdn = http.createServer((req, res) => {
    received.push({ method: req.method!, url: `cdn${req.url}`, headers: req.headers, body: '' });
    res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': FILE.length }).end(FILE);
  });
  for (const s of [api, cdn]) await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  cdnUrl = `http://127.0.0.1:${(cdn.address() as AddressInfo).port}`;
});
after(async () => {
  for (const s of [api, cdn]) await new Promise((r) => s.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

test('what `orator video create` sends is a body HeyGen’s own schema accepts (without Orator’s --dimension)', () => {
  const body = videoBody({ avatar: 'Abigail_expressive_2024112501', voice: '1bd001e7e50f421d891986aad5158bc8', script: 'Hello.', background: '#1f6feb', title: 'Launch', aspectRatio: '16:9', resolution: '1080p', caption: true });
  assert.ok(createSchema(body), JSON.stringify(createSchema.errors));
  assert.ok(createSchema(videoBody({ avatar: 'a', script: 'Hi', background: 'https://example.com/sky.jpg' })), JSON.stringify(createSchema.errors));
  assert.ok(!createSchema({ type: 'avatar' }), 'the check can fail: HeyGen requires avatar_id');
});

test('against HeyGen-shaped answers: create (status waiting), wait (no progress field), download from the file host, list', async () => {
  received.length = 0;
  statuses = ['pending', 'processing', 'completed'];
  const client = createOratorClient({ baseUrl: apiUrl, apiKey: 'hg_key', sleep: async () => {} });
  const request: CreateVideoRequest = { type: 'avatar', avatar_id: 'Abigail_expressive_2024112501', script: 'Hello.' };
  const made = await client.videos.create(request);
  assert.deepEqual(made, { video_id: 'v_abc123def456', status: 'waiting' });
  assert.ok(createSchema(JSON.parse(received[0]!.body)), 'the client sends the body as given');
  assert.ok(received[0]!.headers['idempotency-key'], 'with an Idempotency-Key, which HeyGen honours on v3 creates');

  const seen: Array<[string, number | null]> = [];
  const video = await client.videos.waitFor(made.video_id, { onProgress: (p) => seen.push([p.status, p.progress]) });
  assert.deepEqual(seen, [['pending', null], ['processing', null], ['completed', 100]]);
  assert.equal(video.duration, 30.5);

  const target = path.join(dir, 'heygen.mp4');
  const result = await client.videos.download(made.video_id, target);
  assert.ok(fs.readFileSync(target).equals(FILE));
  assert.equal(result.bytes, FILE.length);
  const fileRequest = received.find((r) => r.url.startsWith('cdn/video/'))!;
  assert.equal(fileRequest.headers['x-api-key'], undefined, 'the key never goes to the file host');

  const page = await client.videos.list({ limit: 1 });
  assert.equal(page.data[0]!.id, 'v_abc123def456');
  assert.equal(page.has_more, false);
});

test('HeyGen’s authentication error becomes AuthenticationError with its code and message', async () => {
  const client = createOratorClient({ baseUrl: apiUrl, apiKey: 'wrong', sleep: async () => {} });
  await assert.rejects(client.videos.get('v_abc123def456'), (e: unknown) => {
    assert.ok(e instanceof AuthenticationError);
    assert.equal(e.code, 'authentication_failed');
    assert.equal(e.message, 'Invalid or expired API key. Verify your x-api-key header.');
    return true;
  });
});
