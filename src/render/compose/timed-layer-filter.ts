// Timed layers in the single encode pass (issue #12): each layer's picture (a PNG of its box decoded once,
// or a clip fitted to its box) becomes a stream of exactly its frames, placed on the video's timeline,
// and is overlaid only over its span. Entrances and exits are filters evaluated by the encoder: alpha by
// `fade`, movement by the overlay's position expressions, size by a per-frame `scale` of the layer alone
// (never of the full frame). Nothing is drawn per frame in JS.
import type { ImageFit, LayerAnimation } from '../../domain/render-plan.js';

/** A still layer's PNG, or a clip with what to play of it and how it is fitted into its box. */
export type TimedLayerPicture =
  | { kind: 'still'; path: string }
  | {
      kind: 'video';
      path: string;
      /** Starts again at its end (the file is one section to loop), or holds its last frame. */
      loop: boolean;
      /** Seconds into the file where playing starts. */
      trimStartSec: number;
      /** Seconds of the file to play from there; null = to its end. */
      playSec: number | null;
      /** How the clip fills the layer's box (fitted by ffmpeg, which sees the picture as decoded). */
      fit: ImageFit;
    };

/** A layer ready to draw, timed relative to its scene (what the visuals stage prepares). */
export interface PreparedTimedLayer {
  scene: number;
  picture: TimedLayerPicture;
  /**
   * Where the picture sits at rest, frame pixels: a still's PNG is exactly this size; a clip is fitted
   * into it and centred (a `contain` clip may be smaller).
   */
  x: number;
  y: number;
  width: number;
  height: number;
  /** Seconds from the scene's start; `endSec` null = the scene's end. */
  startSec: number;
  endSec: number | null;
  entrance: LayerAnimation;
  exit: LayerAnimation;
  overCharacter: boolean;
}

/** A layer on the video's frame grid. */
export interface TimedLayerInput extends Omit<PreparedTimedLayer, 'scene' | 'startSec' | 'endSec'> {
  startFrame: number;
  frames: number;
}

export interface TimedLayerSpec {
  fps: number;
  /** Frame height: a slide moves a fixed share of it. */
  height: number;
  /** The alpha pixel format layers are converted to once (matching the overlay's format). */
  layerPixelFormat: string;
  overlayFormat: string;
}

/** Longest entrance or exit; a brief layer gets a third of its time for each. */
export const ANIMATION_SEC = 0.5;
/** How far a slide travels, as a share of the frame height. */
export const SLIDE_SHARE = 0.06;
/** The size a scale entrance starts from (and an exit ends at). */
export const SCALE_FROM = 0.8;

/** Layers on the frame grid: a scene's layer spans its start to its end (or the scene's), inside the scene. */
export function timedLayerInputs(layers: readonly PreparedTimedLayer[], sceneStarts: readonly number[], sceneFrames: readonly number[], fps: number): TimedLayerInput[] {
  return layers.flatMap(({ scene, startSec, endSec, ...layer }) => {
    const length = sceneFrames[scene] ?? 0;
    const from = Math.round(startSec * fps);
    const to = endSec === null ? length : Math.min(length, Math.round(endSec * fps));
    if (to <= from) return [];
    return [{ ...layer, startFrame: sceneStarts[scene]! + from, frames: to - from }];
  });
}

/** Frames of an entrance or of an exit for a layer shown `frames` frames. */
export function animationFrames(frames: number, fps: number): number {
  return Math.max(1, Math.min(Math.round(ANIMATION_SEC * fps), Math.floor(frames / 3)));
}

/**
 * The frames where a layer can change the picture (see changing-frames.ts): its first frame and the one
 * after its last, its entrance up to the first frame at rest and its exit, and all of a clip's frames.
 * Spans are [start, end) and may overlap; they err a frame wide rather than a frame short.
 */
export function timedLayerChangeSpans(layer: TimedLayerInput, fps: number): { start: number; end: number }[] {
  const first = layer.startFrame;
  const after = layer.startFrame + layer.frames;
  if (layer.picture.kind === 'video') return [{ start: first, end: after + 1 }];
  const n = animationFrames(layer.frames, fps);
  const spans = [{ start: first, end: first + 1 }, { start: after, end: after + 1 }];
  if (layer.entrance !== 'none') spans.push({ start: first, end: first + n + 1 });
  if (layer.exit !== 'none') spans.push({ start: after - n - 1, end: after });
  return spans;
}

const sec = (s: number): string => s.toFixed(6).replace(/\.?0+$/, '') || '0';

/** The layer's input argv: a PNG read once; a clip cut to what it plays while on screen. */
export function timedLayerInputArgs(layer: TimedLayerInput, fps: number): string[] {
  const p = layer.picture;
  if (p.kind === 'still') return ['-i', p.path];
  const span = layer.frames / fps;
  if (p.loop) return ['-stream_loop', '-1', '-t', sec(span), '-i', p.path];
  const play = p.playSec === null ? span : Math.min(span, p.playSec);
  return [...(p.trimStartSec > 0 ? ['-ss', sec(p.trimStartSec)] : []), '-t', sec(play), '-i', p.path];
}

/** Ease-out cubic of the animation's progress: 0 at `fromSec`, 1 after `durationSec`. */
function eased(variable: string, fromSec: number, durationSec: number): string {
  return `(1-pow(1-clip((${variable}-${sec(fromSec)})/${sec(durationSec)},0,1),3))`;
}

interface Timing {
  /** Timeline seconds of the first frame, of the exit's first frame, and an animation's length. */
  start: number;
  exitStart: number;
  duration: number;
}

function timingOf(layer: TimedLayerInput, fps: number): Timing {
  const n = animationFrames(layer.frames, fps);
  return { start: layer.startFrame / fps, exitStart: (layer.startFrame + layer.frames - n) / fps, duration: n / fps };
}

