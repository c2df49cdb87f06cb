// Photo avatar figures: face landmark time (first call includes loading the model) and photo rig
// build time per style at a given height, on the stock astronaut portrait. Run:
//   node --import tsx bench/photo-rig.ts [height]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildPhotoRig } from '../src/render/avatars/photo/build-photo-rig.js';
import { detectFaceLandmarks } from '../src/render/avatars/photo/detect-face-landmarks.js';
import { ASTRONAUT_PHOTO } from '../src/render/avatars/photo/stock-photos.js';

const height = Number(process.argv[2] ?? 720);
const time = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const value = await run();
  return [value, performance.now() - started];
};

const [, coldMs] = await time(() => detectFaceLandmarks(ASTRONAUT_PHOTO));
const warm: number[] = [];
for (let i = 0; i < 5; i++) warm.push((await time(() => detectFaceLandmarks(ASTRONAUT_PHOTO)))[1]);
warm.sort((a, b) => a - b);
console.log(`landmarks: first ${coldMs.toFixed(0)} ms (model load), then median ${warm[2]!.toFixed(0)} ms`);

const cacheDir = await mkdtemp(join(tmpdir(), 'orator-photo-bench-'));
try {
  for (const style of ['normal', 'closeUp', 'circle'] as const) {
    const [rig, ms] = await time(() => buildPhotoRig({ imagePath: ASTRONAUT_PHOTO, style, height, cacheDir }));
    const [, cachedMs] = await time(() => buildPhotoRig({ imagePath: ASTRONAUT_PHOTO, style, height, cacheDir }));
    console.log(`rig ${style} ${rig.width}x${rig.height}: ${ms.toFixed(0)} ms (18 stills), cached ${cachedMs.toFixed(1)} ms`);
  }
} finally {
  await rm(cacheDir, { recursive: true, force: true });
}
