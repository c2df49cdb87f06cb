// The single encode pass: backgrounds (one chain per segment, concatenated), avatars (one concat
// list of precomputed stills per run of scenes, overlaid with idle motion), audio (scene tracks
// padded/trimmed to whole frames, concatenated), one encoder, audio muxed in the same pass.
import type { OutputFormat } from '../../domain/render-plan.js';
import { backgroundChain, type BackgroundOf, type BackgroundSegment } from './background-filter.js';
import { audioEncoderArgs, containerArgs, overlayFormat, videoEncoderArgs, workingPixelFormat } from './encoder-args.js';
import { idleMotionExpressions, type IdleMotion } from '../motion/idle-motion.js';
import type { WatermarkInput } from '../media/watermark.js';
import { MOTION_CROP } from './crop-commands.js';
import { escapeFilterPath } from '../media/build-burn-captions-args.js';
import { previewBranches, type PreviewOutputs } from '../media/build-preview-args.js';
import { AUDIO_SAMPLE_RATE, audioGraph, voicesOnlyOutputArgs, type AudioLayerInput, type AudioTrackInput } from './audio-graph.js';
import { avatarChangeSpans, backgroundChangeSpans, mergeSpans, selectFramesExpression, type FrameSpan } from './changing-frames.js';
import { appendTransitions, transitionChangeSpans, type TransitionInput } from './scene-transitions.js';
import { overlayTimedLayers, timedLayerChangeSpans, type TimedLayerInput } from './timed-layer-filter.js';

export { AUDIO_SAMPLE_RATE, type AudioLayerInput, type AudioTrackInput } from './audio-graph.js';
export type { TimedLayerInput } from './timed-layer-filter.js';

export type BackgroundInput = BackgroundOf<{ path: string }>;

export interface AvatarTrackInput {
  /** ffconcat list of the rig's stills for this run of scenes. */
  concatPath: string;
  startFrame: number;
  frames: number;
  /** Top-left corner at rest. */
  x: number;
  y: number;
  motion: IdleMotion;
  /** Frames from the track's first where its still changes (the concat list's entries); needed to skip unchanged frames. */
  stateChanges?: readonly number[];
}

export interface ComposeJob {
  width: number;
  height: number;
  fps: number;
  format: OutputFormat;
  backgrounds: BackgroundInput[];
  avatars: AvatarTrackInput[];
  /** Template layers on the timeline, bottom first: under the avatars, or over them; absent = none. */
  timedLayers?: TimedLayerInput[];
  audio: AudioTrackInput[];
  /** Music and video-layer sound mixed under the voices; absent = none. */
  audioLayers?: AudioLayerInput[];
  /** Where to write the voices alone when audio layers are mixed under them (for the quality figures). */
  voicesOnlyPath?: string | null;
  /** Scene transitions on the finished picture (before the watermark); absent = cuts. */
  transitions?: TransitionInput[];
  outPath: string;
  /** Encoder threads; fixed so output bytes do not depend on the machine's core count. */
  threads?: number;
  /** A logo over the finished picture, already sized and faded. */
  watermark?: WatermarkInput | null;
  /** Thumbnail and GIF made in the same pass. */
  previews?: PreviewOutputs;
  /**
   * Encode only the frames where the picture can change, each held until the next (variable frame
   * rate on the fps grid); absent = every frame at a constant rate. Needs every avatar's `stateChanges`.
   */
  onlyChangingFrames?: boolean;
}

export function totalFramesOf(job: Pick<ComposeJob, 'backgrounds'>): number {
  return job.backgrounds.reduce((sum, b) => sum + b.frames, 0);
}

