// The `orator` client commands as a user runs them: child processes against a real spawned server (real
// renders with ffmpeg) — `video create --wait --out` leaves an MP4 ffprobe reads, a failing video exits 4
// with the server's failure message, --json parses, usage mistakes exit 2, schemas print without a
// server — and against a tiny scripted server, a 429 with Retry-After is waited out and retried.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sharp from 'sharp';
import { api, freePort, startOrator, tempDataDir, type OratorProcess } from '../support/orator-process.js';
import { runOrator } from '../support/orator-cli.js';

const AVATAR = 'amara_office_front';
const VOICE = 'flite_slt';
let server: OratorProcess;
let dataDir: string;
let env: Record<string, string>;
let junk: http.Server;
let junkUrl: string;

before(async () => {
  dataDir = tempDataDir();
  const port = await freePort();
  // Server-side fetches may reach the local picture server below (it serves a broken "image").
  server = await startOrator({ dataDir, port, env: { ORATOR_ALLOW_PRIVATE_URLS: '1', ORATOR_PUBLIC_URL: `http://127.0.0.1:${port}` } });
  env = { ORATOR_BASE_URL: server.baseUrl, ORATOR_API_KEY: server.apiKey };
  junk = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end('not a png at all'));
  await new Promise<void>((r) => junk.listen(0, '127.0.0.1', r));
  junkUrl = `http://127.0.0.1:${(junk.address() as AddressInfo).port}/backgrounds/sky.png`;
});
after(async () => {
  server.child.kill('SIGTERM');
  await server.exited;
  await new Promise((r) => junk.close(r));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function probe(file: string) {
  return JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', file], { encoding: 'utf8' }));
}

describe('against a real server', () => {
  let videoId: string;

  test('video create --wait --out: progress on stderr, the video saved, an MP4 ffprobe reads', async () => {
    const out = path.join(dataDir, 'hello.mp4');
    const r = await runOrator(['video', 'create', '--avatar', AVATAR, '--voice', VOICE, '--script', 'Hello from the command line.', '--background', '#336699', '--dimension', '320x180', '--title', 'cli e2e', '--wait', '--out', out], env);
    assert.equal(r.code, 0, r.stderr);
    videoId = /^video_id\t(\S+)$/m.exec(r.stdout)![1]!;
    assert.match(r.stdout, /^status\tcompleted$/m);
    assert.match(r.stdout, /^video_url\thttp:\/\/127\.0\.0\.1:\d+\/files\/.*Signature=/m);
    assert.match(r.stdout, new RegExp(`^saved_to\\t${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    // Not a terminal: one line per status and quarter, ending at 100 %.
    assert.match(r.stderr, new RegExp(`${videoId} \\[#{30}\\] 100%  completed`));
    assert.match(r.stderr, /saved .*hello\.mp4 \(\d+ bytes\)/);
    assert.ok(!fs.existsSync(`${out}.part`));
    const p = probe(out);
    const video = p.streams.find((s: { codec_type: string }) => s.codec_type === 'video');
    assert.equal(video.codec_name, 'h264');
    assert.deepEqual([video.width, video.height], [320, 180]);
    assert.ok(p.streams.some((s: { codec_type: string }) => s.codec_type === 'audio'), 'has sound');
    assert.ok(Number(p.format.duration) > 0.8, p.format.duration);
  });

  test('--json output parses: video get, video list, avatars, voices --lang', async () => {
    const got = await runOrator(['video', 'get', videoId, '--json'], env);
    assert.equal(got.code, 0, got.stderr);
    const v = JSON.parse(got.stdout);
    assert.equal(v.id, videoId);
    assert.equal(v.status, 'completed');
    assert.equal(v.title, 'cli e2e');
    assert.match(v.thumbnail_url, /^http/);
    const listed = JSON.parse((await runOrator(['video', 'list', '--limit', '5', '--json'], env)).stdout);
    assert.ok(listed.data.some((x: { id: string }) => x.id === videoId));
    const looks = JSON.parse((await runOrator(['avatars', '--json', '--limit', '50'], env)).stdout);
    assert.ok(looks.data.some((l: { id: string }) => l.id === AVATAR));
    const voices = JSON.parse((await runOrator(['voices', '--lang', 'English', '--json', '--limit', '100'], env)).stdout);
    assert.ok(voices.data.length > 0 && voices.data.every((x: { language: string }) => x.language === 'English'), JSON.stringify(voices.data.map((x: { language: string }) => x.language)));
    assert.ok(voices.data.some((x: { voice_id: string }) => x.voice_id === VOICE));
  });

  test('video download resumes a partial file and ends with the same bytes', async () => {
    const whole = path.join(dataDir, 'hello.mp4');
    const out = path.join(dataDir, 'again.mp4');
    const bytes = fs.readFileSync(whole);
    fs.writeFileSync(`${out}.part`, bytes.subarray(0, Math.floor(bytes.length / 3)));
    const r = await runOrator(['video', 'download', videoId, '--out', out, '--json'], env);
    assert.equal(r.code, 0, r.stderr);
    const result = JSON.parse(r.stdout);
    assert.equal(result.resumed, true, 'continued the partial file with a Range request');
    assert.ok(fs.readFileSync(out).equals(bytes));
  });

  test('a failing video: exit code 4 and the server’s failure message, as text and as JSON', async () => {
    const args = ['video', 'create', '--avatar', AVATAR, '--script', 'This will not render.', '--background', junkUrl, '--dimension', '320x180', '--wait'];
    const r = await runOrator(args, env);
    assert.equal(r.code, 4, r.stderr);
    const id = /error: video (\S+) failed: /.exec(r.stderr)?.[1];
    assert.ok(id, r.stderr);
    const { json } = await api(server, 'GET', `/v3/videos/${id}`);
    assert.equal(json.data.status, 'failed');
    assert.ok(json.data.failure_message.includes(junkUrl), json.data.failure_message);
    assert.ok(r.stderr.includes(`${json.data.failure_message} (${json.data.failure_code})`), r.stderr);

    const asJson = await runOrator([...args, '--json'], env);
    assert.equal(asJson.code, 4);
    const error = JSON.parse(asJson.stderr.trim().split('\n').at(-1)!).error;
    assert.equal(error.message, json.data.failure_message);
    assert.equal(error.code, json.data.failure_code);
  });

  test('API errors exit 1 with HeyGen’s code; usage mistakes exit 2 before any call', async () => {
    const missing = await runOrator(['video', 'get', 'no_such_video'], env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /error: Video no_such_video not found \(field: video_id\) \[video_not_found, HTTP 404\]/);
    const badKey = await runOrator(['avatars'], { ...env, ORATOR_API_KEY: 'sk_wrong' });
    assert.equal(badKey.code, 1);
    assert.match(badKey.stderr, /HTTP 401/);
    const noScript = await runOrator(['video', 'create', '--avatar', AVATAR], env);
    assert.equal(noScript.code, 2);
    assert.match(noScript.stderr, /--script <text> or --script-file <path> is required/);
    const typo = await runOrator(['video', 'create', '--avtar', AVATAR], env);
    assert.equal(typo.code, 2);
    assert.match(typo.stderr, /unknown option '--avtar'/);
    const noKey = await runOrator(['voices'], { ORATOR_BASE_URL: server.baseUrl });
    assert.equal(noKey.code, 2);
    assert.match(noKey.stderr, /No API key: pass --api-key/);
  });

  test('templates, assets and webhooks', async () => {
    const templates = JSON.parse((await runOrator(['templates', 'list', '--json'], env)).stdout);
    assert.ok(templates.data.length > 0);
    const first = templates.data[0].id;
    const detail = JSON.parse((await runOrator(['templates', 'get', first, '--json'], env)).stdout);
    assert.equal(detail.id, first);
    const text = Object.values(detail.variables as Record<string, { name: string; type: string }>).find((v) => v.type === 'text');
    assert.ok(text, 'the stock template has a text variable');
    const generated = await runOrator(['templates', 'generate', first, '--var', `${text.name}=Ada`, '--title', 'from the cli', '--json'], env);
    assert.equal(generated.code, 0, generated.stderr);
    const made = JSON.parse(generated.stdout);
    assert.match(made.video_id, /\w+/);
    assert.equal((await runOrator(['video', 'delete', made.video_id], env)).code, 0, 'cleaned up before it renders');
    const wrongVar = await runOrator(['templates', 'generate', first, '--var', 'no_such_var=1'], env);
    assert.equal(wrongVar.code, 2);
    assert.match(wrongVar.stderr, /has no variable "no_such_var"/);

    const png = path.join(dataDir, 'logo.png');
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ff8800' } }).png().toFile(png);
    const asset = JSON.parse((await runOrator(['assets', 'upload', png, '--json'], env)).stdout);
    assert.match(asset.asset_id, /\w+/);
    assert.equal(asset.mime_type, 'image/png');

    const added = await runOrator(['webhooks', 'add', 'https://hooks.example.com/orator', '--events', 'avatar_video.success,avatar_video.fail'], env);
    assert.equal(added.code, 0, added.stderr);
    const endpointId = /^endpoint_id\t(\S+)$/m.exec(added.stdout)![1]!;
    assert.match(added.stdout, /^secret\twhsec_/m);
    const list = await runOrator(['webhooks', 'list'], env);
    assert.match(list.stdout, new RegExp(`^${endpointId}\\tenabled\\thttps://hooks.example.com/orator\\tavatar_video.success,avatar_video.fail$`, 'm'));
    assert.equal((await runOrator(['webhooks', 'delete', endpointId], env)).code, 0);
    assert.doesNotMatch((await runOrator(['webhooks', 'list'], env)).stdout, new RegExp(endpointId));
  });
});

test('--request-schema and --response-schema print the operation’s schema without a server or a key', async () => {
  const request = await runOrator(['video', 'create', '--request-schema'], { ORATOR_BASE_URL: 'http://127.0.0.1:1' });
  assert.equal(request.code, 0, request.stderr);
  const schema = JSON.parse(request.stdout);
  assert.equal(schema.operation, 'POST /v3/videos');
  assert.ok(schema.request_schema.properties.avatar_id && schema.request_schema.properties.script);
  const response = JSON.parse((await runOrator(['video', 'get', 'any', '--response-schema'])).stdout);
  assert.ok(response.response_schema.properties.data.properties.failure_message);
  const voices = JSON.parse((await runOrator(['voices', '--request-schema'])).stdout);
  assert.equal(voices.request_schema.properties.language['x-in'], 'query');
});

test('a 429 with Retry-After is waited out and retried (scripted server)', async () => {
  const arrivals: number[] = [];
  const fake = http.createServer((req, res) => {
    arrivals.push(Date.now());
    assert.equal(req.headers['x-api-key'], 'sk_fake');
    if (arrivals.length === 1) {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1' }).end(JSON.stringify({ error: { code: 'rate_limit_exceeded', message: 'Too many requests. Retry after the duration specified in the Retry-After header.' } }));
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data: [], has_more: false, next_token: null }));
  });
  await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
  try {
    const r = await runOrator(['video', 'list', '--json', '--base-url', `http://127.0.0.1:${(fake.address() as AddressInfo).port}`, '--api-key', 'sk_fake']);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { data: [], has_more: false, next_token: null });
    assert.match(r.stderr, /HTTP 429 from GET \/v3\/videos: retrying in 1\.0 s/);
    assert.equal(arrivals.length, 2);
    assert.ok(arrivals[1]! - arrivals[0]! >= 900, `waited ${arrivals[1]! - arrivals[0]!} ms before retrying`);
  } finally {
    await new Promise((r) => fake.close(r));
  }
});
