// Template sound through real renders (issue #12), checked by ear's proxy: the output's audio is decoded
// and the music's band (a bandpass around its tone) is measured while the character speaks and in the
// pauses; the voices' band is compared with the same plan rendered without music. Scene lengths are
// read back with ffprobe. Figures are printed for the record.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import { OratorError } from '../../src/domain/errors.js';
import type { RenderPlan, ScenePlan, TimedLayerPlan } from '../../src/domain/render-plan.js';
import { runRenderPipeline } from '../../src/render/render-video.js';
import { fakeRenderDeps } from '../support/fake-render-deps.js';
import { ffprobeJson } from '../support/render-probes.js';

const run = promisify(execFile);
let root = '';
let music = '';
let beeps = '';
const RATE = 8000;
const avatar = { type: 'avatar', avatarId: 'fake_avatar', style: 'normal', scale: 1, offset: { x: 0, y: 0 }, matting: false } as const;
const noFetch = { fetchToFile: async () => { throw new Error('no fetches here'); } };

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'orator-audio-layers-'));
  // Music: a 3 kHz tone at 0.8, 1.7 s long, so filling a 5 s scene needs it looped.
  music = join(root, 'music.wav');
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'aevalsrc=0.8*sin(2*PI*3000*t):s=48000:d=1.7', music]);
  // A clip whose sound beeps at 1 kHz for the first half of every second (so loops and trims can be heard).
  beeps = join(root, 'beeps.mp4');
  await run('ffmpeg', [
    '-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc=s=160x90:r=25:d=3', '-f', 'lavfi', '-i', 'sine=f=1000:d=3:r=48000',
    '-af', "volume='lt(mod(t,1),0.5)':eval=frame", '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', beeps,
  ]);
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

const plan = (scenes: ScenePlan[]): RenderPlan => ({ width: 320, height: 180, fps: 25, seed: 5, format: 'mp4', burnCaptions: false, scenes });
const render = (p: RenderPlan, name: string) =>
  runRenderPipeline(p, join(root, name), { fetcher: noFetch, cacheDir: join(root, 'cache') }, fakeRenderDeps(join(root, 'rigs')))
    .catch((e: unknown) => assert.fail(e instanceof OratorError ? `${e.message}: ${e.detail ?? ''}` : String(e)));

/** The video's sound through `filter`, as mono float samples at 8 kHz. */
async function decodedSound(video: string, filter: string): Promise<Float32Array> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', video, '-vn', '-af', `${filter},aresample=${RATE}`, '-ac', '1', '-f', 'f32le', '-'], { encoding: 'buffer', maxBuffer: 1 << 26 });
  return new Float32Array(stdout.buffer, stdout.byteOffset, stdout.length / 4);
}

function rms(samples: Float32Array, fromSec: number, toSec: number): number {
  const a = Math.round(fromSec * RATE);
  const b = Math.round(toSec * RATE);
  let sum = 0;
  for (let i = a; i < b; i++) sum += samples[i]! ** 2;
  return Math.sqrt(sum / Math.max(1, b - a));
}

const musicBand = 'bandpass=f=3000:width_type=q:w=10,bandpass=f=3000:width_type=q:w=10';
const voiceBand = 'lowpass=f=1500,lowpass=f=1500';