export function buildComposeArgs(job: ComposeJob): string[] {
  const { width, height, fps, format } = job;
  const pixelFormat = workingPixelFormat(format);
  const totalFrames = totalFramesOf(job);
  const { inputs, addInput } = inputList();
  const graph: string[] = [];

  // Backgrounds.
  const backgroundLabels: string[] = [];
  job.backgrounds.forEach((background, i) => {
    let segment: BackgroundSegment;
    if (background.kind === 'image') {
      segment = { kind: 'image', frames: background.frames, inputIndex: addInput(['-i', background.path]) };
    } else if (background.kind === 'video') {
      const loop = background.playStyle === 'loop' ? ['-stream_loop', '-1'] : [];
      segment = {
        kind: 'video',
        frames: background.frames,
        fit: background.fit,
        playStyle: background.playStyle,
        sourceDurationSec: background.sourceDurationSec,
        inputIndex: addInput([...loop, '-i', background.path]),
      };
    } else {
      segment = background;
    }
    const { source, chain } = backgroundChain(segment, { width, height, fps, pixelFormat });
    const label = `bg${i}`;
    graph.push(`${source ? `[${source}]` : ''}${chain}[${label}]`);
    backgroundLabels.push(label);
  });
  let current = 'bg';
  if (backgroundLabels.length === 1) current = backgroundLabels[0]!;
  // Restamped after the concat: ffmpeg 5.1's concat takes a video segment's length as its mean frame
  // spacing, so a one-frame segment lasts 0 s and every later scene starts a frame early.
  else graph.push(`${backgroundLabels.map((l) => `[${l}]`).join('')}concat=n=${backgroundLabels.length}:v=1:a=0,settb=1/${fps},setpts=N[bg]`);
  const layerSpec = { fps, height, layerPixelFormat: format === 'mov' ? 'yuva444p' : 'yuva420p', overlayFormat: overlayFormat(format) };
  const timed = job.timedLayers ?? [];
  current = overlayTimedLayers(graph, current, timed.filter((l) => !l.overCharacter), addInput, layerSpec, 'tu');

  // Avatars: the concat demuxer emits one frame per state change; the overlay holds the newest one.
  job.avatars.forEach((avatar, i) => {
    const index = addInput(['-f', 'concat', '-safe', '0', '-i', avatar.concatPath]);
    graph.push(`[${index}:v]${avatarTrackChain(avatar, fps)}[av${i}]`);
    const { x, y } = idleMotionExpressions(avatar.motion, avatar.x, avatar.y);
    const out = `ov${i}`;
    graph.push(`[${current}][av${i}]overlay=x='${x}':y='${y}':eval=frame:format=${overlayFormat(format)}:eof_action=pass[${out}]`);
    current = out;
  });
  current = overlayTimedLayers(graph, current, timed.filter((l) => l.overCharacter), addInput, layerSpec, 'to');
  if (job.transitions?.length) current = appendTransitions(graph, current, job.transitions, { fps, width, height, pixelFormat });
  if (job.watermark) current = overlayWatermark(graph, current, job.watermark, addInput(['-i', job.watermark.path]), format);
  const changing = changingFrames(job);
  // The previews take every frame as before; only the encoder's branch drops the unchanged ones.
  const dropUnchanged = changing ? `settb=1/${fps},setpts=N,select='${selectFramesExpression(changing)}'` : null;
  const previewOutputs = finishPicture(graph, `[${current}]trim=end_frame=${totalFrames},format=${pixelFormat}`, job.previews, { format, fps, totalFrames }, dropUnchanged);

  const sound = audioGraph(job, graph, addInput);
  const audioOut = opusFramed(graph, sound.main, format);

  return [
    '-hide_banner', '-nostdin', '-y', '-v', 'error', '-progress', 'pipe:1', '-nostats',
    ...inputs,
    '-filter_complex', graph.join(';'),
    // With changing frames only, `-r` still names the rate: the encoder's time base would otherwise
    // come from the inputs (a PNG's 25 fps), which rounds a 30 fps grid onto 1/25 s.
    ...outputArgs(format, changing ? ['-r', String(fps), ...VARIABLE_RATE] : ['-r', String(fps)], audioOut, job.threads, job.outPath),
    ...previewOutputs,
    ...voicesOnlyOutputArgs(sound.voicesOnly, job.voicesOnlyPath),
  ];
}

/**
 * One avatar track on the video's timeline, drawn from its first frame to its last and nowhere else.
 * No `enable` on the overlay: with two inputs, ffmpeg evaluates it on whichever input's frame was
 * taken last, often the avatar's next state change (up to its closing frame, past the track's end),
 * which blanked the presenter on a frame near the end of its run. The track itself ends it: before its
 * first frame the overlay draws nothing, the closing frame the ffconcat repeats at the end is made
 * transparent (a one-input filter times itself on its own frames), and `eof_action=pass` stops blending after it.
 */
