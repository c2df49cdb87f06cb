import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildBlinkSchedule, eyesClosedMask } from '../../src/render/motion/blink-schedule.js';
import { buildFfconcat, quoteConcatPath } from '../../src/render/compose/ffconcat.js';
import { buildStillRuns, exactConcatEntries, stillRunsToConcatEntries } from '../../src/render/stills/still-sequence.js';
import { buildCropCommands } from '../../src/render/compose/crop-commands.js';
import { drawRgbBlock, flatY4m } from '../../src/render/stills/y4m-still.js';
import { scaleVisemesByLoudness } from '../../src/render/visemes/loudness-visemes.js';
import type { Viseme } from '../../src/render/visemes/viseme.js';

test('blinks come every 2.5–6 s, last 3–4 frames at 25 fps, and repeat for the same seed', () => {
  const fps = 25;
  const totalFrames = 60 * fps;
  const blinks = buildBlinkSchedule({ totalFrames, fps, seed: 42 });
  assert.deepEqual(blinks, buildBlinkSchedule({ totalFrames, fps, seed: 42 }));
  assert.notDeepEqual(blinks, buildBlinkSchedule({ totalFrames, fps, seed: 43 }));
  assert.ok(blinks.length >= 60 / 6.2 && blinks.length <= 60 / 2.5 + 1, `${blinks.length} blinks`);
  assert.ok(blinks[0]!.startFrame < 2.5 * fps, 'the first blink comes early enough for short clips');
  for (const b of blinks) assert.ok(b.frames === 3 || b.frames === 4);
  for (let i = 1; i < blinks.length; i++) {
    const gap = (blinks[i]!.startFrame - blinks[i - 1]!.startFrame - blinks[i - 1]!.frames) / fps;
    assert.ok(gap >= 2.45 && gap <= 6.05, `gap ${gap}`);
  }
  const mask = eyesClosedMask(blinks, totalFrames);
  assert.equal(mask.filter(Boolean).length, blinks.reduce((s, b) => s + b.frames, 0));
});

test('only state changes become concat entries, changes land a quarter frame early', () => {
  const visemes: Viseme[] = ['X', 'X', 'B', 'B', 'B', 'D', 'D', 'X'];
  const closed = [false, false, false, true, true, false, false, false];
  const runs = buildStillRuns(visemes, closed);
  assert.deepEqual(runs, [
    { viseme: 'X', eyesClosed: false, frames: 2 },
    { viseme: 'B', eyesClosed: false, frames: 1 },
    { viseme: 'B', eyesClosed: true, frames: 2 },
    { viseme: 'D', eyesClosed: false, frames: 2 },
    { viseme: 'X', eyesClosed: false, frames: 1 },
  ]);
  const entries = stillRunsToConcatEntries(runs, 25, (r) => `/s/${r.viseme}-${r.eyesClosed ? 'c' : 'o'}.pam`);
  assert.deepEqual(entries.map((e) => e.durationSec), [0.07, 0.04, 0.08, 0.08, 0.05]);
  assert.equal(entries.reduce((s, e) => s + e.durationSec, 0).toFixed(6), (8 / 25).toFixed(6));
  const text = buildFfconcat(entries);
  assert.equal(
    text,
    [
      'ffconcat version 1.0',
      "file '/s/X-o.pam'", 'duration 0.070000',
      "file '/s/B-o.pam'", 'duration 0.040000',
      "file '/s/B-c.pam'", 'duration 0.080000',
      "file '/s/D-o.pam'", 'duration 0.080000',
      "file '/s/X-o.pam'", 'duration 0.050000',
      "file '/s/X-o.pam'",
      '',
    ].join('\n'),
  );
  // At the render's rate, not an image's default 25: the list's time base is its first file's.
  assert.equal(
    buildFfconcat(entries.slice(0, 1), 30),
    ['ffconcat version 1.0', "file '/s/X-o.pam'", 'option framerate 30', 'duration 0.070000', "file '/s/X-o.pam'", 'option framerate 30', ''].join('\n'),
  );
  assert.equal(quoteConcatPath("/a/it's.pam"), "'/a/it'\\''s.pam'");
});

test('variable frame rate: entries start exactly on their frames, crop commands half a frame early', () => {
  const runs = [{ frames: 1 }, { frames: 3 }, { frames: 2 }];
  const at30 = exactConcatEntries(runs, 30, () => '/s.y4m');
  assert.deepEqual(at30.map((e) => e.durationSec), [0.033333, 0.1, 0.066667]);
  let micros = 0;
  const starts = at30.map((e) => ((micros += Math.round(e.durationSec * 1e6)), micros));
  assert.deepEqual(starts, [33333, 133333, 200000], 'cumulative starts are the rounded frame times, with no drift');
  assert.equal(
    buildCropCommands([{ startFrame: 0, x: 4, y: 4 }, { startFrame: 3, x: 6, y: 4 }, { startFrame: 10, x: 6, y: 2 }], 25),
    '0.100000 crop@motion x 6, crop@motion y 4;\n0.380000 crop@motion x 6, crop@motion y 2;\n',
  );
});

test('loudness keeps quiet frames at rest and soft frames half open', () => {
  const opening: Record<Viseme, number> = { X: 0, A: 0, G: 0.15, B: 0.3, F: 0.35, H: 0.45, E: 0.5, C: 0.7, D: 1 };
  const out = scaleVisemesByLoudness(['D', 'D', 'D', 'X', 'A', 'C', 'C'], [1, 0.3, 0.01, 0.8, 0.9, 0.01, 0.02], (v) => opening[v]);
  assert.deepEqual(out, ['D', 'B', 'A', 'B', 'A', 'X', 'X'], 'a lone quiet frame inside speech closes the lips');
});

