import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildComposeArgs, buildStillsComposeArgs } from '../../src/render/compose/build-compose-args.js';
import { validateRenderPlanWith } from '../../src/render/validate-render-plan.js';
import { watermarkBox } from '../../src/render/media/watermark.js';
import type { RenderPlan } from '../../src/domain/render-plan.js';

const motion = { swayPx: 2, swayPeriodSec: 7, swayPhase: 0.5, breathePx: 1, breathePeriodSec: 4, breathePhase: 1 };
const frame = { width: 1280, height: 720 };

test('watermark box: native size times scale, anchored at a corner with a small margin, offsets in frame fractions', () => {
  const native = { width: 200, height: 100 };
  // margin = 2 % of 720 = 14 px
  assert.deepEqual(watermarkBox({ scale: 1, position: 'bottom_right', offsetX: 0, offsetY: 0 }, native, frame), { width: 200, height: 100, x: 1280 - 14 - 200, y: 720 - 14 - 100 });
  assert.deepEqual(watermarkBox({ scale: 0.5, position: 'top_left', offsetX: 0, offsetY: 0 }, native, frame), { width: 100, height: 50, x: 14, y: 14 });
  assert.deepEqual(watermarkBox({ scale: 1, position: 'top_right', offsetX: -0.05, offsetY: 0.1 }, native, frame), { width: 200, height: 100, x: 1280 - 14 - 200 - 64, y: 14 + 72 });
  assert.deepEqual(watermarkBox({ scale: 2, position: 'bottom_left', offsetX: 0, offsetY: 0 }, native, frame), { width: 400, height: 200, x: 14, y: 720 - 14 - 200 });
  // Never bigger than the frame, aspect kept.
  const huge = watermarkBox({ scale: 2, position: 'top_left', offsetX: 0, offsetY: 0 }, { width: 1000, height: 1000 }, frame);
  assert.deepEqual([huge.width, huge.height], [720, 720]);
});

test('overlay path: the watermark is one fixed-position overlay after the avatars; volume scales that scene only', () => {
  const args = buildComposeArgs({
    width: 320, height: 240, fps: 25, format: 'webm',
    backgrounds: [{ kind: 'transparent', frames: 50 }],
    avatars: [{ concatPath: '/w/a.ffconcat', startFrame: 0, frames: 50, x: 70, y: 0, motion }],
    audio: [{ path: '/w/s0.wav', frames: 25, volume: 0.5 }, { path: '/w/s1.wav', frames: 25 }],
    outPath: '/out/video.webm',
    watermark: { path: '/w/watermark.png', x: 250, y: 200 },
  });
  assert.deepEqual(args.slice(8, 20), ['-f', 'concat', '-safe', '0', '-i', '/w/a.ffconcat', '-i', '/w/watermark.png', '-i', '/w/s0.wav', '-i', '/w/s1.wav']);
  const graph = args[args.indexOf('-filter_complex') + 1]!.split(';');
  assert.ok(graph.includes('[ov0][1:v]overlay=x=250:y=200:format=yuv420[wm]'), graph.join('\n'));
  assert.ok(graph.includes('[wm]trim=end_frame=50,format=yuva420p[vout]'), graph.join('\n'));
  assert.ok(graph.some((g) => g.startsWith('[2:a]') && g.includes('channel_layouts=mono,volume=0.5,apad')), graph.join('\n'));
  assert.ok(graph.some((g) => g.startsWith('[3:a]') && !g.includes('volume')), graph.join('\n'));
  assert.ok(!args.includes('-loop'));
});

test('stills path: the watermark goes on after the motion crop window, so it does not sway', () => {
  const args = buildStillsComposeArgs({
    width: 320, height: 240, fps: 25, concatPath: '/w/frames.ffconcat', motionCommandsPath: '/w/motion.cmd', start: { x: 4, y: 4 },
    totalFrames: 50, audio: [{ path: '/w/s.wav', frames: 50, volume: 0 }], outPath: '/o/v.mp4',
    watermark: { path: '/w/watermark.png', x: -3, y: 7 },
  });
  assert.deepEqual(args.slice(8, 18), ['-f', 'concat', '-safe', '0', '-i', '/w/frames.ffconcat', '-i', '/w/watermark.png', '-i', '/w/s.wav']);
  const graph = args[args.indexOf('-filter_complex') + 1]!.split(';');
  assert.equal(graph[0], '[0:v]settb=1/25,sendcmd=f=/w/motion.cmd,crop@motion=320:240:4:4[frames]');
  assert.equal(graph[1], '[frames][1:v]overlay=x=-3:y=7:format=yuv420[wm]');
  assert.equal(graph[2], '[wm]trim=end_pts=50,format=yuv420p[vout]');
  assert.ok(graph[3]!.startsWith('[2:a]') && graph[3]!.includes(',volume=0,'), graph[3]);
});

test('watermark and volume ranges are checked with the plan', () => {
  const lookups = { avatarExists: () => true, voiceExists: () => true };
  const plan = (over: Partial<RenderPlan>, volume?: number): RenderPlan => ({
    width: 320, height: 240, fps: 25, seed: 1, format: 'mp4', burnCaptions: false,
    scenes: [{ character: null, voice: { type: 'text', voiceId: 'v', text: 'hi', speed: 1, pitch: 0, ...(volume === undefined ? {} : { volume }) }, background: { type: 'color', color: '#000' } }],
    ...over,
  });
  const wm = { source: { path: '/x.png' }, scale: 1, opacity: 1, position: 'bottom_right' as const, offsetX: 0, offsetY: 0 };
  validateRenderPlanWith(plan({ watermark: wm }, 0.3), lookups);
  assert.throws(() => validateRenderPlanWith(plan({ watermark: { ...wm, scale: 3 } }), lookups), /watermark.scale/);
  assert.throws(() => validateRenderPlanWith(plan({ watermark: { ...wm, opacity: -0.1 } }), lookups), /watermark.opacity/);
  assert.throws(() => validateRenderPlanWith(plan({ watermark: { ...wm, offsetX: 2 } }), lookups), /offsets/);
  assert.throws(() => validateRenderPlanWith(plan({}, 1.5), lookups), /volume/);
});
