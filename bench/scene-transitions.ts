// Scene transitions' encode cost: three 4 s 1280×720 scenes with a stock avatar, joined by a fade and a
// slide (0.5 s each) or by cuts, rendered side by side in the same run (rounds alternate the variants,
// so all see the same machine load). Colour backgrounds with cuts take the precomposited stills path and
// with transitions the overlay path; plain-colour PNG backgrounds take the overlay path both ways, which
// isolates what the transition filters themselves cost. Prints figures; asserts nothing.
//   node --import tsx bench/scene-transitions.ts   (BENCH_ROUNDS, default 3)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import type { BackgroundPlan, RenderPlan, ScenePlan } from '../src/domain/render-plan.js';
import { listStockAvatars } from '../src/render/avatars/avatar-catalogue.js';
import { renderVideo } from '../src/render/render-video.js';

const WIDTH = 1280;
const HEIGHT = 720;
const SCENE_SEC = 4;
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 3));
const COLOURS = ['#c0392b', '#2980b9', '#27ae60'];
const avatar = listStockAvatars()[0]!;

function plan(backgrounds: BackgroundPlan[], transitions: boolean): RenderPlan {
  const scenes = backgrounds.map((background, i): ScenePlan => ({
    character: { type: 'avatar', avatarId: avatar.avatar_id, style: 'normal', scale: 1, offset: { x: (i - 1) * 0.25, y: 0 }, matting: false },
    voice: { type: 'silence', durationSec: SCENE_SEC },
    background,
    ...(transitions && i > 0 ? { transition: { type: i === 1 ? 'fade' : 'slide', seconds: 0.5 } } : {}),
  }));
  return { width: WIDTH, height: HEIGHT, fps: 25, seed: 1, format: 'mp4', burnCaptions: false, scenes };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'orator-bench-transitions-'));
  try {
    const cacheDir = join(root, 'cache');
    const images: BackgroundPlan[] = [];
    for (const [i, colour] of COLOURS.entries()) {
      const path = join(root, `bg${i}.png`);
      await sharp({ create: { width: WIDTH, height: HEIGHT, channels: 3, background: colour } }).png().toFile(path);
      images.push({ type: 'image', source: { path }, fit: 'cover' });
    }
    const colours: BackgroundPlan[] = COLOURS.map((color) => ({ type: 'color', color }));
    const variants: [string, RenderPlan][] = [
      ['colours, cuts (stills path)', plan(colours, false)],
      ['colours, transitions', plan(colours, true)],
      ['images, cuts (overlay path)', plan(images, false)],
      ['images, transitions', plan(images, true)],
    ];
    // One render outside the timing builds the rig cache, as a running service has it warm.
    await renderVideo(variants[0]![1], join(root, 'warm'), { fetcher: { fetchToFile: async () => { throw new Error('no downloads'); } }, cacheDir });
    const encodeMs = new Map<string, number[]>(variants.map(([name]) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, p] of variants) {
        const out = join(root, `out-${round}-${name.replace(/\W+/g, '-')}`);
        const result = await renderVideo(p, out, { fetcher: { fetchToFile: async () => { throw new Error('no downloads'); } }, cacheDir });
        encodeMs.get(name)!.push(result.timings?.encode ?? NaN);
        await rm(out, { recursive: true, force: true });
      }
    }
    console.log(`${WIDTH}x${HEIGHT}, 3 scenes of ${SCENE_SEC} s, fade + slide of 0.5 s, ${ROUNDS} rounds; encode stage wall ms (median; every round)`);
    for (const [name, ms] of encodeMs) console.log(`  ${name.padEnd(30)} ${median(ms)}  (${ms.join(', ')})`);
    const ratio = (a: string, b: string): string => (median(encodeMs.get(a)!) / median(encodeMs.get(b)!)).toFixed(2);
    console.log(`ratio colours with / without transitions: ${ratio('colours, transitions', 'colours, cuts (stills path)')} (includes leaving the stills path)`);
    console.log(`ratio images with / without transitions:  ${ratio('images, transitions', 'images, cuts (overlay path)')} (the transition filters alone)`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
