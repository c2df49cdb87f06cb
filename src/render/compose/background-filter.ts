// Filter chains that turn one scene's background into exactly `frames` frames at the output rate and
// size. Stills are decoded once and repeated by reference (`loop`), never re-read per frame.
import type { ImageFit, VideoPlayStyle } from '../../domain/render-plan.js';

/**
 * One scene's background over `frames` frames. `Ref` says how an image or video is referenced: by file
 * path when a job is described (BackgroundInput), by ffmpeg input index once inputs are numbered; an image
 * input holds one still already scaled to the frame size.
 */
export type BackgroundOf<Ref> =
  | { kind: 'color'; color: string; frames: number }
  | { kind: 'transparent'; frames: number }
  | ({ kind: 'image'; frames: number } & Ref)
  | ({ kind: 'video'; frames: number; fit: ImageFit; playStyle: VideoPlayStyle; sourceDurationSec: number } & Ref);

export type BackgroundSegment = BackgroundOf<{ inputIndex: number }>;

export interface FrameSpec {
  width: number;
  height: number;
  fps: number;
  pixelFormat: string;
}

/** `#1a2B3c`, `1a2b3c` or `#abc` → `0x1a2b3c`; anything else is rejected by validation earlier. */
export function ffmpegColor(color: string): string {
  let hex = color.trim().replace(/^#/, '').replace(/^0x/i, '');
  if (/^[0-9a-f]{3}$/i.test(hex)) hex = hex.split('').map((c) => c + c).join('');
  if (/^[0-9a-f]{8}$/i.test(hex)) hex = hex.slice(0, 6);
  if (!/^[0-9a-f]{6}$/i.test(hex)) throw new Error(`not a hex colour: ${color}`);
  return `0x${hex.toLowerCase()}`;
}

/** Scale + crop/pad so a video of any size fills the frame the way `fit` says. */
export function fitFilter(fit: ImageFit, width: number, height: number): string {
  switch (fit) {
    case 'cover':
    case 'crop':
      return `scale=${width}:${height}:force_original_aspect_ratio=increase,crop=${width}:${height}`;
    case 'contain':
      return `scale=${width}:${height}:force_original_aspect_ratio=decrease,pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:color=black`;
    case 'none':
      return `crop='min(iw,${width})':'min(ih,${height})',pad=${width}:${height}:(ow-iw)/2:(oh-ih)/2:color=black`;
  }
}

/** One filtergraph chain (no labels) producing the segment's frames from its input (or a source). */
export function backgroundChain(segment: BackgroundSegment, spec: FrameSpec): { source: string | null; chain: string } {
  const { width, height, fps, pixelFormat } = spec;
  const frames = segment.frames;
  // In frames, not the input's time base: an image's is 1/25 s, which would stamp two frames alike at 30 fps.
  const cfr = `settb=1/${fps},setpts=N`;
  const tail = `trim=end_frame=${frames},setsar=1,format=${pixelFormat}`;
  switch (segment.kind) {
    case 'color':
      return { source: null, chain: `color=c=${ffmpegColor(segment.color)}:s=${width}x${height}:r=${fps},${tail}` };
    case 'transparent':
      return { source: null, chain: `color=c=black@0.0:s=${width}x${height}:r=${fps},format=rgba,${tail}` };
    case 'image':
      // Convert before looping: after `loop` the conversion would run on every repeated frame.
      return { source: `${segment.inputIndex}:v`, chain: `format=${pixelFormat},loop=loop=${frames - 1}:size=1:start=0,${cfr},${tail}` };
    case 'video': {
      const fit = fitFilter(segment.fit, width, height);
      const hold = `tpad=stop_mode=clone:stop=${frames}`;
      let chain: string;
      switch (segment.playStyle) {
        case 'freeze':
          chain = `trim=end_frame=1,${fit},format=${pixelFormat},loop=loop=${frames - 1}:size=1:start=0,${cfr}`;
          break;
        case 'fit_to_scene': {
          const stretch = frames / fps / Math.max(segment.sourceDurationSec, 1 / fps);
          chain = `setpts=(PTS-STARTPTS)*${stretch.toFixed(6)},fps=${fps},${fit},${hold}`;
          break;
        }
        case 'loop': // the input is opened with -stream_loop -1
        case 'once':
          chain = `setpts=PTS-STARTPTS,fps=${fps},${fit},${hold}`;
          break;
      }
      return { source: `${segment.inputIndex}:v`, chain: `${chain},${tail}` };
    }
  }
}
