// Renders tiny real videos through the whole pipeline with test doubles for speech and avatar art
// (espeak-ng audio, a sharp-drawn rig), then reads the files back with ffprobe/ffmpeg.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { runRenderPipeline } from '../../src/render/render-video.js';
import { restPosition } from '../../src/render/motion/avatar-placement.js';
import type { RenderPlan, ScenePlan } from '../../src/domain/render-plan.js';
import type { RenderOptions } from '../../src/render/stages/render-context.js';
import { buildFakeAvatarRig } from '../support/build-fake-avatar-rig.js';
import { fakeRenderDeps } from '../support/fake-render-deps.js';
import { decodedPixelFormat, ffprobeJson, frameHashes, mouthDarkness, packetTimes, spread } from '../support/render-probes.js';

const run = promisify(execFile);
let root = '';
const deps = () => fakeRenderDeps(join(root, 'rigs'));
const noFetch = { fetchToFile: async () => { throw new Error('no fetches here'); } };
const options = (extra: Partial<RenderOptions> = {}): RenderOptions => ({ fetcher: noFetch, cacheDir: join(root, 'cache'), ...extra });

const avatar = { type: 'avatar', avatarId: 'fake_avatar', style: 'normal', scale: 1, offset: { x: 0, y: 0 }, matting: false } as const;
const speak = (text: string): ScenePlan['voice'] => ({ type: 'text', voiceId: 'fake_voice', text, speed: 1, pitch: 0 });
const plan = (scenes: ScenePlan[], over: Partial<RenderPlan> = {}): RenderPlan => ({ width: 256, height: 256, fps: 25, seed: 5, format: 'mp4', burnCaptions: false, scenes, ...over });

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'orator-render-test-'));
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

test('speech then silence: H.264/AAC, exact length, captions, moving mouth only while speaking', async () => {
  const workDir = join(root, 'work1');
  const progress: number[] = [];
  const result = await runRenderPipeline(
    plan([
      { character: avatar, voice: speak('Hello there, this is a test.'), background: { type: 'color', color: '#336699' } },
      { character: avatar, voice: { type: 'silence', durationSec: 0.8 }, background: { type: 'color', color: '#336699' } },
    ], { width: 320, height: 240, burnCaptions: true }),
    join(root, 'out1'),
    options({ workDir, onProgress: (p) => progress.push(p.percent) }),
    deps(),
  );
  assert.ok(!existsSync(workDir), 'the work dir is removed');
  assert.equal(progress[progress.length - 1], 100);
  assert.ok(progress.every((p, i) => i === 0 || p >= progress[i - 1]!), 'progress only grows');

  const probe = await ffprobeJson(result.video);
  const video = probe.streams.find((s: any) => s.codec_type === 'video');
  const audio = probe.streams.find((s: any) => s.codec_type === 'audio');
  assert.equal(video.codec_name, 'h264');
  assert.equal(video.pix_fmt, 'yuv420p');
  assert.equal([video.width, video.height].join('x'), '320x240');
  assert.equal(audio.codec_name, 'aac');
  assert.ok(Math.abs(Number(audio.duration) - result.durationSec) < 0.03, `audio ${audio.duration} vs ${result.durationSec}`);
  assert.ok(Math.abs(Number(probe.format.duration) - result.durationSec) <= 1 / 25 + 1e-6, `${probe.format.duration} vs ${result.durationSec}`);
  // Variable frame rate on the 25 fps grid: held pictures are stored once, every timestamp is a frame
  // time, and played back at 25 fps it is exactly the expected number of frames.
  assert.ok(Number(video.nb_frames) < Math.round(result.durationSec * 25), `${video.nb_frames} stored frames`);
  const stamps = await packetTimes(result.video);
  assert.ok(stamps.every((t) => Math.abs(t * 25 - Math.round(t * 25)) < 1e-3), 'every frame starts on the 25 fps grid');
  assert.equal((await frameHashes(result.video, 25)).length, Math.round(result.durationSec * 25));

  // Captions: cue boundaries are word boundaries.
  const srt = await readFile(result.srt, 'utf8');
  const first = result.words[0]!;
  const stamp = (s: number) => new Date(Math.round(s * 1000)).toISOString().slice(11, 23).replace('.', ',');
  assert.ok(srt.startsWith(`1\n${stamp(first.start)} --> `), srt);
  assert.ok(srt.includes(stamp(result.words[result.words.length - 1]!.end)), srt);
  assert.match(await readFile(result.vtt, 'utf8'), /^WEBVTT\n\n00:00:00\.\d{3} --> /);
  assert.ok(result.captionedVideo && existsSync(result.captionedVideo));
  const captioned = await ffprobeJson(result.captionedVideo);
  assert.ok(Math.abs(Number(captioned.format.duration) - result.durationSec) <= 1 / 25 + 1e-6);

  // Thumbnail and GIF.
  const thumb = await ffprobeJson(result.thumbnail);
  assert.equal(thumb.streams[0].codec_name, 'mjpeg');
  const gif = await ffprobeJson(result.gif);
  assert.equal(gif.streams[0].codec_name, 'gif');
  assert.ok(gif.streams[0].width <= 480);

  // Mouth region: moves while speaking, rests during the silent scene.
  const rig = await buildFakeAvatarRig(join(root, 'rigs', '240'), 240);
  const rest = restPosition({ width: 320, height: 240 }, rig, { x: 0, y: 0 });
  const box = { x: rest.x + rig.mouthBox.x - 2, y: rest.y + rig.mouthBox.y - 2, width: rig.mouthBox.width + 4, height: rig.mouthBox.height + 4 };
  const darkness = await mouthDarkness(result.video, box);
  const speechFrames = Math.round((result.durationSec - 0.8) * 25);
  assert.ok(spread(darkness.slice(0, speechFrames)) > 20, `speech spread ${spread(darkness.slice(0, speechFrames))}`);
  assert.ok(spread(darkness.slice(speechFrames + 2)) < 3, `silence spread ${spread(darkness.slice(speechFrames + 2))}`);
  assert.ok(result.quality.envelopeCorrelation >= 0.5, JSON.stringify(result.quality));
  assert.ok(Math.abs(result.quality.avOffsetMs) <= 40, JSON.stringify(result.quality));
});