test('music loops under a spoken scene, ducked by the asked factor while the character speaks; the voice keeps its level', async () => {
  const spoken: ScenePlan = {
    character: avatar, voice: { type: 'text', voiceId: 'fake_voice', text: 'Hello there, welcome to the tour of our product.', speed: 1, pitch: 0 },
    background: { type: 'color', color: '#dde4ee' }, length: { type: 'at_least', seconds: 5 },
  };
  const withMusic = await render(plan([{ ...spoken, audioLayers: [{ source: { path: music }, volume: 0.5, ducking: 0.2, start: 0 }] }]), 'music');
  const without = await render(plan([spoken]), 'no-music');
  const duration = Number((await ffprobeJson(withMusic.video)).format.duration);
  console.log(`# at_least 5 s scene: ffprobe ${duration.toFixed(3)} s, result ${withMusic.durationSec} s; speech ${withMusic.words[0]!.start}–${withMusic.words.at(-1)!.end} s`);
  assert.equal(withMusic.durationSec, 5);
  assert.ok(Math.abs(duration - 5) <= 0.05, `duration ${duration}`);
  const speechFrom = withMusic.words[0]!.start + 0.2;
  const speechTo = withMusic.words.at(-1)!.end - 0.2;
  const pauseFrom = withMusic.words.at(-1)!.end + 0.4;
  assert.ok(speechTo - speechFrom > 1 && 4.9 - pauseFrom > 1, 'a second of speech and of pause to measure');

  const bandMix = await decodedSound(withMusic.video, musicBand);
  const bandVoice = await decodedSound(without.video, musicBand);
  const speaking = rms(bandMix, speechFrom, speechTo);
  const pause = rms(bandMix, pauseFrom, 4.9);
  const leak = rms(bandVoice, speechFrom, speechTo);
  const ratio = speaking / pause;
  // The voice's own energy near 3 kHz, taken out by power (the two are unrelated signals).
  const musicOnlyRatio = Math.sqrt(Math.max(0, speaking ** 2 - leak ** 2)) / pause;
  console.log(`# music band (3 kHz) rms: speaking ${speaking.toFixed(4)}, pause ${pause.toFixed(4)}, ratio ${ratio.toFixed(3)} (asked 0.2; ${musicOnlyRatio.toFixed(3)} without the voice's own ${leak.toFixed(4)} in that band)`);
  // A 0.8 sine at volume 0.5 is 0.283 rms: the pause hears the music at its volume, looped past its 1.7 s.
  assert.ok(Math.abs(pause - 0.283) < 0.02, `pause level ${pause}`);
  assert.ok(Math.abs(musicOnlyRatio - 0.2) < 0.02, `ducking ratio ${musicOnlyRatio}`);
  assert.ok(leak < speaking / 5, `the voice alone is ${leak} in the music band`);
  // Looped: heard right after the end of its first 1.7 s, and to the scene's end.
  for (const at of [1.75, 4.5]) assert.ok(rms(bandMix, at, at + 0.2) > 0.04, `music at ${at} s: ${rms(bandMix, at, at + 0.2)}`);

  const lowMix = await decodedSound(withMusic.video, voiceBand);
  const lowVoice = await decodedSound(without.video, voiceBand);
  const voiceRatio = rms(lowMix, speechFrom, speechTo) / rms(lowVoice, speechFrom, speechTo);
  console.log(`# voice band (<1.5 kHz) rms with music / without: ${voiceRatio.toFixed(3)}`);
  assert.ok(Math.abs(voiceRatio - 1) < 0.05, `voice level ratio ${voiceRatio}`);
  // The lip-sync figures compare the mouth with the voices, not with the music under them.
  console.log(`# lip-sync envelope correlation with music ${withMusic.quality.envelopeCorrelation.toFixed(3)}, without ${without.quality.envelopeCorrelation.toFixed(3)}`);
  assert.ok(Math.abs(withMusic.quality.envelopeCorrelation - without.quality.envelopeCorrelation) < 0.05, 'music leaves the lip-sync figure as it was');
});

const clipLayer = (over: Partial<TimedLayerPlan>, content: { muted?: boolean; loop?: boolean; trim?: { start: number; end?: number } } = {}): TimedLayerPlan => ({
  content: { type: 'video', box: { x: 0.5, y: 0.1, width: 0.4, height: 0.4 }, source: { path: beeps }, fit: 'cover', muted: false, loop: false, trim: { start: 0 }, ...content },
  start: 0, entrance: 'none', exit: 'none', overCharacter: true, ...over,
});

