// Lip-sync over HTTP with the real server (issue 14): (a) a one-scene Orator render given a new script
// is rendered again, the avatar speaking the new words (captions, mouth moving with the sound); (b) a
// plain uploaded video given new audio keeps its picture frame for frame and carries the new sound
// (no face in a test pattern: audio replacement only, said so in engines.resync). List with a cursor, statuses, rename, delete,
// webhooks, errors; every answer validated against HeyGen's schemas.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { api, freePort, pollStatus, startOrator, tempDataDir, type OratorProcess } from '../support/orator-process.js';
import { frameHashes, mouthDarkness } from '../support/render-probes.js';
import { validateHeygenResponse } from '../support/validate-heygen-response.js';
import { correlation as lipCorrelation, differenceOutsideFace, lipGaps, loudnessPerFrame, rgbFrames } from '../support/footage-mouth-probes.js';
import { GRACE_HOPPER_PHOTO } from '../../src/render/avatars/photo/stock-photos.js';

let orator: OratorProcess;
let dataDir: string;
before(async () => {
  dataDir = tempDataDir();
  orator = await startOrator({ dataDir, port: await freePort() });
});
after(() => {
  if (orator?.child.exitCode === null) orator.child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function conforms(method: string, template: string, status: number, body: unknown): void {
  assert.deepEqual(validateHeygenResponse(method, template, status, body), [], `${method} ${template}: ${JSON.stringify(body)}`);
}

async function download(url: string, name: string): Promise<string> {
  const r = await fetch(url);
  assert.equal(r.status, 200, url);
  const file = path.join(dataDir, name);
  fs.writeFileSync(file, Buffer.from(await r.arrayBuffer()));
  return file;
}

async function upload(file: string, type: string): Promise<{ id: string; url: string }> {
  const r = await fetch(`${orator.baseUrl}/v1/asset`, { method: 'POST', headers: { 'x-api-key': orator.apiKey, 'content-type': type }, body: fs.readFileSync(file) });
  const json = (await r.json()) as any;
  assert.equal(r.status, 200, JSON.stringify(json));
  return { id: json.data.id, url: json.data.url };
}

async function settled(id: string): Promise<any> {
  const deadline = Date.now() + 240_000;
  for (;;) {
    const { status, json } = await api(orator, 'GET', `/v3/lipsyncs/${id}`);
    conforms('GET', '/v3/lipsyncs/{lipsync_id}', status, json);
    if (json.data.status === 'completed' || json.data.status === 'failed') return json.data;
    if (Date.now() > deadline) throw new Error(`timed out: ${JSON.stringify(json)}\n${orator.output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** RMS loudness in 40 ms windows (25 per second). */
function loudness(file: string): number[] {
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-vn', '-ac', '1', '-ar', '16000', '-f', 's16le', '-'], { maxBuffer: 64 * 1024 * 1024 });
  const s = new Int16Array(raw.buffer, raw.byteOffset, Math.floor(raw.length / 2));
  const out: number[] = [];
  for (let i = 0; i + 640 <= s.length; i += 640) {
    let sum = 0;
    for (let k = i; k < i + 640; k++) sum += s[k]! * s[k]!;
    out.push(Math.sqrt(sum / 640));
  }
  return out;
}

function correlation(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  const mean = (x: readonly number[]) => x.slice(0, n).reduce((p, q) => p + q, 0) / n;
  const [ma, mb] = [mean(a), mean(b)];
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (a[i]! - ma) * (b[i]! - mb);
    da += (a[i]! - ma) ** 2;
    db += (b[i]! - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

test('(a) a one-scene Orator render with a new script: re-rendered, the avatar speaks the new words', async () => {
  const created = await api(orator, 'POST', '/v2/video/generate', {
    video_inputs: [
      {
        character: { type: 'avatar', avatar_id: 'amara_office_front', avatar_style: 'normal' },
        voice: { type: 'text', voice_id: 'espeak_en-us_f', input_text: 'Hello there.' },
        background: { type: 'color', value: '#336699' },
      },
    ],
    dimension: { width: 640, height: 360 },
  });
  assert.equal(created.status, 200, JSON.stringify(created.json));
  const video = await pollStatus(orator, created.json.data.video_id, (d) => d.status === 'completed' || d.status === 'failed');
  assert.equal(video.status, 'completed', JSON.stringify(video));

  const { status, json } = await api(orator, 'POST', '/v3/lipsyncs', { video: { type: 'url', url: video.video_url }, script: 'Good morning everyone. Thank you for coming to the garden party.', title: 'party' });
  assert.equal(status, 200, JSON.stringify(json));
  conforms('POST', '/v3/lipsyncs', status, json);
  const done = await settled(json.data.lipsync_id);
  assert.equal(done.status, 'completed', JSON.stringify(done));
  assert.match(done.engines.resync, /re-rendered/);
  assert.ok(done.duration > 3, `longer than the two-word source: ${done.duration}`);
  const captions = fs.readFileSync(await download(done.caption_url, 'a.srt'), 'utf8');
  for (const w of ['morning', 'garden', 'party']) assert.match(captions, new RegExp(w, 'i'));

  const file = await download(done.video_url, 'a.mp4');
  const framesDir = process.env.ORATOR_TEST_FRAMES_DIR ?? path.join(dataDir, 'frames');
  fs.mkdirSync(framesDir, { recursive: true });
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', file, '-vf', 'fps=2', path.join(framesDir, 'lipsync-a-%02d.png')]);
  // The mouth box of this avatar at 640x360 (as in the translation e2e test): its changes follow the sound.
  const mouth = await mouthDarkness(file, { x: 300, y: 156, width: 32, height: 20 });
  const env = loudness(file);
  // On this avatar an open mouth shows teeth and lips lighter than the skin around them (seen on the
  // frames), so the box's brightness follows the sound's loudness (both at 25 per second).
  const r = correlation(mouth.map((d) => -d), env);
  assert.ok(r >= 0.4, `mouth brightness vs loudness r = ${r.toFixed(2)}`);
});

test('(b) plain footage with new audio: the same picture, the new sound, said to be audio replacement only', async () => {
  const say = (text: string, out: string) => execFileSync('flite', ['-voice', 'slt', '-t', text, '-o', path.join(dataDir, out)]);
  say('The weather is nice today.', 'old.wav');
  say('Please close the door behind you when you leave.', 'new.wav');
  const footage = path.join(dataDir, 'talk.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=320x180:r=25:d=4', '-i', path.join(dataDir, 'old.wav'), '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-af', 'apad', '-t', '4', footage]);
  const v = await upload(footage, 'video/mp4');
  const a = await upload(path.join(dataDir, 'new.wav'), 'audio/wav');
  const { status, json } = await api(orator, 'POST', '/v3/lipsyncs', { video: { type: 'asset_id', asset_id: v.id }, audio: { type: 'asset_id', asset_id: a.id }, callback_id: 'ls-b' });
  assert.equal(status, 200, JSON.stringify(json));
  const done = await settled(json.data.lipsync_id);
  assert.equal(done.status, 'completed', JSON.stringify(done));
  assert.match(done.engines.resync, /audio replaced only/);
  assert.equal(done.callback_id, 'ls-b');
  const out = await download(done.video_url, 'b.mp4');
  const [src, res] = [await frameHashes(footage), await frameHashes(out)];
  assert.deepEqual(res.slice(0, src.length), src, 'the picture is untouched');
  const newEnv = loudness(path.join(dataDir, 'new.wav'));
  assert.ok(correlation(loudness(out), newEnv) > 0.8, 'the new sound');
  assert.ok(correlation(loudness(out), loudness(footage)) < 0.6, 'not the old sound');

  // List with a cursor, statuses, rename, delete.
  const page1 = await api(orator, 'GET', '/v3/lipsyncs?limit=1');
  conforms('GET', '/v3/lipsyncs', page1.status, page1.json);
  assert.equal(page1.json.data[0].id, done.id);
  assert.equal(page1.json.has_more, true);
  const page2 = await api(orator, 'GET', `/v3/lipsyncs?limit=1&token=${page1.json.next_token}`);
  assert.equal(page2.json.data.length, 1);
  assert.notEqual(page2.json.data[0].id, done.id);
  const statuses = await api(orator, 'GET', `/v3/lipsyncs/statuses?lipsync_ids=${done.id},nope`);
  assert.equal(statuses.status, 200, JSON.stringify(statuses.json));
  assert.deepEqual(statuses.json.data.map((s: any) => [s.video_id, s.status]), [[done.id, 'completed'], ['nope', 'not_found']]);
  const renamed = await api(orator, 'PATCH', `/v3/lipsyncs/${done.id}`, { title: 'door' });
  assert.equal(renamed.json.data.title, 'door');
  const del = await api(orator, 'DELETE', `/v3/lipsyncs/${done.id}`);
  conforms('DELETE', '/v3/lipsyncs/{lipsync_id}', del.status, del.json);
  const gone = await api(orator, 'GET', `/v3/lipsyncs/${done.id}`);
  assert.equal(gone.status, 404);
  conforms('GET', '/v3/lipsyncs/{lipsync_id}', gone.status, gone.json);
  assert.equal((await fetch(done.video_url)).status, 404, 'files deleted');
});

test('(c) a talking-face video Orator did not make, with new audio: the mouth re-drawn to it, the rest untouched', async () => {
  const W = 640;
  const H = 360;
  execFileSync('flite', ['-voice', 'slt', '-t', 'Good evening. The garden party starts at seven, so please be on time.', '-o', path.join(dataDir, 'party.wav')]);
  const footage = path.join(dataDir, 'face.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-loop', '1', '-t', '5', '-r', '25', '-i', GRACE_HOPPER_PHOTO, '-f', 'lavfi', '-t', '5', '-i', 'anullsrc=r=48000:cl=mono', '-vf', `scale=-2:${H},pad=${W}:${H}:(ow-iw)/2:0,format=yuv420p`, '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '12', '-c:a', 'aac', '-shortest', footage]);
  const v = await upload(footage, 'video/mp4');
  const a = await upload(path.join(dataDir, 'party.wav'), 'audio/wav');
  const { status, json } = await api(orator, 'POST', '/v3/lipsyncs', { video: { type: 'url', url: v.url }, audio: { type: 'asset_id', asset_id: a.id } });
  assert.equal(status, 200, JSON.stringify(json));
  const done = await settled(json.data.lipsync_id);
  assert.equal(done.status, 'completed', JSON.stringify(done));
  assert.match(done.engines.resync, /mouth re-drawn to the new speech on \d+ of 125 frames/);
  const out = await download(done.video_url, 'c.mp4');
  const framesDir = process.env.ORATOR_TEST_FRAMES_DIR ?? path.join(dataDir, 'frames');
  fs.mkdirSync(framesDir, { recursive: true });
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', out, '-vf', 'fps=4', path.join(framesDir, 'lipsync-c-%02d.png')]);
  const outFrames = rgbFrames(out, W, H);
  const srcFrames = rgbFrames(footage, W, H);
  const faces = await lipGaps(outFrames, W, H);
  const loud = loudnessPerFrame(path.join(dataDir, 'party.wav'));
  const pairs = faces.map((f, i) => [f.gap, loud[i] ?? 0] as const).filter(([g]) => g !== null) as [number, number][];
  assert.ok(pairs.length >= 100, `face read on ${pairs.length} frames`);
  const r = lipCorrelation(pairs.map(([g]) => g), pairs.map(([, l]) => l));
  assert.ok(r >= 0.4, `inner-lip gap vs loudness r = ${r.toFixed(3)}`);
  const srcMesh = (await lipGaps([srcFrames[0]!], W, H))[0]!.mesh;
  for (const [i, f] of outFrames.entries()) {
    const d = differenceOutsideFace(f, srcFrames[i]!, W, H, srcMesh);
    assert.ok(d.mean < 1.5, `frame ${i}: mean difference outside the face ${d.mean.toFixed(2)}`);
  }
});

test('refused at once: neither audio nor script, both, unknown voice; a sound file as the video fails with 400621', async () => {
  const video = { type: 'url', url: 'https://example.com/a.mp4' };
  for (const [body, param] of [
    [{ video }, 'audio'],
    [{ video, script: 'Hi.', audio: { type: 'url', url: 'https://example.com/a.wav' } }, 'script'],
    [{ video, script: 'Hi.', voice_id: 'nope' }, 'voice_id'],
  ] as const) {
    const r = await api(orator, 'POST', '/v3/lipsyncs', body);
    assert.ok(r.status === 400 || r.status === 404, JSON.stringify(r.json));
    conforms('POST', '/v3/lipsyncs', r.status, r.json);
    assert.equal(r.json.error.param, param);
  }
  const a = await upload(path.join(dataDir, 'new.wav'), 'audio/wav');
  const r = await api(orator, 'POST', '/v3/lipsyncs', { video: { type: 'asset_id', asset_id: a.id }, script: 'Hello.' });
  assert.equal(r.status, 400, 'an audio asset is not a video');
});
