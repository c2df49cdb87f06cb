// Timed layers in the encode graph (issue #12), as data: where each layer lands on the frame grid, its
// input argv, the order of its overlay against the avatar's, and what its animation expressions evaluate
// to over time; plus the checks plan files get.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OratorError } from '../../src/domain/errors.js';
import type { RenderPlan, TimedLayerPlan } from '../../src/domain/render-plan.js';
import { buildComposeArgs, type ComposeJob } from '../../src/render/compose/build-compose-args.js';
import {
  animationFrames, buildClipSectionArgs, timedLayerInputArgs, timedLayerInputs, type PreparedTimedLayer, type TimedLayerInput,
} from '../../src/render/compose/timed-layer-filter.js';
import { inkBounds } from '../../src/render/media/draw-timed-still.js';
import { LAYER_FONT_FAMILIES } from '../../src/render/media/layer-fonts.js';
import { normalizeRenderPlan } from '../../src/render/normalize-render-plan.js';
import { validateRenderPlanWith } from '../../src/render/validate-render-plan.js';
import { INSTALLED_FONTS } from '../../src/services/templates/installed-fonts.js';

const still = (extra: Partial<TimedLayerInput> = {}): TimedLayerInput => ({
  picture: { kind: 'still', path: '/w/layer.png' }, x: 40, y: 30, width: 100, height: 50,
  startFrame: 25, frames: 50, entrance: 'none', exit: 'none', overCharacter: false, ...extra,
});
const clip = (extra: Partial<Extract<TimedLayerInput['picture'], { kind: 'video' }>> = {}): TimedLayerInput['picture'] => ({
  kind: 'video', path: '/w/clip.mp4', loop: false, trimStartSec: 0, playSec: null, fit: 'cover', ...extra,
});

function job(timedLayers: TimedLayerInput[], avatars = true): ComposeJob {
  return {
    width: 640, height: 360, fps: 25, format: 'mp4', outPath: '/w/out.mp4',
    backgrounds: [{ kind: 'color', color: '#112233', frames: 100 }],
    avatars: avatars ? [{ concatPath: '/w/avatar0.ffconcat', startFrame: 0, frames: 100, x: 200, y: 20, motion: { swayPx: 2, swayPeriodSec: 7, swayPhase: 0.5, breathePx: 1, breathePeriodSec: 4, breathePhase: 1 } }] : [],
    audio: [{ path: null, frames: 100 }], timedLayers,
  };
}

function graphOf(args: string[]): string {
  return args[args.indexOf('-filter_complex') + 1]!;
}

/** Evaluates an ffmpeg expression of the few functions the layer filters use, in JavaScript. */
function evaluate(expression: string, vars: Record<string, number>): number {
  const fns = { clip: (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x)), min: Math.min, max: Math.max, pow: Math.pow, trunc: Math.trunc };
  const names = [...Object.keys(fns), ...Object.keys(vars)];
  return new Function(...names, `return ${expression};`)(...Object.values(fns), ...Object.values(vars)) as number;
}

/** The quoted value of `key='…'` in the first filter of `graph` that starts with `filter=`. */
function option(graph: string, filter: string, key: string): string {
  const chain = graph.split(';').find((c) => c.includes(`${filter}=`) && c.includes(`${key}='`))!;
  return new RegExp(`${key}='([^']*)'`).exec(chain.slice(chain.indexOf(`${filter}=`)))![1]!;
}

test('layers land on the frame grid inside their scene: end absent = the scene end, past the scene = cut, after it = dropped', () => {
  const base: Omit<PreparedTimedLayer, 'scene' | 'startSec' | 'endSec'> = { picture: { kind: 'still', path: '/p.png' }, x: 0, y: 0, width: 10, height: 10, entrance: 'fade', exit: 'none', overCharacter: false };
  const placed = timedLayerInputs([
    { ...base, scene: 0, startSec: 1, endSec: 3 },
    { ...base, scene: 1, startSec: 0.4, endSec: null },
    { ...base, scene: 1, startSec: 1, endSec: 60 },
    { ...base, scene: 1, startSec: 5, endSec: null },
  ], [0, 100], [100, 75], 25);
  assert.deepEqual(placed.map((l) => [l.startFrame, l.frames]), [[25, 50], [110, 65], [125, 50]]);
});

