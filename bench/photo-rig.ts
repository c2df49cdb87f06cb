// Photo avatar figures: face landmark time (first call includes loading the model), rig build time
// per stock portrait and style, and a talking-photo render timed beside a stock-avatar render of the
// same speech (same size, same voice, same length), in one run. Run:
//   node --import tsx bench/photo-rig.ts [height] [width]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CharacterPlan, RenderPlan } from '../src/domain/render-plan.js';
import { listStockAvatars } from '../src/render/avatars/avatar-catalogue.js';
import { buildPhotoRig } from '../src/render/avatars/photo/build-photo-rig.js';
import { detectFaceLandmarks } from '../src/render/avatars/photo/detect-face-landmarks.js';
import { ASTRONAUT_PHOTO, STOCK_PHOTOS } from '../src/render/avatars/photo/stock-photos.js';
import { renderVideo } from '../src/render/render-video.js';

const height = Number(process.argv[2] ?? 720);
const width = Number(process.argv[3] ?? Math.round((height * 16) / 9 / 2) * 2);
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
  for (const photo of STOCK_PHOTOS) {
    for (const style of ['normal', 'closeUp', 'circle'] as const) {
      const request = { imagePath: photo.path, style, height, cacheDir, frame: { width, height } };
      const [rig, ms] = await time(() => buildPhotoRig(request));
      const [, cachedMs] = await time(() => buildPhotoRig(request));
      console.log(`rig ${photo.talking_photo_id} ${style} ${rig.width}x${rig.height}: ${ms.toFixed(0)} ms (18 stills), cached ${cachedMs.toFixed(1)} ms`);
    }
  }

  // The same speech, size and background; the only difference is who speaks. Rigs are warm (built
  // above, or by a first untimed render), so both figures are what a repeat render costs.
  const avatar = listStockAvatars()[0]!;
  const text = 'Welcome to the quarterly update. Revenue grew in every region, and we opened two new offices. Thank you for watching.';
  const plan = (character: CharacterPlan): RenderPlan => ({
    width, height, fps: 25, seed: 5, format: 'mp4', burnCaptions: false,
    scenes: [{ character, voice: { type: 'text', voiceId: 'festival_slt_hts', text, speed: 1, pitch: 0 }, background: { type: 'color', color: '#dde4ee' } }],
  });
  const stock = plan({ type: 'avatar', avatarId: avatar.avatar_id, style: 'normal', scale: 1, offset: { x: 0, y: 0 }, matting: false });
  const photo = plan({ type: 'photo', image: { path: ASTRONAUT_PHOTO }, style: 'normal', scale: 1, offset: { x: 0, y: 0 }, matting: false });
  const noFetches = { fetchToFile: async (): Promise<never> => { throw new Error('no fetches'); } };
  const render = (p: RenderPlan, name: string) => renderVideo(p, join(cacheDir, name), { fetcher: noFetches, cacheDir });
  await render(stock, 'warm-stock');
  const [stockResult, stockMs] = await time(() => render(stock, 'stock'));
  const [photoResult, photoMs] = await time(() => render(photo, 'photo'));
  const seconds = photoResult.durationSec;
  console.log(`render ${width}x${height}, ${seconds.toFixed(1)} s of speech:`);
  console.log(`  stock avatar ${avatar.avatar_id}: ${stockMs.toFixed(0)} ms (${(seconds / (stockMs / 1000)).toFixed(1)}x real time) stages ${JSON.stringify(stockResult.timings)}`);
  console.log(`  talking photo astronaut: ${photoMs.toFixed(0)} ms (${(seconds / (photoMs / 1000)).toFixed(1)}x real time) stages ${JSON.stringify(photoResult.timings)}`);
  console.log(`  photo speed relative to the stock avatar: ${(stockMs / photoMs).toFixed(2)}x (target >= 0.8x)`);
  console.log(`  photo quality (face tracker on the output): ${JSON.stringify(photoResult.quality)}`);
} finally {
  await rm(cacheDir, { recursive: true, force: true });
}
