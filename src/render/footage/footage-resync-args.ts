// ffmpeg argv for the footage mouth re-sync: frames out of the source as raw RGBA, the new sound as
// 16 kHz mono samples (for its loudness), and the re-drawn frames back in, muxed with the translated
// sound stream copied from the remuxed file. Pure, so tests assert the arrays.

export function buildFrameDecodeArgs(videoPath: string): string[] {
  return ['-v', 'error', '-i', videoPath, '-map', '0:v:0', '-vsync', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'];
}

export function buildSamplesArgs(audioPath: string): string[] {
  return ['-v', 'error', '-i', audioPath, '-vn', '-ac', '1', '-ar', '16000', '-f', 's16le', 'pipe:1'];
}

export interface FrameEncodeArgs {
  width: number;
  height: number;
  fps: number;
  /** The file whose audio stream is copied in (the remuxed translation). */
  audioFrom: string;
  outPath: string;
}

export function buildFrameEncodeArgs(a: FrameEncodeArgs): string[] {
  return [
    '-v', 'error', '-y',
    '-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${a.width}x${a.height}`, '-r', String(a.fps), '-i', 'pipe:0',
    '-i', a.audioFrom,
    '-map', '0:v:0', '-map', '1:a:0?',
    '-c:v', 'libx264', '-preset', 'superfast', '-crf', '18', '-pix_fmt', 'yuv420p',
    '-c:a', 'copy', '-movflags', '+faststart',
    a.outPath,
  ];
}