test('y4m stills carry one yuv420p frame in limited range', async () => {
  const white = new Uint8Array(4 * 2 * 3).fill(255);
  const y4m = rgbToY4m(white, 4, 2, 3, 25);
  const header = 'YUV4MPEG2 W4 H2 F25:1 Ip A1:1 C420jpeg\nFRAME\n';
  assert.equal(y4m.subarray(0, header.length).toString('ascii'), header);
  assert.deepEqual([...y4m.subarray(header.length)], [235, 235, 235, 235, 235, 235, 235, 235, 128, 128, 128, 128]);
});

test('a composed still converts only the avatar block, and matches converting the whole composited frame', async () => {
  const sharp = (await import('sharp')).default;
  const { backgroundCanvas, writeComposedStill } = await import('../../src/render/stills/precompose-stills.js');
  const { mkdtemp, readFile, rm } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const dir = await mkdtemp(join(tmpdir(), 'orator-still-'));
  try {
    // An opaque red square with a half-transparent edge, placed at odd coordinates and partly off the canvas.
    const png = join(dir, 'avatar.png');
    const rgba = Buffer.alloc(9 * 7 * 4);
    for (let i = 0; i < 9 * 7; i++) rgba.set([220, 30, 40, i % 9 === 0 ? 128 : 255], i * 4);
    await sharp(rgba, { raw: { width: 9, height: 7, channels: 4 } }).png().toFile(png);
    const spec = { width: 16, height: 12, padPx: 2, fps: 25 };
    const canvas = backgroundCanvas('#336699', spec);
    for (const [x, y] of [[3, 1], [-5, -4], [12, 9]] as const) {
      const out = join(dir, `still-${x}-${y}.y4m`);
      await writeComposedStill(canvas, spec, { stillPng: png, x, y, width: 9, height: 7 }, out);
      const full = await sharp({ create: { width: 20, height: 16, channels: 3, background: '#336699' } })
        .composite([{ input: await sharp(png).extract({ left: Math.max(0, -(x + 2)), top: Math.max(0, -(y + 2)), width: Math.min(9, 20 - (x + 2)) - Math.max(0, -(x + 2)), height: Math.min(7, 16 - (y + 2)) - Math.max(0, -(y + 2)) }).toBuffer(), left: Math.max(0, x + 2), top: Math.max(0, y + 2) }])
        .removeAlpha().raw().toBuffer();
      const expected = rgbToY4m(full, 20, 16, 3, 25);
      const actual = await readFile(out);
      assert.equal(actual.length, expected.length);
      let worst = 0;
      for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!));
      assert.ok(worst <= 1, `avatar at ${x},${y}: largest difference ${worst}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('idle-motion steps move onto nearby frames that change anyway, in order, and runs end on a lone frame', async () => {
  const { alignMotionToChanges, frameRuns } = await import('../../src/render/stills/frame-runs.js');
  const keys = ['a', 'a', 'a', 'a', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'b', 'c', 'c'];
  const at = (x: number) => ({ x, y: 0 });
  // Raw steps at frames 2 (→ snaps to the change at 4), 9 (nothing within 3 frames: stays) and 12 (→ 14).
  const raw = [0, 0, 2, 2, 2, 2, 2, 2, 2, 4, 4, 4, 6, 6, 6, 6].map(at);
  const aligned = alignMotionToChanges(keys, raw, 3);
  assert.deepEqual(aligned.map((p) => p.x), [0, 0, 0, 0, 2, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6]);
  const runs = frameRuns(keys, aligned);
  assert.deepEqual(runs.map((r) => [r.key, r.x, r.startFrame, r.frames]), [
    ['a', 0, 0, 4], ['b', 2, 4, 5], ['b', 4, 9, 5], ['c', 6, 14, 1], ['c', 6, 15, 1],
  ]);
  assert.equal(runs.length, 5, 'the step at 9 is the only frame the motion adds');
  // Two steps near the same change keep their order: the second lands after the first.
  const crowded = alignMotionToChanges(['a', 'a', 'b', 'b', 'b', 'b'], [0, 2, 4, 4, 4, 4].map(at), 3);
  assert.deepEqual(crowded.map((p) => p.x), [0, 0, 2, 4, 4, 4]);
});

test('the loudness envelope hears the voiced band: 1 kHz passes, 8 kHz hiss is cut', async () => {
  const { lowPass } = await import('../../src/render/visemes/loudness-visemes.js');
  const rate = 22050;
  const tone = (hz: number) => Int16Array.from({ length: rate }, (_, i) => Math.round(10000 * Math.sin((2 * Math.PI * hz * i) / rate)));
  const rms = (x: Int16Array) => Math.sqrt(x.slice(2000).reduce((s, v) => s + v * v, 0) / (x.length - 2000));
  const voiced = tone(1000);
  const hiss = tone(8000);
  assert.ok(Math.abs(rms(lowPass(voiced, rate, 4000)) / rms(voiced) - 1) < 0.05, 'a voiced tone keeps its loudness');
  assert.ok(rms(lowPass(hiss, rate, 4000)) / rms(hiss) < 0.15, 'hiss above the band mostly goes');
  assert.equal(lowPass(voiced, 8000, 4000), voiced, 'nothing to cut at 8 kHz');
});

/** A whole RGB frame as a one-frame y4m: the straightforward conversion the stills are checked against. */
function rgbToY4m(pixels: Uint8Array, width: number, height: number, channels: 3 | 4, fps: number): Buffer {
  const frame = flatY4m(width, height, [0, 0, 0], fps);
  drawRgbBlock(frame, pixels, { left: 0, top: 0, width, height }, channels);
  return frame.bytes;
}
