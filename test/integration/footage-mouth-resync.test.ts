// Mouth re-sync of footage Orator did not make, measured on the output like a viewer: a video of a
// face (a portrait held still, a second of test pattern before it) is given new speech; the face
// tracker reads the output's inner-lip gap on every frame, which must follow the new speech's loudness
// (r >= 0.4), while pixels outside the face's region stay within a small bound of the source frames and
// the frames without a face pass through untouched.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GRACE_HOPPER_PHOTO } from '../../src/render/avatars/photo/stock-photos.js';
import { resyncFootageMouth } from '../../src/render/footage/resync-footage-mouth.js';
import { correlation, differenceOutsideFace, lipGaps, loudnessPerFrame, rgbFrames } from '../support/footage-mouth-probes.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-footage-mouth-'));
const file = (name: string) => path.join(dir, name);
const W = 640;
const H = 360;

before(() => {
  const ffmpeg = (...args: string[]) => execFileSync('ffmpeg', ['-v', 'error', '-y', ...args]);
  execFileSync('flite', ['-voice', 'slt', '-t', 'Please close the door behind you. Thank you very much, and good night.', '-o', file('speech.wav')]);
  // The new speech starts after the first (faceless) second: 1 s pattern, then the portrait for 4.5 s.
  ffmpeg('-i', file('speech.wav'), '-af', 'adelay=1000,apad', '-t', '5.5', '-ar', '16000', file('new.wav'));
  ffmpeg(
    '-f', 'lavfi', '-i', `testsrc2=s=${W}x${H}:r=25:d=1`,
    '-loop', '1', '-t', '4.5', '-r', '25', '-i', GRACE_HOPPER_PHOTO,
    '-f', 'lavfi', '-t', '5.5', '-i', 'anullsrc=r=48000:cl=mono',
    '-filter_complex', `[1:v]scale=-2:${H},pad=${W}:${H}:(ow-iw)/2:0,setsar=1,fps=25[p];[0:v]setsar=1[t];[t][p]concat=n=2:v=1[v]`,
    '-map', '[v]', '-map', '2:a', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '12', '-pix_fmt', 'yuv420p', '-c:a', 'aac', file('source.mp4'),
  );
  ffmpeg('-i', file('source.mp4'), '-i', file('new.wav'), '-map', '0:v', '-map', '1:a', '-c:v', 'copy', '-c:a', 'aac', file('remuxed.mp4'));
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the mouth follows the new speech; the rest of the picture and the faceless frames stay as they were', async () => {
  const report = await resyncFootageMouth({ videoPath: file('source.mp4'), soundPath: file('new.wav'), audioFrom: file('remuxed.mp4'), outPath: file('out.mp4'), detectEvery: 3 });
  assert.equal(report.frames, 138);
  assert.ok(report.redrawn >= 105 && report.redrawn < 138, JSON.stringify(report));
  assert.ok(report.facesFound < report.detections, 'the test-pattern second has no face');

  const out = rgbFrames(file('out.mp4'), W, H);
  const src = rgbFrames(file('source.mp4'), W, H);
  assert.equal(out.length, src.length);
  const outFaces = await lipGaps(out, W, H);
  const srcFaces = await lipGaps(src, W, H);
  const loud = loudnessPerFrame(file('new.wav'));
  const withFace = outFaces.map((f, i) => [f.gap, loud[i] ?? 0] as const).filter(([g]) => g !== null) as [number, number][];
  assert.ok(withFace.length >= 100, `face read on ${withFace.length} frames`);
  const r = correlation(withFace.map(([g]) => g), withFace.map(([, l]) => l));
  assert.ok(r >= 0.4, `inner-lip gap vs loudness r = ${r.toFixed(3)}`);
  const srcGaps = srcFaces.filter((f) => f.gap !== null).map((f) => f.gap!);
  assert.ok(Math.max(...srcGaps) - Math.min(...srcGaps) < 0.02, 'the source mouth did not move');

  for (const [i, s] of src.entries()) {
    const d = differenceOutsideFace(out[i]!, s, W, H, srcFaces[i]!.mesh);
    // Re-encoding (crf 18 over a crf 12 source) moves pixels a little; the re-draw does not reach here.
    assert.ok(d.mean < 1.5, `frame ${i}: mean difference outside the face ${d.mean.toFixed(2)}`);
  }
  console.log(`# footage mouth re-sync: r = ${r.toFixed(3)}, ${JSON.stringify(report)}`);
});