/** The size factor over time, as an expression of `t`, or null when the layer never changes size. */
function scaleFactor(layer: TimedLayerInput, timing: Timing): string | null {
  const grow = layer.entrance === 'scale' ? eased('t', timing.start, timing.duration) : '1';
  const shrink = layer.exit === 'scale' ? eased('t', timing.exitStart, timing.duration) : '0';
  if (grow === '1' && shrink === '0') return null;
  return `(${SCALE_FROM}+${sec(1 - SCALE_FROM)}*min(${grow},1-${shrink}))`;
}

/** The picture as a stream of exactly the layer's frames, timestamped on the video's timeline. */
function pictureChain(layer: TimedLayerInput, inputIndex: number, spec: TimedLayerSpec): string {
  const { fps, layerPixelFormat } = spec;
  // On the video's frame grid: a PNG arrives with a 1/25 s time base, too coarse for 30 or 60 fps.
  const place = `settb=1/${fps},setpts=N+${layer.startFrame}`;
  const p = layer.picture;
  // Converted before looping: after `loop` the conversion would run on every repeated frame.
  if (p.kind === 'still') return `[${inputIndex}:v]format=${layerPixelFormat},loop=loop=${layer.frames - 1}:size=1:start=0,${place}`;
  // A clip shorter than the span holds its last frame (a looped one is cut to the span by -t anyway).
  return `[${inputIndex}:v]setpts=PTS-STARTPTS,fps=${fps},${clipFit(p.fit, layer.width, layer.height)},setsar=1,format=${layerPixelFormat},`
    + `tpad=stop_mode=clone:stop=-1,trim=end_frame=${layer.frames},${place}`;
}

/** Scale and crop so a clip fills its box the way `fit` says; `contain` and `none` leave it smaller, with nothing around it. */
export function clipFit(fit: ImageFit, width: number, height: number): string {
  switch (fit) {
    case 'cover':
    case 'crop':
      return `scale=${width}:${height}:force_original_aspect_ratio=increase,crop=${width}:${height}`;
    case 'contain':
      return `scale=${width}:${height}:force_original_aspect_ratio=decrease:force_divisible_by=2`;
    case 'none':
      return `crop='min(iw,${width})':'min(ih,${height})'`;
  }
}

/** Alpha ramps by frame count: in over the first frames, out over the last (every animation fades too). */
function fadeFilters(layer: TimedLayerInput, fps: number): string[] {
  const n = animationFrames(layer.frames, fps);
  const out: string[] = [];
  if (layer.entrance !== 'none') out.push(`fade=t=in:s=0:n=${n}:alpha=1`);
  if (layer.exit !== 'none') out.push(`fade=t=out:s=${layer.frames - n}:n=${n}:alpha=1`);
  return out;
}

/**
 * The overlay's position: the picture centred on its place (a scaled or contained picture is smaller
 * than it), evaluated once, or on every frame while a slide or a scale moves it.
 */
function position(layer: TimedLayerInput, timing: Timing, slide: number, scaled: boolean): { x: string; y: string; eval: 'init' | 'frame' } {
  const rise = layer.entrance === 'slide' ? `+${slide}*(1-${eased('t', timing.start, timing.duration)})` : '';
  const fall = layer.exit === 'slide' ? `+${slide}*${eased('t', timing.exitStart, timing.duration)}` : '';
  const moving = rise !== '' || fall !== '' || scaled;
  return { x: `${layer.x}+(${layer.width}-overlay_w)/2`, y: `${layer.y}+(${layer.height}-overlay_h)/2${rise}${fall}`, eval: moving ? 'frame' : 'init' };
}

/** Filter chains that overlay `layers` (bottom first) on the picture labelled `current`; returns the new label. */
export function overlayTimedLayers(graph: string[], current: string, layers: readonly TimedLayerInput[], addInput: (args: string[]) => number, spec: TimedLayerSpec, prefix: string): string {
  layers.forEach((layer, i) => {
    const timing = timingOf(layer, spec.fps);
    const factor = scaleFactor(layer, timing);
    const resize = factor
      ? [`scale=w='max(2,trunc(iw*${factor}/2)*2)':h='max(2,trunc(ih*${factor}/2)*2)':eval=frame`]
      : [];
    const chain = [pictureChain(layer, addInput(timedLayerInputArgs(layer, spec.fps)), spec), ...fadeFilters(layer, spec.fps), ...resize].join(',');
    const picture = `${prefix}${i}`;
    graph.push(`${chain}[${picture}]`);
    const pos = position(layer, timing, Math.round(SLIDE_SHARE * spec.height), factor !== null);
    const last = (layer.startFrame + layer.frames - 0.5) / spec.fps;
    const out = `${prefix}o${i}`;
    graph.push(`[${current}][${picture}]overlay=x='${pos.x}':y='${pos.y}':eval=${pos.eval}:eof_action=pass:format=${spec.overlayFormat}`
      + `:enable='between(t,${sec(timing.start)},${sec(last)})'[${out}]`);
    current = out;
  });
  return current;
}

/**
 * A looped clip with a trim is cut to its section first, so that `-stream_loop` repeats the section (it
 * would restart at the file's start). Picture only, near-lossless, exact frames from `fromSec`.
 */
export function buildClipSectionArgs(input: string, output: string, fromSec: number, seconds: number): string[] {
  return [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-y',
    ...(fromSec > 0 ? ['-ss', sec(fromSec)] : []), '-t', sec(seconds), '-i', input,
    '-map', '0:v:0', '-an', '-sn', '-dn', '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '12', '-pix_fmt', 'yuv420p', '-threads', '2',
    '-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact', '-f', 'matroska', output,
  ];
}
