// The overlay path encodes only the frames that can change (issue #12, template speed), and the picture
// at every time stays what it was. A template-like plan (designed layers, a talking presenter with idle
// motion, timed layers fading, sliding, scaling and playing a clip, a fade and a slide between scenes,
// a watermark) is composed from the same stage outputs with every frame at a constant rate, as before,
// and with the changing frames only, both encoded losslessly: decoded on the fps grid at 25, 30 and
// 60 fps, every frame is the picture the graph composed for it (as the constant-rate file shows at 25
// and 30 fps), while far fewer are stored. The previews are byte for byte the same, and the idle
// motion the engine predicts is where ffmpeg's overlay really moves the picture.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { promisify } from 'node:util';
import type { BackgroundPlan, RenderPlan, TimedLayerPlan } from '../../src/domain/render-plan.js';
import { buildComposeArgs, type ComposeJob } from '../../src/render/compose/build-compose-args.js';
import { idleMotionSteps } from '../../src/render/compose/changing-frames.js';
import { buildIdleMotion, idleMotionExpressions } from '../../src/render/motion/idle-motion.js';
import { realRenderDeps } from '../../src/render/real-render-deps.js';
import { renderVideo } from '../../src/render/render-video.js';
import { overlayComposeJob, prepareEncodeInputs } from '../../src/render/stages/encode-stage.js';
import { effectiveFormat, type RenderContext } from '../../src/render/stages/render-context.js';
import { runSpeechStage } from '../../src/render/stages/speech-stage.js';
import { runVisualsStage } from '../../src/render/stages/visuals-stage.js';
import { frameHashes, packetTimes } from '../support/render-probes.js';

const run = promisify(execFile);
const root = await mkdtemp(join(tmpdir(), 'orator-changing-frames-'));
after(() => rm(root, { recursive: true, force: true }));

const W = 320;
const H = 180;
const noFetch = { fetchToFile: async (): Promise<never> => { throw new Error('no fetches in this test'); } };
const box = (x: number, y: number, width: number, height: number) => ({ x, y, width, height });
const layer = (content: TimedLayerPlan['content'], extra: Partial<TimedLayerPlan>): TimedLayerPlan => ({ content, start: 0, entrance: 'none', exit: 'none', overCharacter: false, ...extra });
const text = (t: string, at: ReturnType<typeof box>) => ({ type: 'text', box: at, text: t, fontFamily: 'Inter', fontSize: 0.09, fontWeight: 700, color: '#0F172A', align: 'left' }) as const;
const presenter = { type: 'avatar', avatarId: 'daniel_blazer_front', style: 'normal', scale: 0.8, offset: { x: 0.25, y: 0 }, matting: false } as const;

let clip = '';
let photo = '';
let logo = '';
before(async () => {
  clip = join(root, 'clip.mp4');
  photo = join(root, 'photo.png');
  logo = join(root, 'logo.png');
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=96x64:rate=25:duration=1', '-pix_fmt', 'yuv420p', clip]);
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `mandelbrot=size=${W}x${H}`, '-frames:v', '1', photo]);
  await run('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=0xF59E0B:s=40x20', '-frames:v', '1', logo]);
});

