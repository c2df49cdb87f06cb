// A talking-face video Orator did not make, translated through the API on the in-process platform: the
// result's mouth is re-drawn to the Spanish speech (engines.resync says on how many frames) and, read
// with the face tracker, its inner-lip gap follows the Spanish sound's loudness.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { GRACE_HOPPER_PHOTO } from '../../src/render/avatars/photo/stock-photos.js';
import { correlation, lipGaps, loudnessPerFrame, rgbFrames } from '../support/footage-mouth-probes.js';
import { useTestPlatform } from '../support/use-test-platform.js';
import { eventually } from '../support/webhook-platform.js';

const media = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-face-translate-'));
let files: http.Server;
let base = '';
const W = 480;
const H = 270;
before(async () => {
  const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);
  execFileSync('flite', ['-voice', 'slt', '-t', 'Hello there.', '-o', path.join(media, 'a.wav')]);
  execFileSync('flite', ['-voice', 'slt', '-t', 'The weather is nice today.', '-o', path.join(media, 'b.wav')]);
  ffmpeg('-i', path.join(media, 'a.wav'), '-i', path.join(media, 'b.wav'), '-filter_complex', '[0:a]adelay=300[x];[1:a]adelay=1800[y];[x][y]amix=inputs=2:normalize=0,apad=whole_dur=4[out]', '-map', '[out]', path.join(media, 'speech.wav'));
  ffmpeg('-loop', '1', '-t', '4', '-r', '25', '-i', GRACE_HOPPER_PHOTO, '-i', path.join(media, 'speech.wav'), '-vf', `scale=-2:${H},pad=${W}:${H}:(ow-iw)/2:0,format=yuv420p`, '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', path.join(media, 'face.mp4'));
  files = http.createServer((req, res) => {
    const file = path.join(media, path.basename(req.url ?? ''));
    if (!fs.existsSync(file)) return void res.writeHead(404).end('missing');
    res.writeHead(200).end(fs.readFileSync(file));
  });
  await new Promise<void>((r) => files.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});
after(async () => {
  await new Promise((r) => files.close(r));
  fs.rmSync(media, { recursive: true, force: true });
});

const t = useTestPlatform({ kit: 'webhooks' });

test('a talking-face video in Spanish: its mouth re-drawn to the new speech', async () => {
  const r = await t.app.inject({ method: 'POST', url: '/v3/video-translations', headers: t.headers, payload: { video: { type: 'url', url: `${base}/face.mp4` }, output_languages: ['es'], disable_music_track: true } });
  assert.equal(r.statusCode, 200, r.body);
  const id = r.json().data.video_translation_ids[0];
  const done = await eventually(async () => {
    const d = (await t.app.inject({ method: 'GET', url: `/v3/video-translations/${id}`, headers: t.headers })).json().data;
    return d.status === 'completed' || d.status === 'failed' ? d : undefined;
  }, 120_000);
  assert.equal(done.status, 'completed', JSON.stringify(done));
  assert.match(done.engines.resync, /mouth re-drawn to the new speech on \d+ of 100 frames/);
  const link = new URL(done.video_url);
  const out = path.join(media, 'out.mp4');
  const chunks: Buffer[] = [];
  for await (const c of await t.platform.blobs.getStream(decodeURIComponent(link.pathname.replace(/^\/files\//, '')))) chunks.push(c as Buffer);
  fs.writeFileSync(out, Buffer.concat(chunks));
  const faces = await lipGaps(rgbFrames(out, W, H), W, H);
  const loud = loudnessPerFrame(out);
  const pairs = faces.map((f, i) => [f.gap, loud[i] ?? 0] as const).filter(([g]) => g !== null) as [number, number][];
  assert.ok(pairs.length >= 80, `face read on ${pairs.length} frames`);
  const rr = correlation(pairs.map(([g]) => g), pairs.map(([, l]) => l));
  assert.ok(rr >= 0.4, `inner-lip gap vs the Spanish sound's loudness r = ${rr.toFixed(3)}`);
});
