// Encode stage: per-frame mouth and eye state for each avatar track, then one ffmpeg pass with the
// audio muxed in and the previews (thumbnail, GIF) split off. Static backgrounds in MP4 take the fast
// path (precomposited full-frame stills, no overlay); the rest overlay the rig on the background.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScenePlan } from '../../domain/render-plan.js';
import type { AvatarRig } from '../avatars/avatar-catalogue.js';
import { buildBlinkSchedule, eyesClosedMask } from '../motion/blink-schedule.js';
import { buildComposeArgs, buildStillsComposeArgs, type AudioLayerInput, type ComposeJob, type AudioTrackInput, type AvatarTrackInput, type BackgroundInput } from '../compose/build-compose-args.js';
import { transitionInputs } from '../compose/scene-transitions.js';
import { timedLayerInputs } from '../compose/timed-layer-filter.js';
import { prepareAudioLayers } from './audio-layers.js';
import { buildCropCommands, type CropStep } from '../compose/crop-commands.js';
import { buildFfconcat } from '../compose/ffconcat.js';
import { moveLongGraphToScript } from '../compose/filter-script.js';
import { alignMotionToChanges, frameRuns, type WindowPosition } from '../stills/frame-runs.js';
import { buildIdleMotion, idleMotionStepAt, type IdleMotion } from '../motion/idle-motion.js';
import { prepareRigStills, stateKey } from '../stills/prepare-rig-stills.js';
import { buildStillRuns, exactConcatEntries, stillRunsToConcatEntries } from '../stills/still-sequence.js';
import { runFfmpeg } from '../run-program.js';
import { StillFactory } from '../stills/still-factory.js';
import type { Viseme } from '../visemes/viseme.js';
import type { OutputFiles } from './outputs-stage.js';
import { runStep, type RenderContext } from './render-context.js';
import type { SpeechStageOutput, SpokenScene } from './speech-stage.js';
import type { VisualsStageOutput } from './visuals-stage.js';

/** An avatar track with its timing: where it starts, and its mouth and eyes on every frame. */
export interface TimedTrack {
  rig: AvatarRig;
  startFrame: number;
  frames: number;
  visemes: Viseme[];
  eyesClosed: boolean[];
  /** Top-left corner of the rig at rest, frame coordinates. */
  rest: { x: number; y: number };
  motion: IdleMotion;
}

export interface EncodeStageOutput {
  tracks: TimedTrack[];
  /** The voices alone, written beside the video when music was mixed under them (may be absent if every layer was silent). */
  voicesOnlyPath: string | null;
}

/** Music under the voices would blur the lip-sync figures: the encode then also writes the voices alone. */
function voicesOnlyPathOf(ctx: RenderContext, audioLayers: readonly AudioLayerInput[]): string | null {
  return audioLayers.length > 0 ? join(ctx.workDir, 'voices-only.wav') : null;
}

/** What both encode paths take: each avatar track timed, the scenes' voices and the sound layers. */
export interface EncodeInputs {
  tracks: TimedTrack[];
  audio: AudioTrackInput[];
  audioLayers: AudioLayerInput[];
}

export async function prepareEncodeInputs(ctx: RenderContext, speech: SpeechStageOutput, visuals: VisualsStageOutput): Promise<EncodeInputs> {
  const tracks = timeTracks(ctx, speech, visuals);
  const audio: AudioTrackInput[] = speech.scenes.map((s, i) => ({ path: s.audioPath, frames: s.frames, ...volumeOf(ctx.plan.scenes[i]!) }));
  return { tracks, audio, audioLayers: await prepareAudioLayers(ctx, speech) };
}

export async function runEncodeStage(ctx: RenderContext, speech: SpeechStageOutput, visuals: VisualsStageOutput, files: OutputFiles): Promise<EncodeStageOutput> {
  const { plan } = ctx;
  ctx.report(32, 'avatar');
  const inputs = await prepareEncodeInputs(ctx, speech, visuals);
  const built = visuals.stills
    ? await precomposedArgs(ctx, visuals.stills, inputs, speech.totalFrames, visuals, files)
    : buildComposeArgs(await overlayComposeJob(ctx, speech, visuals, inputs, files));
  const scriptPath = join(ctx.workDir, 'graph.txt');
  const { args, script } = moveLongGraphToScript(built, scriptPath);
  if (script !== null) await writeFile(scriptPath, script);
  ctx.report(35, 'avatar');
  const durationSec = speech.totalFrames / plan.fps;
  const signal = ctx.options.signal;
  await runStep('encoding', () =>
    runFfmpeg(args, { ...(signal ? { signal } : {}), onProgress: (sec) => ctx.report(35 + 50 * Math.min(1, sec / durationSec), 'encoding') }),
  );
  ctx.report(85, 'encoding');
  return { tracks: inputs.tracks, voicesOnlyPath: voicesOnlyPathOf(ctx, inputs.audioLayers) };
}

function timeTracks(ctx: RenderContext, speech: SpeechStageOutput, visuals: VisualsStageOutput): TimedTrack[] {
  const { plan } = ctx;
  return visuals.tracks.map((track, t) => {
    const frames = sumFrames(speech.scenes, track.scenes);
    const blinks = buildBlinkSchedule({ totalFrames: frames, fps: plan.fps, seed: plan.seed + t });
    return {
      rig: track.rig, startFrame: speech.sceneStarts[track.scenes[0]!]!, frames,
      visemes: track.scenes.flatMap((i) => speech.scenes[i]!.visemes), eyesClosed: eyesClosedMask(blinks, frames),
      rest: track.rest, motion: visuals.stills?.motion ?? buildIdleMotion(plan.seed + t, track.rig.height),
    };
  });
}

