// An avatar that enters after an avatar-less scene is drawn on image backgrounds too: the overlay was
// enabled by frame number, which stops matching the picture's frame index once the background is a
// concat of looped stills, so an avatar after a 3 s intro scene never appeared.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { renderVideo } from '../../src/render/render-video.js';
import type { RenderPlan } from '../../src/domain/render-plan.js';

const root = await mkdtemp(join(tmpdir(), 'orator-late-avatar-'));
after(() => rm(root, { recursive: true, force: true }));

const W = 192;
const H = 160;

/**
 * Share of pixels in the frame shown at `t` that differ clearly from the background colour. Taken on
 * the fps grid, not by seeking: the file stores only the frames where the picture changes, and `-ss`
 * skips a held picture for the next stored one.
 */
function changedShare(video: string, t: number, bg: [number, number, number]): number {
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', video, '-vf', `fps=25,trim=start_frame=${Math.round(t * 25)}`, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  let changed = 0;
  for (let i = 0; i < raw.length; i += 3) {
    if (Math.abs(raw[i]! - bg[0]) + Math.abs(raw[i + 1]! - bg[1]) + Math.abs(raw[i + 2]! - bg[2]) > 60) changed++;
  }
  return changed / (W * H);
}

test('an avatar after a 3 s avatar-less scene shows over an image background', async () => {
  const bgPath = join(root, 'bg.png');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=0x88aacc:s=${W}x${H}`, '-frames:v', '1', bgPath]);
  const background = { type: 'image', source: { path: bgPath }, fit: 'cover' } as const;
  const plan: RenderPlan = {
    width: W, height: H, fps: 25, seed: 1, format: 'mp4', burnCaptions: false,
    scenes: [
      { character: null, voice: { type: 'silence', durationSec: 3 }, background },
      { character: { type: 'avatar', avatarId: 'daniel_blazer_front', style: 'normal', scale: 1, offset: { x: 0, y: 0 }, matting: false }, voice: { type: 'text', voiceId: 'flite_rms', text: 'Here I am.', speed: 1, pitch: 0 }, background },
    ],
  };
  const result = await renderVideo(plan, join(root, 'out'), { fetcher: { fetchToFile: async () => { throw new Error('no fetches'); } }, cacheDir: join(root, 'cache') });
  const bg: [number, number, number] = [0x88, 0xaa, 0xcc];
  assert.ok(changedShare(result.video, 1.5, bg) < 0.02, 'the intro scene is the bare background');
  assert.ok(changedShare(result.video, 3.5, bg) > 0.05, 'the avatar is drawn in the second scene');
});
