// Thumbnail (JPEG) and GIF preview from the rendered video in one ffmpeg run: the input is decoded
// once for both. The GIF covers the first ≤ 5 s at ≤ 480 px wide with a generated palette.
import type { OutputFormat } from '../plan.js';

export interface PreviewJob {
  videoPath: string;
  format: OutputFormat;
  durationSec: number;
  thumbnailPath: string;
  gifPath: string;
  gifSeconds?: number;
  gifWidth?: number;
  gifFps?: number;
}

/** Alpha video is only decoded with its alpha plane by libvpx (ffmpeg's own vp9 decoder drops it). */
export function alphaDecoderArgs(format: OutputFormat): string[] {
  return format === 'webm' ? ['-c:v', 'libvpx-vp9'] : [];
}

/** The thumbnail shows a frame ~1 s in (past any fade-in), or the middle of shorter videos. */
export function thumbnailTime(durationSec: number): number {
  return Math.min(1, durationSec / 2);
}

export function buildPreviewArgs(job: PreviewJob): string[] {
  const gifSeconds = Math.min(job.gifSeconds ?? 5, job.durationSec);
  const gifWidth = job.gifWidth ?? 480;
  const gifFps = job.gifFps ?? 10;
  const thumbAt = thumbnailTime(job.durationSec);
  const graph = [
    `[0:v]split[t][g]`,
    `[t]trim=start=${thumbAt.toFixed(3)},setpts=PTS-STARTPTS,select='eq(n\\,0)'[thumb]`,
    `[g]trim=duration=${gifSeconds.toFixed(3)},fps=${gifFps},scale='min(${gifWidth},iw)':-2:flags=lanczos,split[g0][g1];[g0]palettegen=stats_mode=diff${job.format === 'mp4' ? '' : ':reserve_transparent=1'}[pal];[g1][pal]paletteuse=dither=bayer:bayer_scale=4[gif]`,
  ];
  return [
    '-hide_banner', '-nostdin', '-y', '-v', 'error',
    ...alphaDecoderArgs(job.format),
    // Only the first seconds are needed: stop decoding there instead of reading the whole video.
    '-t', (Math.max(gifSeconds, thumbAt) + 0.5).toFixed(3),
    '-i', job.videoPath,
    '-filter_complex', graph.join(';'),
    '-map', '[thumb]', '-frames:v', '1', '-q:v', '3', job.thumbnailPath,
    '-map', '[gif]', '-loop', '0', job.gifPath,
  ];
}
