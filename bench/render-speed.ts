// Render speed: a 60 s 1280×720 single-scene video through the whole pipeline (TTS, visemes, still
// sequencing, encode, thumbnail, GIF, captions, quality figures) against a bare ffmpeg encode of the
// same number of frames of a still image with the same encoder settings, measured in the same run.
// Prints figures; asserts nothing. `npm run bench` (BENCH_ROUNDS, BENCH_AVATAR, BENCH_VOICE).
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAvatarRig } from '../src/render/avatars/build-avatar-rig.js';
import { videoEncoderArgs } from '../src/render/compose/encoder-args.js';
import { runFfmpeg } from '../src/render/run-program.js';
import type { RenderPlan } from '../src/domain/render-plan.js';
import { renderVideo } from '../src/render/render-video.js';

const WIDTH = 1280;
const HEIGHT = 720;
const FPS = 25;
const AVATAR = process.env.BENCH_AVATAR ?? 'mei_casual_front';
const VOICE = process.env.BENCH_VOICE ?? 'flite_slt';
const ROUNDS = Math.max(1, Number(process.env.BENCH_ROUNDS ?? 5));

// ~60 s of speech at ~150 words per minute.
const SENTENCES = [
  'Welcome to this short tour of our new product, built for teams that move quickly.',
  'In the next minute I will show you how to set up a project and invite your colleagues.',
  'First, open the dashboard and choose a template that matches the work you do every day.',
  'Each template comes with sensible defaults, so you can start right away and adjust later.',
  'Next, add the people you work with, and give each of them the access they need.',
  'When everything is ready, press publish, and your project goes live for everyone at once.',
  'You can follow progress on the timeline, where every change is recorded with its author.',
  'If something goes wrong, roll back to any earlier version with a single click.',
  'Reports arrive in your inbox every Monday morning, with the numbers that matter most.',
  'Thank you for watching, and we look forward to seeing what you build with it.',
  'Questions are always welcome, so reach out to our support team at any time.',
  'Have a wonderful day, and good luck with your very first project.',
];

/** Peak RSS of this process plus every descendant (ffmpeg, TTS engines), sampled every 25 ms. */
function startMemorySampler(): () => number {
  let peak = 0;
  const rssOf = (pid: number): number => {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      return m ? Number(m[1]) * 1024 : 0;
    } catch {
      return 0;
    }
  };
  const descendants = (root: number): number[] => {
    const parents = new Map<number, number>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        parents.set(Number(entry), ppid);
      } catch {
        // the process ended while we looked
      }
    }
    const out: number[] = [];
    const frontier = [root];
    while (frontier.length) {
      const p = frontier.pop()!;
      for (const [child, parent] of parents) if (parent === p) (out.push(child), frontier.push(child));
    }
    return out;
  };
  // Scanning all of /proc costs ~0.5 s of CPU over a render at 25 ms, taken from the pipeline being
  // timed: the process tree is rescanned every 250 ms, the known processes' RSS read every 25 ms.
  let known: number[] = [];
  let ticks = 0;
  const sample = (): void => {
    if (ticks++ % 10 === 0) known = descendants(process.pid);
    const total = rssOf(process.pid) + known.reduce((s, pid) => s + rssOf(pid), 0);
    peak = Math.max(peak, total);
  };
  const timer = setInterval(sample, 25);
  return () => {
    clearInterval(timer);
    ticks = 0;
    sample();
    return peak;
  };
}