function avatarTrackChain(avatar: AvatarTrackInput, fps: number): string {
  const shift = avatar.startFrame > 0 ? `setpts=PTS+${(avatar.startFrame / fps).toFixed(6)}/TB` : 'setpts=PTS-STARTPTS';
  // Half a frame before the end: past the last state change (on its frame or a quarter frame early), before the closing frame (on the end).
  const end = (avatar.startFrame + avatar.frames - 0.5) / fps;
  return `${shift},colorchannelmixer=aa=0:enable='gte(t,${end.toFixed(6)})'`;
}

/**
 * Frames keep their own timestamps; keyframes at least every 10 s of video, as 250 frames at 25 fps
 * would give, since x264 counts its keyframe interval in frames.
 */
const VARIABLE_RATE = ['-fps_mode', 'passthrough', '-force_key_frames', 'expr:gte(t,n_forced*10)'];

/**
 * The frames the encoder gets when it skips unchanged ones (ComposeJob.onlyChangingFrames), or null
 * for every frame: not asked, or an avatar without its state changes (its changes are unknown).
 */
function changingFrames(job: ComposeJob): FrameSpan[] | null {
  if (!job.onlyChangingFrames || job.avatars.some((a) => !a.stateChanges)) return null;
  const chroma = overlayFormat(job.format) === 'yuv420' ? { x: 1, y: 1 } : { x: 0, y: 0 };
  const spans = [
    ...backgroundChangeSpans(job.backgrounds),
    ...job.avatars.flatMap((a) => avatarChangeSpans({ ...a, stateChanges: a.stateChanges! }, job.fps, chroma)),
    ...(job.timedLayers ?? []).flatMap((l) => timedLayerChangeSpans(l, job.fps)),
    ...transitionChangeSpans(job.transitions ?? []),
  ];
  return mergeSpans(spans, totalFramesOf(job));
}

/**
 * The picture's last chain ends in `[vout]`, the encoder's input; with previews, a split also feeds
 * their branches (they end themselves after the first seconds). `encoderOnly` filters the encoder's
 * branch alone.
 */
function finishPicture(
  graph: string[], chain: string, previews: PreviewOutputs | null | undefined, video: { format: OutputFormat; fps: number; totalFrames: number }, encoderOnly: string | null = null,
): string[] {
  if (!previews) {
    graph.push(`${chain}${encoderOnly ? `,${encoderOnly}` : ''}[vout]`);
    return [];
  }
  graph.push(`${chain},split=3[${encoderOnly ? 'vall' : 'vout'}][pthumb][pgif]`);
  if (encoderOnly) graph.push(`[vall]${encoderOnly}[vout]`);
  const branches = previewBranches({ thumb: 'pthumb', gif: 'pgif' }, { ...previews, ...video });
  graph.push(...branches.graph);
  return branches.outputs;
}

/**
 * The watermark goes on last, at a fixed position (no per-frame expression). A one-frame PNG input
 * is held by the overlay's default `eof_action=repeat`, so it needs no `-loop 1` re-decoding.
 */
function overlayWatermark(graph: string[], current: string, watermark: WatermarkInput, inputIndex: number, format: OutputFormat): string {
  graph.push(`[${current}][${inputIndex}:v]overlay=x=${watermark.x}:y=${watermark.y}:format=${overlayFormat(format)}[wm]`);
  return 'wm';
}

/** ffmpeg's input argv, growing as inputs are added; `addInput` returns the new input's index. */
function inputList(): { inputs: string[]; addInput: (args: string[]) => number } {
  const inputs: string[] = [];
  let count = 0;
  return {
    inputs,
    addInput: (args) => {
      inputs.push(...args);
      return count++;
    },
  };
}

/**
 * Opus takes fixed 20 ms frames. ffmpeg 5.1 re-frames audio for it only once the encoder is open, which a
 * graph made of filter sources alone (silent scenes: anullsrc) outruns: "more samples than frame size".
 */