test('an entrance or exit lasts 0.5 s, a third of a brief layer, at least a frame', () => {
  assert.equal(animationFrames(250, 25), 13);
  assert.equal(animationFrames(250, 30), 15);
  assert.equal(animationFrames(18, 25), 6);
  assert.equal(animationFrames(2, 25), 1);
});

test('inputs: a PNG is read once; a clip is cut to its trim and span; a looped clip repeats for the span only', () => {
  assert.deepEqual(timedLayerInputArgs(still(), 25), ['-i', '/w/layer.png']);
  assert.deepEqual(timedLayerInputArgs(still({ picture: clip({ trimStartSec: 1.5, playSec: 2 }) }), 25), ['-ss', '1.5', '-t', '2', '-i', '/w/clip.mp4']);
  // A clip longer than its span is not decoded past it.
  assert.deepEqual(timedLayerInputArgs(still({ picture: clip({ playSec: 9 }), frames: 40 }), 25), ['-t', '1.6', '-i', '/w/clip.mp4']);
  assert.deepEqual(timedLayerInputArgs(still({ picture: clip({ loop: true }), frames: 150 }), 25), ['-stream_loop', '-1', '-t', '6', '-i', '/w/clip.mp4']);
  const section = buildClipSectionArgs('/w/in.mov', '/w/section.mkv', 0.5, 1.25);
  assert.deepEqual(section.slice(section.indexOf('-ss'), section.indexOf('-i') + 2), ['-ss', '0.5', '-t', '1.25', '-i', '/w/in.mov']);
  assert.ok(section.includes('-an') && section.at(-1) === '/w/section.mkv');
});

test('under layers go between the background and the avatar, over layers after it, each in list order', () => {
  const args = buildComposeArgs(job([
    still({ picture: { kind: 'still', path: '/w/over.png' }, overCharacter: true }),
    still({ picture: { kind: 'still', path: '/w/under-a.png' } }),
    still({ picture: { kind: 'still', path: '/w/under-b.png' } }),
  ]));
  const inputs = args.filter((_, i) => args[i - 1] === '-i');
  assert.deepEqual(inputs, ['/w/under-a.png', '/w/under-b.png', '/w/avatar0.ffconcat', '/w/over.png']);
  const graph = graphOf(args).split(';');
  const at = (prefix: string) => graph.findIndex((c) => c.startsWith(prefix));
  const order = ['[bg0][tu0]overlay', '[tuo0][tu1]overlay', '[tuo1][av0]overlay', '[ov0][to0]overlay', '[too0]trim='].map(at);
  assert.ok(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]!)), `${order}\n${graph.join('\n')}`);
  assert.ok(at('[0:v]format=yuva420p') >= 0 && at('[3:v]format=yuva420p') >= 0);
});

test('a still is converted once, looped to its frames and timestamped at its start; it shows only in its span', () => {
  const graph = graphOf(buildComposeArgs(job([still()], false)));
  assert.match(graph, /\[0:v\]format=yuva420p,loop=loop=49:size=1:start=0,settb=1\/25,setpts=N\+25\[tu0\]/);
  assert.match(graph, /overlay=x='40\+\(100-overlay_w\)\/2':y='30\+\(50-overlay_h\)\/2':eval=init:eof_action=pass:format=yuv420:enable='between\(t,1,2\.98\)'/);
  assert.ok(!graph.includes('fade='), 'no animation, no fade');
});

test('fade: alpha ramps over the first and last frames of the layer', () => {
  const graph = graphOf(buildComposeArgs(job([still({ entrance: 'fade', exit: 'fade' })], false)));
  assert.ok(graph.includes('fade=t=in:s=0:n=13:alpha=1,fade=t=out:s=37:n=13:alpha=1'), graph);
});

test('slide: rises from 6 % of the frame height below into place, and sinks away on exit', () => {
  const graph = graphOf(buildComposeArgs(job([still({ entrance: 'slide', exit: 'slide' })], false)));
  const y = option(graph, 'overlay', 'y');
  const at = (t: number) => evaluate(y, { t, overlay_h: 50 });
  assert.equal(at(1), 30 + 22);
  assert.ok(at(1.2) < 52 && at(1.2) > 30, `${at(1.2)}`);
  assert.equal(at(1.6), 30);
  assert.equal(at(2.4), 30);
  assert.ok(at(2.9) > 40, `${at(2.9)}`);
  assert.match(graph, /fade=t=in/, 'a slide fades in as it moves');
  assert.match(graph, /eval=frame/);
});

