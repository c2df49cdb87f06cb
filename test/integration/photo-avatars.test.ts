// Photo avatars through the API: v1 talking photo upload and list (scoped to the space), talking_photo
// characters in /v2/video/generate, v3 `type: "image"` by talking photo id, and one real tiny render
// of `type: "image"` by URL whose mouth region moves while the photo speaks.
import { promisify } from 'node:util';
import { execFile } from 'node:child_process';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import sharp from 'sharp';
import { createApiKey } from '../../src/auth/api-keys.js';
import { loadConfig } from '../../src/config.js';
import { composePlatform } from '../../src/compose.js';
import { detectFaceLandmarks } from '../../src/render/avatars/photo/detect-face-landmarks.js';
import { OUTER_LOWER_LIP, OUTER_UPPER_LIP } from '../../src/render/avatars/photo/face-mesh-regions.js';
import { ASTRONAUT_PHOTO } from '../../src/render/avatars/photo/stock-photos.js';
import { mouthDarkness, spread } from '../support/render-probes.js';
import { useTestPlatform } from '../support/use-test-platform.js';

const PHOTO = fs.readFileSync(ASTRONAUT_PHOTO);

describe('talking photos (fake render engine)', () => {
  const t = useTestPlatform();
  const h = t.headers;
  let blank: Buffer;
  before(async () => {
    blank = await sharp({ create: { width: 256, height: 256, channels: 3, background: '#7a8fa6' } }).png().toBuffer();
  });

  const upload = (body: Buffer, headers = h) =>
    t.app.inject({ method: 'POST', url: '/v1/talking_photo', headers: { ...headers, 'content-type': 'image/png' }, payload: body });

  test('upload answers {code:100, data:{talking_photo_id, talking_photo_url}}; the list has it and the stock photo; other spaces do not see it', async () => {
    const r = await upload(PHOTO);
    assert.equal(r.statusCode, 200, r.body);
    const body = r.json();
    assert.equal(body.code, 100);
    assert.match(body.data.talking_photo_id, /^[0-9a-f]{32}$/);
    assert.match(body.data.talking_photo_url, /^http:\/\/orator\.test\/files\//);
    const link = new URL(body.data.talking_photo_url);
    const file = await t.app.inject({ method: 'GET', url: link.pathname + link.search });
    assert.equal(file.statusCode, 200);
    assert.equal(file.rawPayload.length, PHOTO.length);

    const list = (await t.app.inject({ method: 'GET', url: '/v1/talking_photo.list', headers: h })).json();
    assert.equal(list.code, 100);
    const ids = list.data.map((p: { id: string }) => p.id);
    assert.ok(ids.includes(body.data.talking_photo_id));
    assert.ok(ids.includes('astronaut_photo'));
    for (const p of list.data) assert.match(p.image_url, /^http:\/\/orator\.test\/files\//);

    // /v2/avatars lists the space's talking photos beside the avatars.
    const avatars = (await t.app.inject({ method: 'GET', url: '/v2/avatars', headers: h })).json();
    const photoIds = avatars.data.talking_photos.map((p: { talking_photo_id: string }) => p.talking_photo_id);
    assert.ok(photoIds.includes(body.data.talking_photo_id) && photoIds.includes('astronaut_photo'));
    assert.ok(Array.isArray(avatars.data.avatars));

    const other = await createApiKey(t.platform.keys, { name: 'other space' });
    const otherList = (await t.app.inject({ method: 'GET', url: '/v1/talking_photo.list', headers: { 'x-api-key': other.key } })).json();
    assert.ok(!otherList.data.some((p: { id: string }) => p.id === body.data.talking_photo_id));
    const otherAvatars = (await t.app.inject({ method: 'GET', url: '/v2/avatars', headers: { 'x-api-key': other.key } })).json();
    assert.ok(!otherAvatars.data.talking_photos.some((p: { talking_photo_id: string }) => p.talking_photo_id === body.data.talking_photo_id));
  });

  test('a picture without a face is refused at upload with 400 and a clear message', async () => {
    const r = await upload(blank);
    assert.equal(r.statusCode, 400, r.body);
    assert.equal(r.json().message, 'No face found in the image');
    const notImage = await upload(Buffer.from('not an image at all'));
    assert.equal(notImage.statusCode, 400);
    assert.match(notImage.json().message, /not a readable image/);
  });

  test('v2 talking_photo characters render the uploaded photo (copied out of the blob store for the engine)', async () => {
    const id = (await upload(PHOTO)).json().data.talking_photo_id;
    const r = await t.app.inject({
      method: 'POST',
      url: '/v2/video/generate',
      headers: h,
      payload: {
        video_inputs: [{ character: { type: 'talking_photo', talking_photo_id: id, talking_photo_style: 'circle' }, voice: { type: 'text', voice_id: 'flite_slt', input_text: 'Hello.' } }],
        dimension: { width: 256, height: 256 },
      },
    });
    assert.equal(r.statusCode, 200, r.body);
    await t.pool.waitForIdle();
    const character = t.engine.controls.renders.at(-1)!.scenes[0]!.character!;
    assert.equal(character.type, 'photo');
    assert.equal(character.style, 'circle');
    assert.ok(character.type === 'photo' && 'path' in character.image, JSON.stringify(character));
    // The stored plan keeps the blob key; only the engine's copy points at a file.
    const status = (await t.app.inject({ method: 'GET', url: `/v1/video_status.get?video_id=${r.json().data.video_id}`, headers: h })).json();
    assert.equal(status.data.status, 'completed', JSON.stringify(status));

    const stock = await t.app.inject({
      method: 'POST',
      url: '/v2/video/generate',
      headers: h,
      payload: { video_inputs: [{ character: { type: 'talking_photo', talking_photo_id: 'astronaut_photo' }, voice: { type: 'text', voice_id: 'flite_slt', input_text: 'Hi.' } }] },
    });
    assert.equal(stock.statusCode, 200, stock.body);
    await t.pool.waitForIdle();
    assert.deepEqual((t.engine.controls.renders.at(-1)!.scenes[0]!.character as { image: unknown }).image, { path: ASTRONAUT_PHOTO });

    const unknown = await t.app.inject({
      method: 'POST',
      url: '/v2/video/generate',
      headers: h,
      payload: { video_inputs: [{ character: { type: 'talking_photo', talking_photo_id: 'nobody' }, voice: { type: 'text', voice_id: 'flite_slt', input_text: 'Hi.' } }] },
    });
    assert.equal(unknown.statusCode, 404);
  });

  test('DELETE /v2/talking_photo/{id} removes an upload from the list and from generate; stock photos stay', async () => {
    const id = (await upload(PHOTO)).json().data.talking_photo_id;
    const del = await t.app.inject({ method: 'DELETE', url: `/v2/talking_photo/${id}`, headers: h });
    assert.equal(del.statusCode, 200, del.body);
    assert.deepEqual(del.json(), { error: null, data: { talking_photo_id: id } });
    const list = (await t.app.inject({ method: 'GET', url: '/v1/talking_photo.list', headers: h })).json();
    assert.ok(!list.data.some((p: { id: string }) => p.id === id));
    assert.equal((await t.app.inject({ method: 'DELETE', url: `/v2/talking_photo/${id}`, headers: h })).statusCode, 404);
    assert.equal((await t.app.inject({ method: 'DELETE', url: '/v2/talking_photo/astronaut_photo', headers: h })).statusCode, 403);
    const gen = await t.app.inject({
      method: 'POST',
      url: '/v2/video/generate',
      headers: h,
      payload: { video_inputs: [{ character: { type: 'talking_photo', talking_photo_id: id }, voice: { type: 'text', voice_id: 'flite_slt', input_text: 'Hi.' } }] },
    });
    assert.equal(gen.statusCode, 404);
  });

  test('v3 type image takes a talking photo id as image.asset_id', async () => {
    const id = (await upload(PHOTO)).json().data.talking_photo_id;
    const r = await t.app.inject({ method: 'POST', url: '/v3/videos', headers: h, payload: { type: 'image', image: { type: 'asset_id', asset_id: id }, script: 'Hi.', voice_id: 'flite_slt' } });
    assert.equal(r.statusCode, 200, r.body);
    await t.pool.waitForIdle();
    const plan = t.engine.controls.renders.at(-1)!;
    assert.equal(plan.scenes[0]!.character!.type, 'photo');
    const byUrl = await t.app.inject({ method: 'POST', url: '/v3/videos', headers: h, payload: { type: 'image', image: { type: 'url', url: 'https://example.com/me.jpg' }, script: 'Hi.', voice_id: 'flite_slt' } });
    assert.equal(byUrl.statusCode, 200, byUrl.body);
    await t.pool.waitForIdle();
    assert.deepEqual((t.engine.controls.renders.at(-1)!.scenes[0]!.character as { image: unknown }).image, { url: 'https://example.com/me.jpg' });
  });
});

describe('type "image" with the real render engine', () => {
  let dataDir: string;
  let server: http.Server;
  let base: string;
  before(async () => {
    dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'orator-photo-'));
    const blank = await sharp({ create: { width: 256, height: 256, channels: 3, background: '#7a8fa6' } }).png().toBuffer();
    server = http.createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' });
      res.end(req.url === '/blank.png' ? blank : PHOTO);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  after(async () => {
    server.close();
    await fsp.rm(dataDir, { recursive: true, force: true });
  });

  test('renders a 256x256 MP4 of the photo whose mouth region moves while it speaks; a photo without a face fails the video', async () => {
    const config = { ...loadConfig({ ORATOR_DATA_DIR: dataDir, ORATOR_PUBLIC_URL: 'http://orator.test', ORATOR_ALLOW_PRIVATE_URLS: '1' }), renderConcurrency: 1 };
    const platform = await composePlatform(config, { migrate: true, logger: pino({ level: 'silent' }), pollMs: 50 });
    const { key } = await createApiKey(platform.keys, { name: 'test' });
    const app = await platform.buildHttpApp();
    const pool = platform.createWorkerPool();
    pool.start();
    try {
      const started = performance.now();
      const r = await app.inject({
        method: 'POST',
        url: '/v3/videos',
        headers: { 'x-api-key': key },
        payload: { type: 'image', image: { type: 'url', url: `${base}/astronaut.png` }, script: 'Hello, I am talking.', dimension: { width: 256, height: 256 }, background: { type: 'color', value: '#2040A0' } },
      });
      assert.equal(r.statusCode, 200, r.body);
      const bad = await app.inject({
        method: 'POST',
        url: '/v3/videos',
        headers: { 'x-api-key': key },
        payload: { type: 'image', image: { type: 'url', url: `${base}/blank.png` }, script: 'Hi.', dimension: { width: 256, height: 256 } },
      });
      assert.equal(bad.statusCode, 200, bad.body);
      await pool.waitForIdle();
      const renderMs = performance.now() - started;

      const video = await platform.videos.findById(r.json().data.video_id);
      assert.equal(video?.status, 'completed', JSON.stringify(video?.error ?? null));
      const plan = video!.plan;
      assert.equal(plan.scenes[0]!.character!.type, 'photo');
      assert.deepEqual(plan.scenes[0]!.voice, { type: 'text', voiceId: 'festival_slt_hts', text: 'Hello, I am talking.', speed: 1, pitch: 0 });
      const file = path.join(dataDir, 'check.mp4');
      await pipeline(await platform.blobs.getStream(video!.blobs.video!), fs.createWriteStream(file));

      // The face where the output shows it: photos are framed like a presenter, not scaled to fill the frame.
      const still = path.join(dataDir, 'check-frame.png');
      await promisify(execFile)('ffmpeg', ['-v', 'error', '-y', '-i', file, '-frames:v', '1', still]);
      const face = await detectFaceLandmarks(still);
      const lips = [...OUTER_UPPER_LIP, ...OUTER_LOWER_LIP].map((i) => face.mesh[i]!);
      const x0 = Math.min(...lips.map((p) => p.x));
      const x1 = Math.max(...lips.map((p) => p.x));
      const y0 = Math.min(...lips.map((p) => p.y));
      const y1 = Math.max(...lips.map((p) => p.y));
      const mouth = { x: Math.floor(x0), y: Math.floor(y0), width: Math.ceil(x1 - x0), height: Math.ceil(y1 - y0 + 6) };
      // The nose bridge between the eyes (mesh point 6) is smooth skin: idle sway barely changes it,
      // speech not at all (the hair above the forehead moves with the sway, so it makes a poor reference).
      const brow = face.mesh[6]!;
      const forehead = { x: Math.round(brow.x) - 4, y: Math.round(brow.y) - 4, width: 8, height: 8 };
      const [mouthSeries, foreheadSeries] = await Promise.all([mouthDarkness(file, mouth), mouthDarkness(file, forehead)]);
      assert.ok(mouthSeries.length >= 25, `frames: ${mouthSeries.length}`);
      assert.ok(spread(mouthSeries) > 10, `mouth darkness spread ${spread(mouthSeries).toFixed(1)}`);
      // Idle sway and blinks move everything a little (the seed, and so the blinks, follow the URL's
      // random port); the mouth moves more, and in step with the voice.
      assert.ok(spread(mouthSeries) > spread(foreheadSeries), `mouth ${spread(mouthSeries).toFixed(1)} vs nose bridge ${spread(foreheadSeries).toFixed(1)}`);
      // The renderer's own lip-sync figure: mouth opening in the output against the audio loudness.
      assert.ok(video!.quality!.envelopeCorrelation > 0.3, JSON.stringify(video!.quality));
      console.log(`# photo render: ${Math.round(renderMs)} ms for both videos; mouth spread ${spread(mouthSeries).toFixed(1)}, nose bridge ${spread(foreheadSeries).toFixed(1)}, lip sync ${JSON.stringify(video!.quality)}`);

      const failed = await platform.videos.findById(bad.json().data.video_id);
      assert.equal(failed?.status, 'failed');
      assert.equal(failed?.error?.message, 'No face found in the image');
    } finally {
      await app.close();
      await pool.stop(1000);
      await platform.close();
    }
  });
});
