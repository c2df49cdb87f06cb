// The captioned variant: the rendered video re-encoded once with the SRT drawn by libass (subtitles
// filter, DejaVu Sans from fonts-dejavu-core); the audio is copied, not re-encoded.
import type { OutputFormat } from '../../domain/render-plan.js';
import { containerArgs, videoEncoderArgs } from '../compose/encoder-args.js';
import { alphaDecoderArgs } from './build-preview-args.js';

export interface BurnCaptionsJob {
  videoPath: string;
  srtPath: string;
  format: OutputFormat;
  height: number;
  /** The video's frame rate: held pictures are expanded to it so captions change on their own frame. */
  fps: number;
  outPath: string;
}

/** Escapes a path for use inside a filter option value (`:` `\` `'` `,` `[` `]` `;` are special). */
export function escapeFilterPath(path: string): string {
  return path.replace(/\\/g, '\\\\\\\\').replace(/'/g, "\\\\\\'").replace(/:/g, '\\\\:').replace(/([,;[\]])/g, '\\$1');
}

export function buildBurnCaptionsArgs(job: BurnCaptionsJob): string[] {
  // libass sizes fonts against a 288-line script by default; this keeps captions ~5 % of frame height.
  const style = 'FontName=DejaVu Sans,FontSize=16,PrimaryColour=&H00FFFFFF,OutlineColour=&H80000000,BorderStyle=1,Outline=1.2,Shadow=0,MarginV=18';
  return [
    '-hide_banner', '-nostdin', '-y', '-v', 'error', '-progress', 'pipe:1', '-nostats',
    ...alphaDecoderArgs(job.format),
    '-i', job.videoPath,
    '-vf', `fps=${job.fps},subtitles=filename=${escapeFilterPath(job.srtPath)}:force_style='${style}'`,
    '-map', '0:v', '-map', '0:a?',
    '-threads', '2',
    ...videoEncoderArgs(job.format),
    '-c:a', 'copy',
    ...containerArgs(job.format),
    job.outPath,
  ];
}
