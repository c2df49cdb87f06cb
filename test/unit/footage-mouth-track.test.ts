// The footage re-sync's pure parts: shapes from loudness, meshes between tracked frames, the region the
// warp may touch, and the ffmpeg argv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildFrameDecodeArgs, buildFrameEncodeArgs, buildSamplesArgs } from '../../src/render/footage/footage-resync-args.js';
import { frameLoudness, interpolateMesh, visemesFromLoudness, workRegion } from '../../src/render/footage/mouth-track.js';

test('quiet frames close the mouth, loud ones open it wider; one-frame flickers are smoothed', () => {
  assert.deepEqual(visemesFromLoudness([0, 0, 900, 1000, 1000, 400, 0, 0, 1000, 0, 0]), ['X', 'X', 'D', 'D', 'D', 'C', 'X', 'X', 'X', 'X', 'X']);
  assert.deepEqual(visemesFromLoudness([0, 200, 200, 0]), ['X', 'D', 'D', 'X'], 'scaled by the loud end of the track');
  const samples = new Int16Array(16000).fill(1000);
  samples.fill(0, 8000);
  assert.deepEqual(frameLoudness(samples, 16000, 2, 3), [1000, 0, 0]);
});

test('meshes are interpolated only between two tracked faces', () => {
  const a = [{ x: 0, y: 0 }, { x: 10, y: 10 }];
  const b = [{ x: 10, y: 20 }, { x: 20, y: 30 }];
  assert.deepEqual(interpolateMesh(a, b, 0.5), [{ x: 5, y: 10 }, { x: 15, y: 20 }]);
  assert.equal(interpolateMesh(a, null, 0.5), null);
  assert.equal(interpolateMesh(null, b, 0.3), null);
});

test('the work region grows past the face (the warp’s ring) and stays in the frame', () => {
  assert.deepEqual(workRegion([{ x: 100, y: 100 }, { x: 200, y: 220 }], 640, 360), { x: 50, y: 40, width: 200, height: 300 });
  assert.deepEqual(workRegion([{ x: 10, y: 300 }, { x: 100, y: 350 }], 640, 360), { x: 0, y: 275, width: 145, height: 85 });
});

test('argv: RGBA frames out and in, the translated sound copied', () => {
  assert.deepEqual(buildFrameDecodeArgs('in.mp4'), ['-v', 'error', '-i', 'in.mp4', '-map', '0:v:0', '-vsync', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1']);
  assert.deepEqual(buildSamplesArgs('dub.wav'), ['-v', 'error', '-i', 'dub.wav', '-vn', '-ac', '1', '-ar', '16000', '-f', 's16le', 'pipe:1']);
  const enc = buildFrameEncodeArgs({ width: 640, height: 360, fps: 25, audioFrom: 'mix.mp4', outPath: 'out.mp4' });
  assert.deepEqual(enc.slice(enc.indexOf('-f'), enc.indexOf('-f') + 10), ['-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', '640x360', '-r', '25', '-i', 'pipe:0']);
  assert.ok(enc.includes('1:a:0?') && enc[enc.indexOf('-c:a') + 1] === 'copy' && enc.at(-1) === 'out.mp4');
});