test('same plan and seed give identical frames and bytes', async () => {
  const p = plan([{ character: avatar, voice: speak('Same again.'), background: { type: 'color', color: '#202020' } }]);
  const a = await runRenderPipeline(p, join(root, 'det-a'), options(), deps());
  const b = await runRenderPipeline(p, join(root, 'det-b'), options(), deps());
  const [ha, hb] = await Promise.all([frameHashes(a.video), frameHashes(b.video)]);
  assert.ok(ha.length > 10);
  assert.deepEqual(ha, hb);
  assert.ok(new Set(ha).size > 5, 'frames change over time');
  assert.deepEqual(await readFile(a.video), await readFile(b.video), 'bit-exact container too');
});

test('transparent background renders VP9 with an alpha plane', async () => {
  const result = await runRenderPipeline(
    plan([{ character: { ...avatar, scale: 0.6, offset: { x: 0.2, y: 0.1 } }, voice: speak('Alpha.'), background: { type: 'transparent' } }]),
    join(root, 'alpha'), options(), deps(),
  );
  assert.ok(result.video.endsWith('.webm'));
  const probe = await ffprobeJson(result.video);
  const video = probe.streams.find((s: any) => s.codec_type === 'video');
  assert.equal(video.codec_name, 'vp9');
  assert.equal(video.tags?.alpha_mode ?? video.tags?.ALPHA_MODE, '1');
  assert.equal(await decodedPixelFormat(result.video, 'libvpx-vp9'), 'yuva420p');
  assert.equal(probe.streams.find((s: any) => s.codec_type === 'audio').codec_name, 'opus');
  // A corner is fully transparent, the avatar's face is opaque.
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-c:v', 'libvpx-vp9', '-i', result.video, '-frames:v', '1', '-vf', 'format=rgba', '-f', 'rawvideo', '-'], { encoding: 'buffer', maxBuffer: 1 << 24 });
  assert.ok(stdout[3]! <= 8, `top-left pixel transparent (alpha ${stdout[3]})`);
  const cx = Math.round(128 + 0.2 * 256), cy = Math.round(128 + 0.1 * 256 - 0.05 * 154);
  assert.equal(stdout[(cy * 256 + cx) * 4 + 3], 255, 'face opaque');
});

test('image, video and colour backgrounds across scenes, uploaded audio, scene without avatar', async () => {
  const bgImage = join(root, 'bg.png');
  const bgVideo = join(root, 'bg.mp4');
  const voiceWav = join(root, 'voice.wav');
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=s=160x90:r=25:d=0.6', '-frames:v', '1', bgImage]);
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=200x120:r=30:d=0.5', '-pix_fmt', 'yuv420p', bgVideo]);
  await run('espeak-ng', ['-w', voiceWav, 'Uploaded words.']);
  const result = await runRenderPipeline(
    plan([
      { character: avatar, voice: { type: 'audio', source: { path: voiceWav }, transcript: 'Uploaded words.' }, background: { type: 'image', source: { path: bgImage }, fit: 'cover' } },
      { character: null, voice: { type: 'silence', durationSec: 0.4 }, background: { type: 'video', source: { path: bgVideo }, fit: 'contain', playStyle: 'loop' } },
      { character: avatar, voice: { type: 'silence', durationSec: 0.3 }, background: { type: 'video', source: { path: bgVideo }, fit: 'cover', playStyle: 'freeze' } },
    ]),
    join(root, 'multi'), options(), deps(),
  );
  const probe = await ffprobeJson(result.video);
  const video = probe.streams.find((s: any) => s.codec_type === 'video');
  // Image and video backgrounds take the overlay path: only the frames where the picture changes are
  // stored (the video background plays on every frame of its scene), each held on the 25 fps grid.
  assert.ok(Number(video.nb_frames) < Math.round(result.durationSec * 25), `${video.nb_frames} stored frames`);
  assert.equal((await frameHashes(result.video, 25)).length, Math.round(result.durationSec * 25));
  const audio = probe.streams.find((s: any) => s.codec_type === 'audio');
  assert.ok(Math.abs(Number(audio.duration) - result.durationSec) < 0.06, `${audio.duration} vs ${result.durationSec}`);
  assert.deepEqual(result.words.map((w) => w.word), ['Uploaded', 'words.']);
});