async function main(): Promise<void> {
  const root = await mkdtemp(join(tmpdir(), 'orator-bench-'));
  try {
    const cacheDir = join(root, 'cache');
    // The rig cache is warm in a running service; build it once outside the timing.
    const rigStart = performance.now();
    await buildAvatarRig({ avatarId: AVATAR, style: 'normal', height: HEIGHT, cacheDir });
    const rigSec = (performance.now() - rigStart) / 1000;

    const plan: RenderPlan = {
      width: WIDTH, height: HEIGHT, fps: FPS, seed: 1, format: 'mp4', burnCaptions: false,
      scenes: [{
        character: { type: 'avatar', avatarId: AVATAR, style: 'normal', scale: 1, offset: { x: 0, y: 0 }, matting: false },
        voice: { type: 'text', voiceId: VOICE, text: SENTENCES.join(' '), speed: 1, pitch: 0 },
        background: { type: 'color', color: '#e8eef5' },
      }],
    };
    // Rounds alternate pipeline and bare encode, so both see the same machine load; the median
    // ratio is the figure (single runs on a shared 2-core box swing by ±20 %).
    const rounds: { pipelineSec: number; bareSec: number; ratio: number; stages: string; timings: Record<string, number> }[] = [];
    let peakBytes = 0;
    let last: Awaited<ReturnType<typeof renderVideo>> | undefined;
    for (let round = 0; round < ROUNDS; round++) {
      const stopSampler = startMemorySampler();
      const stages = new Map<string, number>();
      const t0 = performance.now();
      const result = await renderVideo(plan, join(root, `out${round}`), {
        fetcher: { fetchToFile: async () => { throw new Error('no downloads in the benchmark'); } },
        cacheDir,
        onProgress: ({ stage }) => { if (!stages.has(stage)) stages.set(stage, performance.now() - t0); },
      });
      const pipelineSec = (performance.now() - t0) / 1000;
      peakBytes = Math.max(peakBytes, stopSampler());

      // Bare encode: the thumbnail decoded once and repeated by reference, same encoder settings.
      const frames = Math.round(result.durationSec * FPS);
      const bareStart = performance.now();
      await runFfmpeg([
        '-hide_banner', '-nostdin', '-y', '-v', 'error', '-i', result.thumbnail,
        // Convert once, then repeat: converting after `loop` would redo the conversion on every frame.
        '-vf', `scale=${WIDTH}:${HEIGHT},format=yuv420p,loop=loop=${frames - 1}:size=1:start=0,setpts=N/(${FPS}*TB)`,
        '-frames:v', String(frames), '-r', String(FPS), '-threads', '2', ...videoEncoderArgs('mp4'), join(root, 'bare.mp4'),
      ]);
      const bareSec = (performance.now() - bareStart) / 1000;
      const stageLine = [...stages.entries()].map(([stage, ms]) => `${stage}@${(ms / 1000).toFixed(2)}s`).join(' ');
      rounds.push({ pipelineSec, bareSec, ratio: bareSec / pipelineSec, stages: stageLine, timings: result.timings ?? {} });
      last = result;
      await rm(join(root, `out${round}`), { recursive: true, force: true });
    }
    const result = last!;
    const frames = Math.round(result.durationSec * FPS);
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const pipelineSec = median(rounds.map((r) => r.pipelineSec));
    const bareSec = median(rounds.map((r) => r.bareSec));
    console.log(`avatar ${AVATAR}, voice ${VOICE}, ${WIDTH}x${HEIGHT} @ ${FPS} fps, ${frames} frames, ${ROUNDS} rounds`);
    console.log(`rig build (cold cache, not timed below): ${rigSec.toFixed(2)} s`);
    console.log(`video duration:            ${result.durationSec.toFixed(2)} s`);
    for (const [i, r] of rounds.entries()) {
      console.log(`  round ${i + 1}: pipeline ${r.pipelineSec.toFixed(2)} s, bare ${r.bareSec.toFixed(2)} s, ratio ${r.ratio.toFixed(3)}   (${r.stages})`);
    }
    console.log(`full pipeline wall:        ${pipelineSec.toFixed(2)} s median  (${(result.durationSec / pipelineSec).toFixed(2)} video-s per wall-s)`);
    console.log(`bare still encode wall:    ${bareSec.toFixed(2)} s median  (${(result.durationSec / bareSec).toFixed(2)} video-s per wall-s)`);
    console.log(`ratio pipeline / bare:     ${median(rounds.map((r) => r.ratio)).toFixed(3)} median of rounds  (target ≥ 0.8)`);
    console.log(`peak RSS node + children:  ${(peakBytes / 1024 / 1024).toFixed(0)} MiB`);
    console.log(`quality figures:           correlation ${result.quality.envelopeCorrelation}, A/V offset ${result.quality.avOffsetMs} ms`);
    // Wall time per stage as the orchestrator measured it (RenderResult.timings), median of rounds: where the time goes.
    const stageNames = Object.keys(rounds[0]?.timings ?? {});
    const breakdown = stageNames.map((s) => `${s} ${median(rounds.map((r) => r.timings[s] ?? 0))} ms`).join(', ');
    console.log(`wall time per stage:       ${breakdown} (median of rounds; stages may overlap; sum ${stageNames.reduce((a, s) => a + median(rounds.map((r) => r.timings[s] ?? 0)), 0)} ms)`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