test('scale: grows from 0.8 to full size about its centre, shrinks on exit; the full frame is never scaled', () => {
  const graph = graphOf(buildComposeArgs(job([still({ entrance: 'scale', exit: 'scale' })], false)));
  const w = option(graph, 'scale', 'w');
  const width = (t: number) => evaluate(w, { t, iw: 100, ih: 50 });
  assert.equal(width(1), 80);
  assert.equal(width(1.6), 100);
  assert.equal(width(2.4), 100);
  assert.ok(width(2.9) < 90, `${width(2.9)}`);
  const x = option(graph, 'overlay', 'x');
  assert.equal(evaluate(x, { overlay_w: 80 }), 50, 'centred: 40 + (100 − 80) / 2');
  assert.equal(graph.split(';').filter((c) => /scale=w=/.test(c)).length, 1);
  assert.ok(graph.split(';').find((c) => c.includes('scale=w='))!.startsWith('[0:v]'), 'only the layer picture is scaled');
});

test('a clip is fitted to its box, holds its last frame, and is cut to the span', () => {
  const graph = graphOf(buildComposeArgs(job([still({ picture: clip({ fit: 'contain' }) })], false)));
  assert.ok(graph.includes('[0:v]setpts=PTS-STARTPTS,fps=25,scale=100:50:force_original_aspect_ratio=decrease:force_divisible_by=2,setsar=1,format=yuva420p,tpad=stop_mode=clone:stop=-1,trim=end_frame=50,settb=1/25,setpts=N+25[tu0]'), graph);
  const cover = graphOf(buildComposeArgs(job([still({ picture: clip({ fit: 'cover' }) })], false)));
  assert.ok(cover.includes('scale=100:50:force_original_aspect_ratio=increase,crop=100:50,'), cover);
});

test('mov keeps 4:4:4 with alpha for layers; webm layers overlay in 4:2:0', () => {
  assert.match(graphOf(buildComposeArgs({ ...job([still()], false), format: 'mov' })), /format=yuva444p,loop=.*format=yuv444/);
  assert.match(graphOf(buildComposeArgs({ ...job([still()], false), format: 'webm' })), /format=yuva420p,loop=.*format=yuv420/);
});

test('ink bounds: the pixels with any alpha; none for an empty picture', () => {
  const rgba = new Uint8Array(4 * 5 * 4);
  rgba[(1 * 5 + 2) * 4 + 3] = 10;
  rgba[(3 * 5 + 3) * 4 + 3] = 255;
  assert.deepEqual(inkBounds(rgba, 5, 4), { x: 2, y: 1, w: 2, h: 3 });
  assert.equal(inkBounds(new Uint8Array(16), 2, 2), null);
});

test('the render engine and template validation offer the same font families', () => {
  assert.deepEqual([...LAYER_FONT_FAMILIES], [...INSTALLED_FONTS]);
  assert.ok(INSTALLED_FONTS.includes('Inter'));
});

// ---- plan-file checks ----

const lookups = { avatarExists: () => true, voiceExists: () => true };
const text = { type: 'text', box: { x: 0.1, y: 0.1, width: 0.5, height: 0.2 }, text: 'Hi', fontFamily: 'Inter', fontSize: 0.05, fontWeight: 700, color: '#FFFFFF', align: 'left' } as const;
const layer = (extra: Record<string, unknown> = {}): TimedLayerPlan => ({ content: text, start: 0, entrance: 'fade', exit: 'none', overCharacter: false, ...extra } as TimedLayerPlan);
const planWith = (timedLayers: unknown): RenderPlan => ({
  width: 640, height: 360, fps: 25, seed: 1, format: 'mp4', burnCaptions: false,
  scenes: [{ character: null, voice: { type: 'silence', durationSec: 2 }, background: { type: 'color', color: '#000000' }, timedLayers: timedLayers as TimedLayerPlan[] }],
});