function volumeOf(scene: ScenePlan): { volume?: number } {
  return scene.voice.type === 'text' && scene.voice.volume !== undefined ? { volume: scene.voice.volume } : {};
}

function sumFrames(scenes: readonly SpokenScene[], indices: readonly number[]): number {
  return indices.reduce((sum, i) => sum + scenes[i]!.frames, 0);
}

/**
 * Overlay path: one concat list of the rig's stills per track, overlaid with idle motion; in MP4 only
 * the frames that can change are encoded.
 */
export async function overlayComposeJob(ctx: RenderContext, speech: SpeechStageOutput, visuals: VisualsStageOutput, inputs: EncodeInputs, files: OutputFiles): Promise<ComposeJob> {
  const { plan, workDir } = ctx;
  const { tracks, audio, audioLayers } = inputs;
  const backgrounds: BackgroundInput[] = visuals.backgrounds.map((b) => ({ ...b.input, frames: sumFrames(speech.scenes, b.scenes) }) as BackgroundInput);
  const avatars: AvatarTrackInput[] = [];
  for (const [t, track] of tracks.entries()) {
    const runs = buildStillRuns(track.visemes, track.eyesClosed);
    const stills = await prepareRigStills(track.rig, runs, workDir, `rig${t}`);
    const entries = stillRunsToConcatEntries(runs, plan.fps, (run) => stills.get(stateKey(run))!);
    const concatPath = join(workDir, `avatar${t}.ffconcat`);
    await writeFile(concatPath, buildFfconcat(entries, plan.fps));
    avatars.push({ concatPath, startFrame: track.startFrame, frames: track.frames, x: track.rest.x, y: track.rest.y, motion: track.motion, stateChanges: runStarts(runs) });
  }
  return {
    width: plan.width, height: plan.height, fps: plan.fps, format: ctx.format, backgrounds, avatars, audio, audioLayers, voicesOnlyPath: voicesOnlyPathOf(ctx, audioLayers), outPath: files.video,
    // MP4 only, like the precomposited path (whose x264 settings these are too).
    onlyChangingFrames: ctx.format === 'mp4',
    timedLayers: timedLayerInputs(visuals.timedLayers, speech.sceneStarts, speech.scenes.map((s) => s.frames), plan.fps),
    transitions: transitionInputs(plan.scenes, speech.sceneStarts, plan.fps, speech.totalFrames),
    watermark: visuals.watermark, previews: { thumbnailPath: files.thumbnail, gifPath: files.gif },
  };
}

/** The frame (from the first) where each run of one still starts. */
function runStarts(runs: readonly { frames: number }[]): number[] {
  let frame = 0;
  return runs.map((run) => {
    const start = frame;
    frame += run.frames;
    return start;
  });
}

/** Fast path: a concat list of precomposited stills, with the idle motion as crop-window commands. */
async function precomposedArgs(
  ctx: RenderContext, stills: StillFactory, { tracks, audio, audioLayers }: EncodeInputs, totalFrames: number, visuals: VisualsStageOutput, files: OutputFiles,
): Promise<string[]> {
  const { plan, workDir } = ctx;
  const fps = plan.fps;
  const keys = new Array<string>(totalFrames);
  // Backgrounds first, then the avatar state on top, frame by frame.
  const backgroundOf = new Array<number>(totalFrames).fill(0);
  let frame = 0;
  audio.forEach((scene, i) => {
    for (let k = 0; k < scene.frames; k++) backgroundOf[frame++] = stills.sceneBackgrounds[i] ?? 0;
  });
  for (let f = 0; f < totalFrames; f++) keys[f] = StillFactory.key(backgroundOf[f]!, -1);
  tracks.forEach((track, t) => {
    for (let i = 0; i < track.frames; i++) {
      const f = track.startFrame + i;
      keys[f] = StillFactory.key(backgroundOf[f]!, t, track.visemes[i], track.eyesClosed[i]);
    }
  });
  // The picture on each frame is its still and the window position; only changes become frames.
  const positions = new Array<WindowPosition>(totalFrames);
  for (let f = 0; f < totalFrames; f++) {
    const { dx, dy } = idleMotionStepAt(stills.motion, f / fps);
    positions[f] = { x: stills.padPx - dx, y: stills.padPx - dy };
  }
  const runs = frameRuns(keys, alignMotionToChanges(keys, positions));
  const paths = new Map<string, string>();
  for (const run of runs) if (!paths.has(run.key)) paths.set(run.key, await stills.path(run.key));
  const concatPath = join(workDir, 'frames.ffconcat');
  await writeFile(concatPath, buildFfconcat(exactConcatEntries(runs, fps, (run) => paths.get(run.key)!)));
  const steps: CropStep[] = [];
  for (const run of runs) {
    const last = steps[steps.length - 1];
    if (!last || last.x !== run.x || last.y !== run.y) steps.push({ startFrame: run.startFrame, x: run.x, y: run.y });
  }
  // sendcmd refuses an empty script: a picture that never moves (a very short video) has none.
  const motionCommandsPath = steps.length > 1 ? join(workDir, 'motion.cmd') : null;
  if (motionCommandsPath) await writeFile(motionCommandsPath, buildCropCommands(steps, fps));
  return buildStillsComposeArgs({
    width: plan.width, height: plan.height, fps, concatPath, motionCommandsPath, start: { x: steps[0]!.x, y: steps[0]!.y },
    totalFrames, audio, audioLayers, voicesOnlyPath: voicesOnlyPathOf(ctx, audioLayers), outPath: files.video, watermark: visuals.watermark, previews: { thumbnailPath: files.thumbnail, gifPath: files.gif },
  });
}
