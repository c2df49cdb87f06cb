// The watermark and voice volume through a real render: the logo's pixels are in the decoded frames
// on both paths (precomposited stills for MP4 over a colour, overlay for transparent WebM).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { renderVideo } from '../../src/render/render-video.js';
import type { RenderPlan } from '../../src/domain/render-plan.js';
import { listStockAvatars } from '../../src/render/avatars/avatar-catalogue.js';

const run = promisify(execFile);
let root = '';
let logo = '';
const avatar = listStockAvatars()[0]!;
const W = 320;
const H = 240;

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'orator-render-watermark-'));
  logo = join(root, 'logo.png');
  await sharp({ create: { width: 40, height: 20, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 1 } } }).png().toFile(logo);
});
after(async () => {
  await rm(root, { recursive: true, force: true });
});

const plan = (over: Partial<RenderPlan>): RenderPlan => ({
  width: W, height: H, fps: 25, seed: 3, format: 'mp4', burnCaptions: false,
  scenes: [{
    character: { type: 'avatar', avatarId: avatar.avatar_id, style: 'normal', scale: 1, offset: { x: 0, y: 0 }, matting: false },
    voice: { type: 'text', voiceId: avatar.default_voice_id, text: 'Hello there.', speed: 1, pitch: 0, volume: 0 },
    background: { type: 'color', color: '#dde4ee' },
  }],
  watermark: { source: { path: logo }, scale: 1, opacity: 1, position: 'top_left', offsetX: 0, offsetY: 0 },
  ...over,
});

/** Mean RGB of a box in one decoded frame. */
async function meanRgb(video: string, frameAt: number, box: { x: number; y: number; w: number; h: number }): Promise<number[]> {
  const { stdout } = await run('ffmpeg', ['-v', 'error', '-i', video, '-vf', `fps=25,select=eq(n\\,${frameAt})`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { encoding: 'buffer', maxBuffer: 1 << 24 });
  const sum = [0, 0, 0];
  for (let y = box.y; y < box.y + box.h; y++) for (let x = box.x; x < box.x + box.w; x++) for (let c = 0; c < 3; c++) sum[c]! += stdout[(y * W + x) * 3 + c]!;
  return sum.map((s) => s / (box.w * box.h));
}

// Margin 2 % of 240 = 5 px: the logo covers x 5..44, y 5..24. Sample its inside, away from chroma edges.
const inside = { x: 10, y: 9, w: 30, h: 12 };

for (const [name, over] of [
  ['MP4 over a colour (precomposited stills)', {}],
  ['transparent WebM (overlay path)', { format: 'webm' as const, scenes: [{ ...plan({}).scenes[0]!, background: { type: 'transparent' as const } }] }],
] as const) {
  test(`watermark pixels in the frames: ${name}; volume 0 mutes the voice`, async () => {
    const result = await renderVideo(plan(over), join(root, name.replace(/\W+/g, '-')), { fetcher: { fetchToFile: async () => { throw new Error('no fetches'); } }, cacheDir: join(root, 'cache') });
    for (const frameAt of [0, 20]) {
      const [r, g, b] = await meanRgb(result.video, frameAt, inside);
      assert.ok(r! > 200 && g! < 60 && b! < 60, `frame ${frameAt}: ${[r, g, b].map(Math.round)}`);
    }
    // Just outside the logo is the background again.
    if (!('format' in over)) {
      const [r, g, b] = await meanRgb(result.video, 0, { x: 60, y: 9, w: 10, h: 10 });
      assert.ok(Math.abs(r! - 0xdd) < 12 && Math.abs(g! - 0xe4) < 12 && Math.abs(b! - 0xee) < 12, `${[r, g, b].map(Math.round)}`);
    }
    const { stderr } = await run('ffmpeg', ['-hide_banner', '-nostats', '-i', result.video, '-map', '0:a', '-af', 'volumedetect', '-f', 'null', '-']);
    const max = /max_volume: (-?[\d.]+|-inf) dB/.exec(stderr)?.[1];
    assert.ok(max === '-inf' || Number(max) < -60, `max_volume ${max}`);
  });
}

test('half opacity blends the logo with the background', async () => {
  const result = await renderVideo(plan({ watermark: { source: { path: logo }, scale: 1, opacity: 0.5, position: 'top_left', offsetX: 0, offsetY: 0 } }), join(root, 'half'), {
    fetcher: { fetchToFile: async () => { throw new Error('no fetches'); } }, cacheDir: join(root, 'cache'),
  });
  const [r, g, b] = await meanRgb(result.video, 0, inside);
  // (255 + 0xdd) / 2 ≈ 238, (0 + 0xe4) / 2 ≈ 114, (0 + 0xee) / 2 ≈ 119.
  assert.ok(Math.abs(r! - 238) < 15 && Math.abs(g! - 114) < 15 && Math.abs(b! - 119) < 15, `${[r, g, b].map(Math.round)}`);
});
