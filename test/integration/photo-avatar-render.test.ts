// The seed flow with the real render engine, end to end over HTTP: a photo by URL becomes a photo
// avatar (face checked, stored), and `character: {type: "photo_avatar"}` in /v2/video/generate renders
// it talking: a small MP4 whose frames show the photo's face (found again by the face tracker) with a
// mouth that moves more than the rest of the face while it speaks.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { after, before, describe, test } from 'node:test';
import pino from 'pino';
import { createApiKey } from '../../src/auth/api-keys.js';
import { composePlatform, type Platform } from '../../src/compose.js';
import { loadConfig } from '../../src/config.js';
import { detectFaceLandmarks } from '../../src/render/avatars/photo/detect-face-landmarks.js';
import { ASTRONAUT_PHOTO } from '../../src/render/avatars/photo/stock-photos.js';
import { servePictures, type PictureServer } from '../support/picture-server.js';
import { mouthDarkness, spread } from '../support/render-probes.js';

const run = promisify(execFile);

describe('photo avatar seed flow, real render', () => {
  let dataDir: string;
  let pictures: PictureServer;
  let platform: Platform;
  before(async () => {
    dataDir = await fsp.mkdtemp(path.join(os.tmpdir(), 'orator-photo-avatar-render-'));
    pictures = await servePictures({ 'eileen.png': fs.readFileSync(ASTRONAUT_PHOTO) });
    const config = { ...loadConfig({ ORATOR_DATA_DIR: dataDir, ORATOR_PUBLIC_URL: 'http://orator.test', ORATOR_ALLOW_PRIVATE_URLS: '1' }), renderConcurrency: 1 };
    platform = await composePlatform(config, { migrate: true, logger: pino({ level: 'silent' }), pollMs: 50 });
  });
  after(async () => {
    await platform.close();
    await pictures.close();
    await fsp.rm(dataDir, { recursive: true, force: true });
  });

  test('photo_avatar.generate → completed → /v2/video/generate renders the photo talking', async () => {
    const { key } = await createApiKey(platform.keys, { name: 'test' });
    const h = { 'x-api-key': key };
    const app = await platform.buildHttpApp();
    const pool = platform.createWorkerPool();
    pool.start();
    try {
      const made = await app.inject({ method: 'POST', url: '/v1/photo_avatar.generate', headers: h, payload: { name: 'Eileen', gender: 'female', image_url: pictures.url('eileen.png') } });
      assert.equal(made.statusCode, 200, made.body);
      const id = made.json().data.photo_avatar_id;
      await pool.waitForIdle(60_000);
      const got = (await app.inject({ method: 'GET', url: `/v1/photo_avatar.get?photo_avatar_id=${id}`, headers: h })).json();
      assert.equal(got.data.status, 'completed', JSON.stringify(got.data));

      const started = performance.now();
      const video = await app.inject({
        method: 'POST',
        url: '/v2/video/generate',
        headers: h,
        payload: { video_inputs: [{ character: { type: 'photo_avatar', photo_avatar_id: id }, voice: { type: 'text', voice_id: 'festival_slt_hts', input_text: 'Hello, I am a photo avatar talking.' }, background: { type: 'color', value: '#203060' } }], dimension: { width: 256, height: 256 } },
      });
      assert.equal(video.statusCode, 200, video.body);
      await pool.waitForIdle(300_000);
      const record = await platform.videos.findById(video.json().data.video_id);
      assert.equal(record?.status, 'completed', JSON.stringify(record?.error ?? null));
      const file = path.join(dataDir, 'photo-avatar.mp4');
      await pipeline(await platform.blobs.getStream(record!.blobs.video!), fs.createWriteStream(file));

      // A frame in the middle of the speech: the photo's face is there.
      const frame = path.join(dataDir, 'frame.png');
      await run('ffmpeg', ['-v', 'error', '-y', '-ss', '1.0', '-i', file, '-frames:v', '1', frame]);
      const face = await detectFaceLandmarks(frame);
      assert.ok(face.box.width > 40, `a face in the frame: ${JSON.stringify(face.box)}`);
      // Its mouth moves more than its forehead while it speaks.
      const lips = [13, 14, 78, 308].map((i) => face.mesh[i]!);
      const mouth = { x: Math.floor(Math.min(...lips.map((p) => p.x))) - 2, y: Math.floor(Math.min(...lips.map((p) => p.y))) - 2, width: 0, height: 0 };
      mouth.width = Math.ceil(Math.max(...lips.map((p) => p.x))) - mouth.x + 4;
      mouth.height = Math.max(8, Math.ceil(Math.max(...lips.map((p) => p.y))) - mouth.y + 6);
      const brow = face.mesh[6]!;
      const forehead = { x: Math.round(brow.x) - 3, y: Math.round(brow.y) - 3, width: 6, height: 6 };
      const [m, f] = await Promise.all([mouthDarkness(file, mouth), mouthDarkness(file, forehead)]);
      assert.ok(m.length >= 25, `frames: ${m.length}`);
      assert.ok(spread(m) > spread(f), `mouth ${spread(m).toFixed(1)} vs nose bridge ${spread(f).toFixed(1)}`);
      console.log(`# photo avatar render: ${Math.round(performance.now() - started)} ms, ${m.length} frames; mouth spread ${spread(m).toFixed(1)}, nose bridge ${spread(f).toFixed(1)}; quality ${JSON.stringify(record!.quality)}`);
      // The figures a client reads on the status route: the face tracker's reading of the output for a photo.
      const status = await app.inject({ method: 'GET', url: `/v1/video_status.get?video_id=${video.json().data.video_id}`, headers: h });
      const quality = status.json().data.quality;
      assert.equal(quality.lip_sync_method, 'face_landmarks', JSON.stringify(quality));
      // One sentence has no pause to compare with: the ratio is null, the opening while speaking is there.
      assert.ok(typeof quality.speech_opening === 'number' && quality.speech_opening > 0.05 && 'opening_ratio' in quality, JSON.stringify(quality));
      // KEEP_RENDER=<dir> keeps the video and the frame for a look.
      if (process.env.KEEP_RENDER) for (const f of [file, frame]) await fsp.copyFile(f, path.join(process.env.KEEP_RENDER, path.basename(f)));
    } finally {
      await app.close();
      await pool.stop(1000);
    }
  });
});