function templateLikePlan(fps: number): RenderPlan {
  const designed: BackgroundPlan = { type: 'layers', color: '#F8FAFC', layers: [{ type: 'shape', box: box(0, 0.8, 1, 0.2), color: '#0F172A' }, text('Welcome, Ada', box(0.05, 0.1, 0.5, 0.2))] };
  return {
    width: W, height: H, fps, seed: 3, format: 'mp4', burnCaptions: false,
    watermark: { source: { path: logo }, scale: 1, opacity: 0.8, position: 'top_right', offsetX: 0.02, offsetY: 0.02 },
    scenes: [
      {
        character: presenter, background: designed,
        voice: { type: 'text', voiceId: 'flite_rms', text: 'Hello there. Welcome to the team.', speed: 1, pitch: 0 },
        timedLayers: [
          layer(text('glad you are here', box(0.05, 0.35, 0.5, 0.15)), { start: 0.3, end: 1.6, entrance: 'fade', exit: 'fade' }),
          layer({ type: 'shape', box: box(0.05, 0.55, 0.2, 0.1), color: '#2563EB', cornerRadius: 0.02 }, { start: 0.2, entrance: 'slide', exit: 'scale' }),
          layer({ type: 'video', box: box(0.3, 0.55, 0.2, 0.2), source: { path: clip }, fit: 'cover', muted: true, loop: false, trim: { start: 0 } }, { start: 1, end: 1.5 }),
          layer({ type: 'shape', box: box(0.7, 0.85, 0.1, 0.05), color: '#F59E0B' }, { start: 0.8, entrance: 'scale', overCharacter: true }),
        ],
      },
      {
        character: null, background: { type: 'image', source: { path: photo }, fit: 'cover' },
        voice: { type: 'silence', durationSec: 2 }, transition: { type: 'fade', seconds: 0.3 },
        timedLayers: [layer(text('See you soon', box(0.05, 0.4, 0.6, 0.2)), { start: 0.2, entrance: 'slide', exit: 'fade' })],
      },
      { character: presenter, background: designed, voice: { type: 'silence', durationSec: 2 }, transition: { type: 'slide', seconds: 0.3 } },
    ],
  };
}

/** The stages before the encode, as the orchestrator runs them, and the overlay path's compose job. */
async function composeJobOf(plan: RenderPlan, dir: string): Promise<{ job: ComposeJob; totalFrames: number }> {
  const workDir = join(dir, 'work');
  await mkdir(workDir, { recursive: true });
  const ctx: RenderContext = { plan, format: effectiveFormat(plan), workDir, options: { fetcher: noFetch, cacheDir: join(root, 'cache') }, deps: realRenderDeps(), report: () => undefined, localCopies: new Map() };
  const [speech, visuals] = await Promise.all([runSpeechStage(ctx), runVisualsStage(ctx)]);
  assert.equal(visuals.stills, null, 'the plan takes the overlay path');
  const files = { video: join(dir, 'video.mp4'), captionedVideo: null, thumbnail: join(dir, 'thumb.jpg'), gif: join(dir, 'preview.gif'), srt: '', vtt: '' };
  const job = await overlayComposeJob(ctx, speech, visuals, await prepareEncodeInputs(ctx, speech, visuals), files);
  return { job, totalFrames: speech.totalFrames };
}

/**
 * Encodes `job` with x264 lossless (the only change to its argv), the previews beside it; `asComposed`
 * also keeps each frame's own timestamp, so the file holds exactly the frames the graph composed.
 */
async function encodeLossless(job: ComposeJob, dir: string, name: string, asComposed = false): Promise<{ video: string; thumbnail: string; gif: string }> {
  const out = { video: join(dir, `${name}.mp4`), thumbnail: join(dir, `${name}.jpg`), gif: join(dir, `${name}.gif`) };
  const args = buildComposeArgs({ ...job, outPath: out.video, previews: { thumbnailPath: out.thumbnail, gifPath: out.gif } });
  const crf = args.indexOf('-crf');
  assert.deepEqual(args.slice(crf, crf + 2), ['-crf', '23']);
  args.splice(crf, 2, '-qp', '0');
  if (asComposed) args.splice(args.indexOf('-r'), 0, '-fps_mode', 'passthrough');
  await run('ffmpeg', args, { maxBuffer: 1 << 24 });
  return out;
}

