// The audio track of a rendered video, copied without re-encoding (voice previews are cut from the
// avatar preview render this way).
import { OratorError } from '../../domain/errors.js';
import { runFfmpeg, ToolError } from '../run-program.js';
import { redactPaths } from '../../domain/redact-paths.js';

export function buildExtractAudioArgs(videoPath: string, outPath: string): string[] {
  return ['-v', 'error', '-y', '-i', videoPath, '-vn', '-c:a', 'copy', outPath];
}

export async function extractAudioTrack(videoPath: string, outPath: string): Promise<void> {
  try {
    await runFfmpeg(buildExtractAudioArgs(videoPath, outPath));
  } catch (err) {
    if (err instanceof ToolError) throw new OratorError('render_failed', `ffmpeg exited with ${err.exitCode}`, { detail: redactPaths(err.stderrTail), cause: err });
    throw err;
  }
}
