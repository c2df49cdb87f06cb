// The overlay path's frame selection (issue #12, template speed): which frames can change, the select
// expression that keeps them, and the argv that encodes only those (previews still see every frame).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildComposeArgs, type ComposeJob } from '../../src/render/compose/build-compose-args.js';
import { backgroundChangeSpans, frameCount, idleMotionSteps, mergeSpans, selectFramesExpression, type FrameSpan } from '../../src/render/compose/changing-frames.js';
import { moveLongGraphToScript } from '../../src/render/compose/filter-script.js';
import { transitionChangeSpans } from '../../src/render/compose/scene-transitions.js';
import { timedLayerChangeSpans, type TimedLayerInput } from '../../src/render/compose/timed-layer-filter.js';
import { buildIdleMotion } from '../../src/render/motion/idle-motion.js';

/** Evaluates a select expression of `n` the way ffmpeg's evaluator reads these functions. */
function evaluate(expression: string, n: number): number {
  const js = expression.replace(/\bif\(/g, 'iff(').replace(/\bn\b/g, String(n));
  return new Function('iff', 'lt', 'eq', 'between', `return ${js};`)(
    (c: number, a: number, b: number) => (c ? a : b), (a: number, b: number) => +(a < b), (a: number, b: number) => +(a === b), (x: number, a: number, b: number) => +(x >= a && x <= b),
  ) as number;
}

const inSpans = (spans: readonly FrameSpan[], f: number): boolean => spans.some((s) => f >= s.start && f < s.end);

test('spans merge in order, join where they touch, stay inside the video and always hold its first and last frame', () => {
  const merged = mergeSpans([{ start: 30, end: 40 }, { start: 5, end: 10 }, { start: 10, end: 12 }, { start: 38, end: 45 }, { start: -3, end: 1 }, { start: 99, end: 140 }], 100);
  assert.deepEqual(merged, [{ start: 0, end: 1 }, { start: 5, end: 12 }, { start: 30, end: 45 }, { start: 99, end: 100 }]);
  assert.equal(frameCount(merged), 1 + 7 + 15 + 1);
  assert.deepEqual(mergeSpans([], 1), [{ start: 0, end: 1 }]);
});

test('the select expression keeps exactly the spans, as a tree (ffmpeg refuses a flat sum of more than 100 terms)', () => {
  const spans = mergeSpans(Array.from({ length: 700 }, (_, i) => ({ start: i * 7 + (i % 3), end: i * 7 + (i % 3) + 1 + (i % 4) })), 5000);
  const expression = selectFramesExpression(spans);
  for (let n = 0; n < 5000; n++) assert.equal(evaluate(expression, n) !== 0, inSpans(spans, n), `frame ${n}`);
  const depth = Math.max(...[...expression].reduce<number[]>((acc, c) => (acc.push((acc.at(-1) ?? 0) + (c === '(' ? 1 : c === ')' ? -1 : 0)), acc), []));
  assert.ok(depth <= 2 * Math.ceil(Math.log2(spans.length)) + 2, `nesting ${depth}`);
});

test('a still background changes on its first frame, a playing clip on all of them, a frozen one on its first', () => {
  assert.deepEqual(backgroundChangeSpans([
    { kind: 'image', frames: 10 }, { kind: 'video', frames: 5, playStyle: 'loop' }, { kind: 'video', frames: 5, playStyle: 'freeze' }, { kind: 'color', frames: 3 },
  ]), [{ start: 0, end: 1 }, { start: 10, end: 15 }, { start: 15, end: 16 }, { start: 20, end: 21 }]);
});

const layer = (extra: Partial<TimedLayerInput>): TimedLayerInput => ({
  picture: { kind: 'still', path: '/l.png' }, x: 0, y: 0, width: 10, height: 10, startFrame: 20, frames: 50, entrance: 'none', exit: 'none', overCharacter: false, ...extra,
});

test('a timed layer changes where it appears, animates and disappears; a clip on every frame it plays', () => {
  // 50 frames at 25 fps: animations of 0.5 s = 13 frames, up to the first frame at rest.
  const changed = (l: TimedLayerInput) => mergeSpans(timedLayerChangeSpans(l, 25), 200).filter((s) => s.start > 0 && s.end < 200);
  assert.deepEqual(changed(layer({})), [{ start: 20, end: 21 }, { start: 70, end: 71 }]);
  assert.deepEqual(changed(layer({ entrance: 'fade', exit: 'slide' })), [{ start: 20, end: 34 }, { start: 56, end: 71 }]);
  assert.deepEqual(changed(layer({ picture: { kind: 'video', path: '/c.mp4', loop: false, trimStartSec: 0, playSec: null, fit: 'cover' } })), [{ start: 20, end: 71 }]);
});

test('a transition changes its blended frames and the first one after', () => {
  assert.deepEqual(transitionChangeSpans([{ type: 'fade', atFrame: 30, frames: 10 }]), [{ start: 30, end: 41 }]);
});

test('idle-motion steps: frames where the overlay position (whole pixels, even on the 4:2:0 grid) moves', () => {
  const motion = buildIdleMotion(7, 300);
  const steps = idleMotionSteps({ startFrame: 10, frames: 500, x: 101, y: 40, motion }, 25, { x: 1, y: 1 });
  assert.ok(steps.length > 5 && steps.every((f) => f > 10 && f < 510), `${steps.length} steps`);
  // Twice as many positions without the chroma grid (4:4:4), and each 4:2:0 step is one of them.
  const fine = idleMotionSteps({ startFrame: 10, frames: 500, x: 101, y: 40, motion }, 25, { x: 0, y: 0 });
  assert.ok(fine.length > steps.length);
  for (const f of steps) assert.ok(fine.includes(f), `frame ${f}`);
});

function overlayJob(extra: Partial<ComposeJob> = {}): ComposeJob {
  return {
    width: 320, height: 180, fps: 25, format: 'mp4', outPath: '/out/video.mp4',
    backgrounds: [{ kind: 'image', path: '/bg.png', frames: 100 }],
    avatars: [{ concatPath: '/w/avatar0.ffconcat', startFrame: 0, frames: 100, x: 100, y: 20, motion: buildIdleMotion(1, 160), stateChanges: [0, 12, 30, 31, 60] }],
    timedLayers: [layer({ entrance: 'fade' })],
    audio: [{ path: null, frames: 100 }],
    previews: { thumbnailPath: '/out/thumb.jpg', gifPath: '/out/preview.gif' },
    onlyChangingFrames: true,
    ...extra,
  };
}

test('only the encoder branch drops unchanged frames; the output keeps their timestamps', () => {
  const args = buildComposeArgs(overlayJob());
  const graph = args[args.indexOf('-filter_complex') + 1]!;
  assert.match(graph, /trim=end_frame=100,format=yuv420p,split=3\[vall\]\[pthumb\]\[pgif\];\[vall\]settb=1\/25,setpts=N,select='if\(lt\(n,\d+\),.*'\[vout\]/);
  assert.deepEqual(args.slice(args.indexOf('-r'), args.indexOf('-r') + 6), ['-r', '25', '-fps_mode', 'passthrough', '-force_key_frames', 'expr:gte(t,n_forced*10)']);
  // Kept: the avatar's still changes and its idle-motion steps, the layer's fade-in up to its first
  // frame at rest and its end, the first and last frames; nothing else.
  const job = overlayJob();
  const avatar = job.avatars[0]!;
  const steps = idleMotionSteps(avatar, 25, { x: 1, y: 1 });
  const want = new Set([0, 12, 30, 31, 60, ...steps, ...Array.from({ length: 14 }, (_, i) => 20 + i), 70, 99]);
  const expression = /select='([^']*)'/.exec(graph)![1]!;
  const kept = Array.from({ length: 100 }, (_, f) => f).filter((f) => evaluate(expression, f) !== 0);
  assert.deepEqual(kept, [...want].sort((a, b) => a - b));
  assert.ok(kept.length < 60, `${kept.length} of 100 frames encoded`);
});