function opusFramed(graph: string[], audio: string | null, format: OutputFormat): string | null {
  if (audio === null || format !== 'webm') return audio;
  graph.push(`[${audio}]asetnsamples=n=${AUDIO_SAMPLE_RATE / 50}:p=0[aopus]`);
  return 'aopus';
}

/**
 * The main output: `[vout]` and the audio, encoded. `timing` says how frames meet the clock: a
 * constant rate (`-r`), or each frame's own timestamp on the variable-rate stills path.
 */
function outputArgs(format: OutputFormat, timing: string[], audioOut: string | null, threads: number | undefined, outPath: string): string[] {
  return [
    '-map', '[vout]',
    ...(audioOut ? ['-map', `[${audioOut}]`] : []),
    // No `-frames:v`: the graph's trim already ends the picture, and ffmpeg 5.1 closes every stream
    // of an output when one reaches its frame limit, which cut the audio short whenever the preview
    // branches made it schedule the video ahead of the audio.
    ...timing,
    '-threads', String(threads ?? 2),
    ...videoEncoderArgs(format),
    ...(audioOut ? audioEncoderArgs(format) : []),
    ...containerArgs(format),
    outPath,
  ];
}

/** The fast path for static backgrounds: the avatar is already composited into full-frame stills. */
export interface StillsComposeJob {
  width: number;
  height: number;
  fps: number;
  /** ffconcat list of full-frame y4m stills, one entry per distinct frame, starting on the fps grid. */
  concatPath: string;
  /** `sendcmd` script moving the crop window (the idle motion; see crop-commands.ts), or null when it never moves. */
  motionCommandsPath: string | null;
  /** The window's first position on the padded stills. */
  start: { x: number; y: number };
  totalFrames: number;
  audio: AudioTrackInput[];
  audioLayers?: AudioLayerInput[];
  /** Where to write the voices alone when audio layers are mixed under them (for the quality figures). */
  voicesOnlyPath?: string | null;
  outPath: string;
  threads?: number;
  watermark?: WatermarkInput | null;
  /** Thumbnail and GIF made in the same pass. */
  previews?: PreviewOutputs;
}

/**
 * Static backgrounds need no overlay: the frames are a sequence of precomposited stills and the idle
 * motion is a crop window over a slightly larger canvas, moved by commands at the frames where it
 * steps. Nothing repeats a frame: a picture held for ten frames is one frame lasting 0.4 s (variable
 * frame rate, every timestamp on the fps grid), so the encoder only works where the picture changes.
 */
export function buildStillsComposeArgs(job: StillsComposeJob): string[] {
  const { width, height, fps, totalFrames } = job;
  const { inputs, addInput } = inputList();
  const graph: string[] = [];
  const index = addInput(['-f', 'concat', '-safe', '0', '-i', job.concatPath]);
  // settb: timestamps in frames, so the end is an exact frame count (the concat demuxer repeats the
  // last still once more at the very end, which this trim drops).
  const commands = job.motionCommandsPath ? `sendcmd=f=${escapeFilterPath(job.motionCommandsPath)},` : '';
  const window = `settb=1/${fps},${commands}${MOTION_CROP}=${width}:${height}:${job.start.x}:${job.start.y}`;
  const end = `trim=end_pts=${totalFrames},format=yuv420p`;
  let chain = `[${index}:v]${window},${end}`;
  if (job.watermark) {
    graph.push(`[${index}:v]${window}[frames]`);
    chain = `[${overlayWatermark(graph, 'frames', job.watermark, addInput(['-i', job.watermark.path]), 'mp4')}]${end}`;
  }
  const previewOutputs = finishPicture(graph, chain, job.previews, { format: 'mp4', fps, totalFrames });
  const sound = audioGraph(job, graph, addInput);
  const audioOut = sound.main;
  return [
    '-hide_banner', '-nostdin', '-y', '-v', 'error', '-progress', 'pipe:1', '-nostats',
    ...inputs,
    '-filter_complex', graph.join(';'),
    ...outputArgs('mp4', VARIABLE_RATE, audioOut, job.threads, job.outPath),
    ...previewOutputs,
    ...voicesOnlyOutputArgs(sound.voicesOnly, job.voicesOnlyPath),
  ];
}