test('typed errors for corrupt media, and the work dir is removed on failure and abort', async () => {
  const broken = join(root, 'broken.mp4');
  await writeFile(broken, 'this is not a video');
  const workDir = join(root, 'work-fail');
  await assert.rejects(
    runRenderPipeline(plan([{ character: avatar, voice: { type: 'silence', durationSec: 0.2 }, background: { type: 'video', source: { path: broken }, fit: 'cover', playStyle: 'loop' } }]), join(root, 'bad'), options({ workDir }), deps()),
    (e: any) => e.kind === 'video_file_corrupted' && e.message.includes('broken.mp4'),
  );
  assert.ok(!existsSync(workDir));
  const brokenImage = join(root, 'broken.png');
  await writeFile(brokenImage, 'not an image');
  await assert.rejects(
    runRenderPipeline(plan([{ character: null, voice: { type: 'silence', durationSec: 0.2 }, background: { type: 'image', source: { path: brokenImage }, fit: 'cover' } }]), join(root, 'bad'), options(), deps()),
    (e: any) => e.kind === 'video_file_corrupted' && e.message.includes('broken.png'),
  );
  const badAudio = join(root, 'bad.mp3');
  await writeFile(badAudio, 'not audio');
  await assert.rejects(
    runRenderPipeline(plan([{ character: avatar, voice: { type: 'audio', source: { path: badAudio } }, background: { type: 'color', color: '#000' } }]), join(root, 'bad'), options(), deps()),
    (e: any) => e.kind === 'invalid_audio_format' && e.message.includes('bad.mp3'),
  );
  await assert.rejects(
    runRenderPipeline(plan([{ character: { ...avatar, avatarId: 'missing' }, voice: speak('x'), background: { type: 'color', color: '#000' } }]), join(root, 'bad'), options(), deps()),
    (e: any) => e.kind === 'avatar_not_found',
  );
  const controller = new AbortController();
  const abortDir = join(root, 'work-abort');
  const pending = runRenderPipeline(
    plan([{ character: avatar, voice: { type: 'silence', durationSec: 20 }, background: { type: 'color', color: '#000' } }], { width: 640, height: 480 }),
    join(root, 'aborted'),
    options({ workDir: abortDir, signal: controller.signal, onProgress: (p) => { if (p.stage === 'encoding') controller.abort(); } }),
    deps(),
  );
  await assert.rejects(pending, (e: any) => e.name === 'AbortError');
  assert.ok(!existsSync(abortDir));
});

test('URL media go through the fetcher; ProRes 4444 .mov keeps alpha', async () => {
  const source = join(root, 'remote.png');
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=s=64x48:r=1:d=1', '-frames:v', '1', source]);
  const fetched: string[] = [];
  const fetcher = {
    async fetchToFile(url: string, dest: string) {
      fetched.push(url);
      if (url.includes('missing')) throw Object.assign(new Error(`Failed to download ${url}`), { kind: 'download_failed' });
      await writeFile(dest, await readFile(source));
    },
  };
  const image = await runRenderPipeline(
    plan([{ character: null, voice: { type: 'silence', durationSec: 0.2 }, background: { type: 'image', source: { url: 'https://example.com/bg.png?x=1' }, fit: 'contain' } }]),
    join(root, 'url'), options({ fetcher }), deps(),
  );
  assert.deepEqual(fetched, ['https://example.com/bg.png?x=1']);
  assert.ok(existsSync(image.video));
  await assert.rejects(
    runRenderPipeline(plan([{ character: null, voice: { type: 'silence', durationSec: 0.2 }, background: { type: 'image', source: { url: 'https://example.com/missing.png' }, fit: 'cover' } }]), join(root, 'url2'), options({ fetcher }), deps()),
    (e: any) => e.kind === 'download_failed',
  );
  const mov = await runRenderPipeline(
    plan([{ character: { ...avatar, scale: 0.5 }, voice: { type: 'silence', durationSec: 0.3 }, background: { type: 'transparent' } }], { format: 'mov' }),
    join(root, 'mov'), options(), deps(),
  );
  assert.ok(mov.video.endsWith('.mov'));
  const probe = await ffprobeJson(mov.video);
  const video = probe.streams.find((s: any) => s.codec_type === 'video');
  assert.equal(video.codec_name, 'prores');
  assert.match(video.pix_fmt, /^yuva444p1[02]le$/, 'ProRes 4444 with an alpha plane');
});