test("video layers' own sound: trimmed, placed at the layer's span, looped like the picture, muted when asked; video_layer and at_least lengths", async () => {
  const silentScene = (seconds: number): ScenePlan => ({ character: null, voice: { type: 'silence', durationSec: seconds }, background: { type: 'color', color: '#ffffff' } });
  const p = plan([
    // The clip from 0.5 s of its source, coming in at 1 s: the scene lasts 1 + 2.5 s.
    { ...silentScene(0.1), timedLayers: [clipLayer({ start: 1 }, { trim: { start: 0.5 } })], length: { type: 'video_layer', layer: 0 } },
    // Its first second looped from 0.5 s to 2.5 s, over a muted copy playing the whole scene.
    {
      ...silentScene(1), character: avatar, length: { type: 'at_least', seconds: 3 },
      timedLayers: [clipLayer({}, { muted: true }), clipLayer({ start: 0.5, end: 2.5 }, { loop: true, trim: { start: 0, end: 1 } })],
    },
    // A voice longer than its rule's clip (0.4 s) sets the scene's length.
    {
      character: avatar, voice: { type: 'text', voiceId: 'fake_voice', text: 'Hello there, welcome to the tour.', speed: 1, pitch: 0 },
      background: { type: 'color', color: '#ffffff' }, timedLayers: [clipLayer({}, { muted: true, trim: { start: 0, end: 0.4 } })], length: { type: 'video_layer', layer: 0 },
    },
  ]);
  const result = await render(p, 'clips');
  const duration = Number((await ffprobeJson(result.video)).format.duration);
  const third = result.durationSec - 6.5;
  console.log(`# scenes: video_layer 3.5 s + at_least 3 s + voice ${third.toFixed(2)} s (clip 0.4 s); ffprobe ${duration.toFixed(3)} s, result ${result.durationSec} s`);
  assert.ok(Math.abs(duration - result.durationSec) <= 0.05, `${duration} vs ${result.durationSec}`);
  assert.ok(third > 1 && Math.abs(third - result.words.at(-1)!.end + 6.5) < 0.5, `third scene ${third} s, words to ${result.words.at(-1)!.end}`);

  const band = await decodedSound(result.video, 'bandpass=f=1000:width_type=q:w=10,bandpass=f=1000:width_type=q:w=10');
  // Beeps on the video's timeline: source [1, 1.5) and [2, 2.5) shifted by +0.5 s in scene 0; the first
  // half second of the looped cut at 0.5 s and 1.5 s of scene 1 (which starts at 3.5 s).
  const on = [[1.5, 2], [2.5, 3], [4, 4.5], [5, 5.5]] as const;
  // (The third scene's voice has its own energy near 1 kHz: it is not measured.)
  const off = [[0, 1], [1.05, 1.5], [2, 2.5], [3, 4], [4.5, 5], [5.5, 6.5]] as const;
  const level = ([a, b]: readonly [number, number]): number => rms(band, a + 0.08, b - 0.08);
  console.log(`# clip tone (1 kHz) rms where it plays: ${on.map((w) => level(w).toFixed(4)).join(', ')}; elsewhere: ${off.map((w) => level(w).toFixed(4)).join(', ')}`);
  for (const w of on) assert.ok(level(w) > 0.05, `tone in ${w}: ${level(w)}`);
  for (const w of off) assert.ok(level(w) < 0.01, `silence in ${w}: ${level(w)}`);
});

test('layer failures name the layer', async () => {
  const picture = join(root, 'still.png');
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=red:s=16x16', '-frames:v', '1', picture]);
  const scene: ScenePlan = { character: null, voice: { type: 'silence', durationSec: 0.4 }, background: { type: 'color', color: '#ffffff' } };
  const cases: [ScenePlan[], string, RegExp][] = [
    [[{ ...scene, length: { type: 'video_layer', layer: 2 } }], 'scenes[0].length.layer', /must name a video layer of timedLayers \(2 is not one\)/],
    [[scene, { ...scene, audioLayers: [{ source: { path: picture }, volume: 1, start: 0 }] }], 'scenes[1].audio_layers[0]', /still\.png has no audio stream/],
    [[{ ...scene, audioLayers: [{ source: { path: join(root, 'gone.mp3') }, volume: 1, start: 0 }] }], 'scenes[0].audio_layers[0]', /Media file gone\.mp3 not found/],
    [[{ ...scene, timedLayers: [clipLayer({}, { trim: { start: 5 } })], length: { type: 'video_layer', layer: 0 } }], 'scenes[0].timed_layers[0]', /trim from 5 s leaves nothing of beeps\.mp4, which lasts 3/],
  ];
  for (const [scenes, param, message] of cases) {
    await assert.rejects(
      runRenderPipeline(plan(scenes), join(root, 'failing'), { fetcher: noFetch, cacheDir: join(root, 'cache') }, fakeRenderDeps(join(root, 'rigs'))),
      (e: unknown) => e instanceof OratorError && e.param === param && message.test(e.message) && !e.message.includes(root) ? true : assert.fail(`${param}: ${String(e)}`),
    );
  }
});