function refusal(timedLayers: unknown): { param: string | undefined; message: string } {
  try {
    validateRenderPlanWith(planWith(timedLayers), lookups);
  } catch (error) {
    assert.ok(error instanceof OratorError && error.kind === 'invalid_parameter', String(error));
    return { param: error.param, message: error.message };
  }
  assert.fail('the plan was accepted');
}

test('plan files: well-formed timed layers pass, including every content kind', () => {
  const video = { type: 'video', box: { x: 0.5, y: 0, width: 0.5, height: 0.5 }, source: { path: '/c.mp4' }, fit: 'contain', muted: true, loop: true, trim: { start: 0.5, end: 2 } };
  const image = { type: 'image', box: { x: 0, y: 0.5, width: 0.2, height: 0.2 }, source: { url: 'https://example.org/a.png' }, fit: 'cover' };
  const shape = { type: 'shape', box: { x: 0, y: 0, width: 1, height: 0.1 }, color: '#2563EB80', cornerRadius: 0.02 };
  const shadowed = { ...text, shadow: { color: '#000000', blur: 0.01, offsetX: 0, offsetY: 0.004 }, background: { color: '#000', padding: 0.01, cornerRadius: 0 } };
  validateRenderPlanWith(planWith([layer(), layer({ content: video, end: 2 }), layer({ content: image, entrance: 'slide' }), layer({ content: shape, exit: 'scale', overCharacter: true }), layer({ content: shadowed })]), lookups);
});

test('plan files: each bad field is refused by its name', () => {
  const cases: [unknown, string, RegExp][] = [
    [{}, 'scenes[0].timedLayers', /must be an array/],
    [[layer({ start: -1 })], 'scenes[0].timedLayers[0].start', /from 0/],
    [[layer({ start: 2, end: 1 })], 'scenes[0].timedLayers[0].end', /after start \(2 s\)/],
    [[layer({ entrance: 'spin' })], 'scenes[0].timedLayers[0].entrance', /none, fade, slide, scale/],
    [[layer({ overCharacter: 'yes' })], 'scenes[0].timedLayers[0].overCharacter', /true or false/],
    [[layer({ content: { ...text, fontFamily: 'Comic Sans' } })], 'scenes[0].timedLayers[0].content.fontFamily', /DejaVu Sans, .*Inter/],
    [[layer({ content: { ...text, box: { x: 0.8, y: 0, width: 0.5, height: 0.1 } } })], 'scenes[0].timedLayers[0].content.box.width', /right edge/],
    [[layer({ content: { ...text, color: 'white' } })], 'scenes[0].timedLayers[0].content.color', /hex colour/],
    [[layer({ content: { ...text, color: 'FFFFFF' } })], 'scenes[0].timedLayers[0].content.color', /#RRGGBB/],
    [[layer({ content: { ...text, shadow: { color: '#000', blur: 1, offsetX: 0, offsetY: 0 } } })], 'scenes[0].timedLayers[0].content.shadow.blur', /0 to 0.1/],
    [[layer({ content: { type: 'video', box: text.box, source: { path: '/c.mp4' }, fit: 'cover', muted: true, loop: false, trim: { start: 3, end: 1 } } })], 'scenes[0].timedLayers[0].content.trim.end', /after trim.start/],
    [[layer({ content: { type: 'image', box: text.box, source: {}, fit: 'cover' } })], 'scenes[0].timedLayers[0].content.source', /path or url/],
    [[layer({ content: { type: 'audio' } })], 'scenes[0].timedLayers[0].content.type', /shape, text, image, video/],
  ];
  for (const [layers, param, message] of cases) {
    const got = refusal(layers);
    assert.equal(got.param, param, `${JSON.stringify(layers)} → ${got.message}`);
    assert.match(got.message, message);
    assert.ok(got.message.startsWith(param), got.message);
  }
});

test('plan files: timed layers reach the engine as written, and are checked there', () => {
  const written = [layer({ start: 0.5, end: 2 }), { content: text, start: 'soon' }];
  const plan = normalizeRenderPlan({ scenes: [{ voice: { type: 'silence', durationSec: 2 }, timedLayers: written }] });
  assert.deepEqual(plan.scenes[0]!.timedLayers, written);
  assert.throws(() => validateRenderPlanWith(plan, lookups), (e: OratorError) => e.param === 'scenes[0].timedLayers[1].start');
});