for (const fps of [25, 30, 60]) {
  test(`${fps} fps: only the changing frames are encoded, and every frame on the grid decodes to the picture composed for it (lossless)`, async () => {
    const dir = join(root, `lossless-${fps}`);
    const { job, totalFrames } = await composeJobOf(templateLikePlan(fps), dir);
    assert.equal(job.onlyChangingFrames, true);
    const composed = await frameHashes((await encodeLossless({ ...job, onlyChangingFrames: false }, dir, 'composed', true)).video);
    assert.equal(composed.length, totalFrames);
    const every = await encodeLossless({ ...job, onlyChangingFrames: false }, dir, 'every');
    const changing = await encodeLossless(job, dir, 'changing');
    const decoded = await frameHashes(changing.video, fps);
    const differing = decoded.map((h, f) => (h === composed[f] ? -1 : f)).filter((f) => f >= 0);
    assert.deepEqual(differing, [], 'grid frames that differ from the composed ones');
    assert.equal(decoded.length, totalFrames);
    // As before: the constant-rate encode (every frame) shows the same pictures. Not at 60 fps, where
    // it repeated and skipped pictures (its `-r` timed frames by the 1/25 s durations PNG inputs give).
    if (fps !== 60) assert.deepEqual(await frameHashes(every.video), composed);
    // Far fewer stored frames, each on the grid, the last one included.
    const stamps = await packetTimes(changing.video);
    assert.ok(stamps.length < totalFrames * 0.7, `${stamps.length} of ${totalFrames} frames stored`);
    for (const t of stamps) assert.ok(Math.abs(t * fps - Math.round(t * fps)) < 1e-3, `${t} s is on the ${fps} fps grid`);
    assert.equal(Math.round(stamps.at(-1)! * fps), totalFrames - 1);
    // The previews still see every frame: the same bytes.
    assert.deepEqual(await readFile(changing.thumbnail), await readFile(every.thumbnail));
    assert.deepEqual(await readFile(changing.gif), await readFile(every.gif));
  });
}

test('through the engine: the template-like render is stored at a variable rate on the grid, and lasts its frames', async () => {
  const plan = templateLikePlan(25);
  const result = await renderVideo(plan, join(root, 'engine'), { fetcher: noFetch, cacheDir: join(root, 'cache') });
  const frames = Math.round(result.durationSec * 25);
  const stamps = await packetTimes(result.video);
  assert.ok(stamps.length < frames * 0.7, `${stamps.length} of ${frames}`);
  assert.equal((await frameHashes(result.video, 25)).length, frames);
  const { stdout } = await run('ffprobe', ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', result.video]);
  assert.ok(Math.abs(Number(stdout) - result.durationSec) < 0.05, `container ${stdout.trim()} s for ${result.durationSec} s`);
});

/** The top-left corner of the white square in each gray frame, or null where it is not drawn. */
function squarePositions(raw: Buffer, width: number, height: number): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  for (let at = 0; at + width * height <= raw.length; at += width * height) {
    const i = raw.subarray(at, at + width * height).findIndex((v) => v > 200);
    out.push({ x: i % width, y: Math.floor(i / width) });
  }
  return out;
}

test('the idle-motion steps the engine predicts are where ffmpeg moves the overlay (4:2:0 even pixels)', async () => {
  for (const [seed, rigHeight, fps] of [[1, 300, 25], [2, 1000, 30], [5, 700, 60], [9, 1600, 25]] as const) {
    const motion = buildIdleMotion(seed, rigHeight);
    const rest = { x: 21, y: 16 };
    const frames = 40 * fps;
    const { x, y } = idleMotionExpressions(motion, rest.x, rest.y);
    const graph = `color=black:s=64x48:r=${fps},format=yuv420p,trim=end_frame=${frames},settb=1/${fps},setpts=N[bg];color=white:s=4x4:r=${fps},format=yuva420p[sq];`
      + `[bg][sq]overlay=x='${x}':y='${y}':eval=frame:format=yuv420:shortest=1,trim=end_frame=${frames},format=gray[out]`;
    const { stdout } = await run('ffmpeg', ['-v', 'error', '-filter_complex', graph, '-map', '[out]', '-f', 'rawvideo', '-'], { encoding: 'buffer', maxBuffer: 1 << 28 });
    const positions = squarePositions(stdout, 64, 48);
    assert.equal(positions.length, frames);
    const moved = positions.flatMap((p, f) => (f > 0 && (p.x !== positions[f - 1]!.x || p.y !== positions[f - 1]!.y) ? [f] : []));
    const predicted = idleMotionSteps({ startFrame: 0, frames, x: rest.x, y: rest.y, motion }, fps, { x: 1, y: 1 });
    assert.ok(moved.length > 10, `seed ${seed}: ${moved.length} steps`);
    assert.deepEqual(moved.filter((f) => !predicted.includes(f)), [], `seed ${seed} at ${fps} fps: steps not predicted`);
    assert.ok(predicted.length <= moved.length + 2, `seed ${seed}: ${predicted.length} predicted for ${moved.length}`);
  }
});
