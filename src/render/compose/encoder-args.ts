// Encoder settings per output format. Speeds measured in shared/reference/ENGINES.md: x264 veryfast
// is ~14× real time at 720p on 2 cores; VP9 only stays fast with `-deadline realtime -cpu-used 8`.
import type { OutputFormat } from '../../domain/render-plan.js';

/** The pixel format the composition works in before the encoder (alpha formats keep the alpha plane). */
export function workingPixelFormat(format: OutputFormat): 'yuv420p' | 'yuva420p' | 'yuva444p' {
  if (format === 'webm') return 'yuva420p';
  if (format === 'mov') return 'yuva444p';
  return 'yuv420p';
}

/** The overlay filter's `format` option matching the working pixel format. */
export function overlayFormat(format: OutputFormat): 'yuv420' | 'yuv444' {
  return format === 'mov' ? 'yuv444' : 'yuv420';
}

export function videoEncoderArgs(format: OutputFormat): string[] {
  switch (format) {
    case 'mp4':
      // No B-frames: avatar video is a static picture with a small changing region (mouth, eyes, the
      // idle sway every few frames), and B-frame decisions and bidirectional analysis of those frames
      // cost x264 more than they save. Measured on a 60 s 720p render (2 cores, CPU-s): 6.5–7.3 →
      // 4.9–5.2, output 2 % smaller and SSIM 0.99905 vs 0.99901; a bare still encode 5.1–5.3 → 4.4–4.6.
      // Moving video backgrounds lose some compression (CRF keeps the quality; files grow).
      return ['-c:v', 'libx264', '-preset', 'veryfast', '-bf', '0', '-crf', '23', '-pix_fmt', 'yuv420p'];
    case 'webm':
      return ['-c:v', 'libvpx-vp9', '-pix_fmt', 'yuva420p', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1', '-crf', '32', '-b:v', '0'];
    case 'mov':
      return ['-c:v', 'prores_ks', '-profile:v', '4444', '-pix_fmt', 'yuva444p10le', '-vendor', 'apl0'];
  }
}

export function audioEncoderArgs(format: OutputFormat): string[] {
  if (format === 'webm') return ['-c:a', 'libopus', '-b:a', '96k'];
  // The `fast` coder: the AAC encode runs on ffmpeg's main thread, in series with feeding x264, and
  // the default two-loop search costs ~0.15 s more per minute for no audible gain on mono speech at 128k.
  return ['-c:a', 'aac', '-aac_coder', 'fast', '-b:a', '128k'];
}

/** Container flags: faststart for progressive playback; bitexact so the same plan gives the same bytes. */
export function containerArgs(format: OutputFormat): string[] {
  const common = ['-map_metadata', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact'];
  return format === 'mp4' ? [...common, '-movflags', '+faststart'] : common;
}

export function fileExtension(format: OutputFormat): string {
  return format;
}
