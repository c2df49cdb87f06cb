// Photo avatars: face landmarks on the stock portraits, the 18-still rig built from them (mouth
// shapes the tracker reads, a mouth inside that is shaded rather than a flat blob, no seam where the
// warp ends, presenter framing with a bleed margin), and the error a photo without a face gives.
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
import { ringAround } from '../../src/render/avatars/photo/face-ring.js';
import { bleedFor } from '../../src/render/avatars/photo/photo-framing.js';
import { ASTRONAUT_PHOTO, GRACE_HOPPER_PHOTO, STOCK_PHOTOS } from '../../src/render/avatars/photo/stock-photos.js';
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

  for (const photo of STOCK_PHOTOS) {
    it(`${photo.talking_photo_id}: the tracker reads closed lips at rest and on M/B/P, and wide open on AA`, async () => {
      const rig = await buildPhotoRig({ imagePath: photo.path, style: 'normal', height: 360, cacheDir: dir, frame: { width: 640, height: 360 } });
      const o = rig.trackedOpenings!;
      // The tracker reads a smile's closed lips a little open (~0.1 of the eye distance); open shapes must stand clear of it.
      assert.ok(o.D > Math.max(o.X, o.A) + 0.15, JSON.stringify(o));
      assert.ok(o.C > Math.max(o.X, o.A) + 0.06, JSON.stringify(o));
      assert.ok(o.A <= o.X + 0.02 && o.B > o.A, JSON.stringify(o));
    });
  }

  it('paints the inside of an open mouth in dark, shaded lip colours, not a flat black blob', async () => {
    const rig = await buildPhotoRig({ imagePath: GRACE_HOPPER_PHOTO, style: 'normal', height: 720, cacheDir: dir, frame: { width: 1280, height: 720 } });
    const still = await sharp(rig.stills.D.eyesOpen).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const face = await detectFaceLandmarks(rig.stills.D.eyesOpen);
    // The middle of the opening (between the tracker's inner lips, away from teeth and tongue edges).
    const up = face.mesh[13]!;
    const low = face.mesh[14]!;
    const px: number[][] = [];
    for (let t = 0.35; t <= 0.65; t += 0.05) {
      for (let dx = -6; dx <= 6; dx += 2) {
        const x = Math.round(up.x + (low.x - up.x) * t + dx);
        const y = Math.round(up.y + (low.y - up.y) * t);
        const i = (y * still.info.width + x) * 3;
        px.push([still.data[i]!, still.data[i + 1]!, still.data[i + 2]!]);
      }
    }
    const mean = [0, 1, 2].map((c) => px.reduce((s, p) => s + p[c]!, 0) / px.length);
    const luma = px.map((p) => 0.299 * p[0]! + 0.587 * p[1]! + 0.114 * p[2]!);
    const lumaMean = luma.reduce((a, b) => a + b, 0) / luma.length;
    const spreadL = Math.max(...luma) - Math.min(...luma);
    assert.ok(lumaMean > 12 && lumaMean < 110, `inside luma ${lumaMean.toFixed(1)}`);
    assert.ok(mean[0]! > mean[2]! * 1.25, `inside colour ${mean.map((v) => v.toFixed(0))} (reddish, from the lips)`);
    assert.ok(spreadL > 4, `inside shading spread ${spreadL.toFixed(1)}`);
  });

  it('leaves no seam where the warp ends: along the fixed ring the widest mouth matches the rest pose', async () => {
    const rig = await buildPhotoRig({ imagePath: ASTRONAUT_PHOTO, style: 'normal', height: 360, cacheDir: dir, frame: { width: 640, height: 360 } });
    const [x, d] = await Promise.all([rig.stills.X.eyesOpen, rig.stills.D.eyesOpen].map((p) => sharp(p).removeAlpha().greyscale().raw().toBuffer({ resolveWithObject: true })));
    const face = await detectFaceLandmarks(rig.stills.X.eyesOpen);
    const ring = ringAround(face.mesh).points.slice(face.mesh.length);
    const w = x!.info.width;
    const grad = (img: Buffer, px: number, py: number): number => Math.abs(img[py * w + px + 1]! - img[py * w + px - 1]!) + Math.abs(img[(py + 1) * w + px]! - img[(py - 1) * w + px]!);
    let diff = 0;
    let gradX = 0;
    let gradD = 0;
    let n = 0;
    for (let k = 0; k < ring.length; k++) {
      const a = ring[k]!;
      const b = ring[(k + 1) % ring.length]!;
      for (let t = 0; t < 1; t += 0.25) {
        const px = Math.round(a.x + (b.x - a.x) * t);
        const py = Math.round(a.y + (b.y - a.y) * t);
        if (px < 2 || py < 2 || px >= w - 2 || py >= x!.info.height - 2) continue;
        diff += Math.abs(x!.data[py * w + px]! - d!.data[py * w + px]!);
        gradX += grad(x!.data, px, py);
        gradD += grad(d!.data, px, py);
        n++;
      }
    }
    assert.ok(n > 50);
    assert.ok(diff / n < 3, `mean change on the ring ${(diff / n).toFixed(2)}`);
    assert.ok(gradD / gradX < 1.15, `edge strength on the ring: open ${(gradD / n).toFixed(1)} vs rest ${(gradX / n).toFixed(1)}`);
  });

  it('frames a presenter at the video aspect, with a bleed margin when the photo fills the frame', async () => {
    for (const [w, h] of [[640, 360], [360, 640], [400, 400]] as const) {
      const rig = await buildPhotoRig({ imagePath: GRACE_HOPPER_PHOTO, style: 'normal', height: h, cacheDir: dir, frame: { width: w, height: h } });
      const bleed = bleedFor(h);
      assert.equal(rig.height, h + 2 * bleed);
      assert.equal(rig.width, w + 2 * bleed);
      const face = rig.headBox;
      assert.ok(face.height > h * 0.25 && face.height < h * 0.5, `${w}x${h}: face ${JSON.stringify(face)}`);
      const eyesAt = (face.y + face.height * 0.4 - bleed) / h;
      assert.ok(eyesAt > 0.25 && eyesAt < 0.55, `${w}x${h}: eyes at ${eyesAt.toFixed(2)} of the height`);
      assert.ok(Math.abs(face.x + face.width / 2 - rig.width / 2) < w * 0.12, `${w}x${h}: face centred`);
    }
  });
});
