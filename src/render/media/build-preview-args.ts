// Thumbnail (JPEG) and GIF preview, made in the encode pass itself: branches split off the finished
// picture just before the encoder, so no second process decodes the video again (and the previews
// come from clean frames rather than from the compressed output). The GIF covers the first ≤ 5 s at
// ≤ 480 px wide with a generated palette.
import type { OutputFormat } from '../../domain/render-plan.js';

export interface PreviewOutputs {
  thumbnailPath: string;
  gifPath: string;
  gifSeconds?: number;
  gifWidth?: number;
  gifFps?: number;
}

export interface PreviewBranches {
  /** Filtergraph chains reading `[{input}thumb]` and `[{input}gif]`, the split's extra outputs. */
  graph: string[];
  /** Output argv for the two files, placed after the main output. */
  outputs: string[];
}

/** Alpha video is only decoded with its alpha plane by libvpx (ffmpeg's own vp9 decoder drops it). */
export function alphaDecoderArgs(format: OutputFormat): string[] {
  return format === 'webm' ? ['-c:v', 'libvpx-vp9'] : [];
}

/** The thumbnail shows a frame ~1 s in (past any fade-in), or the middle of shorter videos. */
export function thumbnailTime(durationSec: number): number {
  return Math.min(1, durationSec / 2);
}

/**
 * Branches for the previews of a `totalFrames`-long picture at `fps`. Each branch ends itself (trim)
 * once it has what it needs, so the split stops feeding it and nothing piles up for the rest of the
 * video. `fps` first in both: the picture may hold a frame for a while (variable frame rate), and
 * the thumbnail is the frame shown at its time, not the next change after it.
 */
export function previewBranches(from: { thumb: string; gif: string }, job: PreviewOutputs & { format: OutputFormat; fps: number; totalFrames: number }): PreviewBranches {
  const durationSec = job.totalFrames / job.fps;
  const gifFps = job.gifFps ?? 10;
  const gifFrames = Math.max(1, Math.round(Math.min(job.gifSeconds ?? 5, durationSec) * gifFps));
  const gifWidth = job.gifWidth ?? 480;
  const thumbFrame = Math.min(job.totalFrames - 1, Math.round(thumbnailTime(durationSec) * job.fps));
  return {
    graph: [
      `[${from.thumb}]fps=${job.fps},trim=start_frame=${thumbFrame}:end_frame=${thumbFrame + 1}[thumb]`,
      `[${from.gif}]fps=${gifFps},trim=end_frame=${gifFrames},scale='min(${gifWidth},iw)':-2:flags=lanczos,split[g0][g1];[g0]palettegen=stats_mode=diff${job.format === 'mp4' ? '' : ':reserve_transparent=1'}[pal];[g1][pal]paletteuse=dither=bayer:bayer_scale=4[gif]`,
    ],
    outputs: ['-map', '[thumb]', '-frames:v', '1', '-q:v', '3', job.thumbnailPath, '-map', '[gif]', '-loop', '0', job.gifPath],
  };
}
