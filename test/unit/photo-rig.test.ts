// Photo avatars: face landmarks on the stock portrait, the 18-still rig built from them, and the
// error a photo without a face gives.
import assert from 'node:assert/strict';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { isOratorError } from '../../src/domain/errors.js';
import { buildPhotoRig } from '../../src/render/avatars/photo/build-photo-rig.js';
import { detectFaceLandmarks } from '../../src/render/avatars/photo/detect-face-landmarks.js';
import { CHIN, EYES, LOWER_LIP_MIDDLE, UPPER_LIP_MIDDLE } from '../../src/render/avatars/photo/face-mesh-regions.js';
import { closeEyes, MOUTH_SHAPES, shapeMouth } from '../../src/render/avatars/photo/mouth-shapes.js';
import { ASTRONAUT_PHOTO } from '../../src/render/avatars/photo/stock-photos.js';
import { assertRigStills } from '../support/assert-rig-stills.js';

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'orator-photo-rig-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('detectFaceLandmarks', () => {
  it('finds the 468-point mesh on the astronaut portrait, mouth below the eyes and above the chin', async () => {
    const started = performance.now();
    const face = await detectFaceLandmarks(ASTRONAUT_PHOTO);
    const ms = performance.now() - started;
    assert.equal(face.mesh.length, 468);
    assert.equal(face.width, 512);
    assert.ok(face.box.width > 80 && face.box.width < 300, `face box ${JSON.stringify(face.box)}`);
    const eyeY = face.mesh[EYES[0].upper[3]]!.y;
    const mouthY = face.mesh[UPPER_LIP_MIDDLE]!.y;
    assert.ok(eyeY < mouthY && mouthY < face.mesh[CHIN]!.y, 'eyes, mouth and chin in order');
    for (const p of face.mesh) assert.ok(p.x >= face.box.x - 20 && p.x <= face.box.x + face.box.width + 20);
    assert.ok(ms < 20_000, `took ${ms} ms`);
  });

  it('rejects a picture without a face with invalid_parameter and a clear message', async () => {
    const blank = join(dir, 'blank.png');
    await sharp({ create: { width: 256, height: 256, channels: 3, background: '#7a8fa6' } }).png().toFile(blank);
    await assert.rejects(detectFaceLandmarks(blank, { param: 'image.url' }), (error: unknown) => {
      assert.ok(isOratorError(error));
      assert.equal(error.kind, 'invalid_parameter');
      assert.equal(error.message, 'No face found in the image');
      assert.equal(error.param, 'image.url');
      return true;
    });
  });
});

describe('mouth shapes', () => {
  it('opens the lips for D, closes them for A and keeps the eyes still', async () => {
    const face = await detectFaceLandmarks(ASTRONAUT_PHOTO);
    const gap = (m: { y: number }[]): number => m[LOWER_LIP_MIDDLE]!.y - m[UPPER_LIP_MIDDLE]!.y;
    const a = shapeMouth(face.mesh, MOUTH_SHAPES.A);
    const d = shapeMouth(face.mesh, MOUTH_SHAPES.D);
    assert.ok(gap(a) < 1, `A gap ${gap(a)}`);
    assert.ok(gap(d) > gap(face.mesh) + 5, `D gap ${gap(d)}`);
    assert.deepEqual(d[EYES[0].upper[3]], face.mesh[EYES[0].upper[3]]);
    const closed = closeEyes(face.mesh);
    const lid = (m: { y: number }[]): number => m[EYES[0].lower[3]]!.y - m[EYES[0].upper[3]]!.y;
    assert.ok(lid(closed) < lid(face.mesh) * 0.2);
  });
});

describe('buildPhotoRig', () => {
  for (const style of ['normal', 'closeUp', 'circle'] as const) {
    it(`builds 18 stills for ${style} whose mouth region differs between A and D`, async () => {
      const rig = await buildPhotoRig({ imagePath: ASTRONAUT_PHOTO, style, height: 256, cacheDir: dir });
      assert.equal(rig.height, 256);
      assert.equal(rig.style, style);
      await assertRigStills(rig);
      const box = rig.mouthBox;
      assert.ok(box.width > 4 && box.height > 4 && box.x + box.width <= rig.width && box.y + box.height <= rig.height);
      const crop = (path: string): Promise<Buffer> => sharp(path).extract({ left: box.x, top: box.y, width: box.width, height: box.height }).raw().toBuffer();
      const [a, d] = await Promise.all([crop(rig.stills.A.eyesOpen), crop(rig.stills.D.eyesOpen)]);
      let diff = 0;
      for (let i = 0; i < a.length; i++) diff += Math.abs(a[i]! - d[i]!);
      assert.ok(diff / a.length > 5, `mean mouth difference ${diff / a.length}`);
      const head = rig.headBox;
      assert.ok(head.y < box.y && head.y + head.height >= box.y + box.height, 'mouth inside the head box');
      // Photo stills are opaque except outside the circle.
      const corner = await sharp(rig.stills.X.eyesOpen).extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer();
      assert.equal(corner[3], style === 'circle' ? 0 : 255);
    });
  }

  it('reuses the cached rig for the same image, style and height', async () => {
    const first = await buildPhotoRig({ imagePath: ASTRONAUT_PHOTO, style: 'closeUp', height: 256, cacheDir: dir });
    const before = (await stat(first.stills.A.eyesOpen)).mtimeMs;
    const started = performance.now();
    const second = await buildPhotoRig({ imagePath: ASTRONAUT_PHOTO, style: 'closeUp', height: 256, cacheDir: dir });
    assert.ok(performance.now() - started < 1000);
    assert.deepEqual(second, first);
    assert.equal((await stat(second.stills.A.eyesOpen)).mtimeMs, before);
  });
});