test('every frame at a constant rate when not asked, or when an avatar track does not say where its still changes', () => {
  const cfr = buildComposeArgs(overlayJob({ onlyChangingFrames: false }));
  assert.ok(!cfr[cfr.indexOf('-filter_complex') + 1]!.includes('select='));
  assert.deepEqual(cfr.slice(cfr.indexOf('-r'), cfr.indexOf('-r') + 2), ['-r', '25']);
  assert.deepEqual(buildComposeArgs(overlayJob({ onlyChangingFrames: undefined })), cfr);
  const job = overlayJob();
  const unknown = buildComposeArgs({ ...job, avatars: job.avatars.map(({ stateChanges: _, ...a }) => a) });
  assert.deepEqual(unknown, cfr);
});

test('a graph longer than one argument may be goes to a script file', () => {
  const args = ['-i', 'x', '-filter_complex', 'a'.repeat(70 * 1024), '-map', '[vout]'];
  const moved = moveLongGraphToScript(args, '/w/graph.txt');
  assert.deepEqual(moved.args, ['-i', 'x', '-filter_complex_script', '/w/graph.txt', '-map', '[vout]']);
  assert.equal(moved.script, args[3]);
  assert.deepEqual(moveLongGraphToScript(['-filter_complex', 'null'], '/w/graph.txt'), { args: ['-filter_complex', 'null'], script: null });
});
