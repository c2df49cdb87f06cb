// A failed render says what failed in the client's words: the asset id or URL it sent, never the
// server's copy under the data dir (the real engine renders here; the uploaded files are damaged in
// the blob store after upload, since upload itself now refuses damaged files).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { createApiKey } from '../../src/auth/api-keys.js';
import { createRenderEngine } from '../../src/compose/build-render-engine.js';
import { GuardedFetcher } from '../../src/net/guarded-fetcher.js';
import { encodeWav } from '../../src/render/speech/wav-file.js';
import { composeTestPlatform, type ComposedTestPlatform } from '../support/test-platform.js';

let t: ComposedTestPlatform;
let h: Record<string, string>;
let dataDir: string;
let server: http.Server;
let baseUrl: string;

before(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-failed-render-'));
  const engine = createRenderEngine({ fetcher: new GuardedFetcher({ allowPrivate: true }), cacheDir: path.join(dataDir, 'cache') });
  t = await composeTestPlatform({ dataDir, env: { ORATOR_ALLOW_PRIVATE_URLS: '1' }, platform: { engine } });
  h = { 'x-api-key': (await createApiKey(t.platform.keys, { name: 'failures' })).key };
  // Serves bytes that claim to be a PNG but are not.
  server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end('not a png at all'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(async () => {
  await t.stop();
  await new Promise((resolve) => server.close(resolve));
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Uploads a good file, then overwrites its stored copy with junk; returns the asset id. */
async function damagedAsset(body: Buffer, contentType: string): Promise<string> {
  const r = await t.app.inject({ method: 'POST', url: '/v1/asset', headers: { ...h, 'content-type': contentType }, payload: body });
  assert.equal(r.statusCode, 200, r.body);
  const id: string = r.json().data.id;
  const spaces = await fsp.readdir(path.join(dataDir, 'blobs', 'assets'));
  const stored = spaces.map((s) => path.join(dataDir, 'blobs', 'assets', s)).flatMap((dir) => fs.readdirSync(dir).filter((n) => n.startsWith(id)).map((n) => path.join(dir, n)));
  assert.equal(stored.length, 1);
  await fsp.writeFile(stored[0]!, Buffer.concat([body.subarray(0, 16), Buffer.from('damaged after upload')]));
  return id;
}

async function failedWith(videoInput: object): Promise<{ code: number; message: string; detail: string | null }> {
  const r = await t.app.inject({ method: 'POST', url: '/v2/video/generate', headers: h, payload: { video_inputs: [videoInput], dimension: { width: 160, height: 160 } } });
  assert.equal(r.statusCode, 200, r.body);
  await t.pool.waitForIdle();
  const status = (await t.app.inject({ method: 'GET', url: `/v1/video_status.get?video_id=${r.json().data.video_id}`, headers: h })).json();
  assert.equal(status.data.status, 'failed', JSON.stringify(status));
  return status.data.error;
}

function assertNoServerPath(error: { message: string; detail: string | null }) {
  const text = `${error.message} ${error.detail ?? ''}`;
  assert.ok(!text.includes(dataDir), `names the data dir: ${text}`);
  assert.ok(!text.includes(os.tmpdir() + path.sep), `names a temp path: ${text}`);
  assert.doesNotMatch(text, /stored-\d|download-|render-|\/tmp\//, text);
}

test('a damaged background image asset: the message names the asset id, not the render copy', async () => {
  const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#336699' } }).png().toBuffer();
  const id = await damagedAsset(png, 'image/png');
  const error = await failedWith({ voice: { type: 'silence', duration: 0.4 }, background: { type: 'image', image_asset_id: id } });
  assert.equal(error.code, 400652, JSON.stringify(error));
  assert.match(error.message, new RegExp(`Background image asset ${id} is corrupted`));
  assertNoServerPath(error);
});

test('a damaged audio asset: the message names the asset id, ffmpeg\'s complaint keeps no directories', async () => {
  const wav = encodeWav({ sampleRate: 16000, samples: Int16Array.from({ length: 8000 }, (_, i) => Math.round(8000 * Math.sin(i / 5))) });
  const id = await damagedAsset(wav, 'audio/wav');
  const error = await failedWith({ voice: { type: 'audio', audio_asset_id: id }, background: { type: 'color', value: '#000000' } });
  assert.match(error.message, new RegExp(`^Audio file asset ${id} could not be read: Invalid data`), JSON.stringify(error));
  assertNoServerPath(error);
});

test('a background image URL that is not an image: the message names the URL', async () => {
  const url = `${baseUrl}/backgrounds/sky.png`;
  const error = await failedWith({ voice: { type: 'silence', duration: 0.4 }, background: { type: 'image', url } });
  assert.equal(error.code, 400652, JSON.stringify(error));
  assert.ok(error.message.includes(url), error.message);
  assertNoServerPath(error);
});
