// The media half of video translation behind services' TranslationMedia port (kept structural: render
// does not import services): probe a source, take its sound out for recognition, build and mux the dub,
// write captions from the new speech's word times with the renderer's own cue rules.
import { writeFile } from 'node:fs/promises';
import { OratorError } from '../../domain/errors.js';
import { redactPaths } from '../../domain/redact-paths.js';
import type { TimedWord } from '../../domain/video-translation.js';
import { buildCaptionCues, formatSrt, formatWebVtt } from '../media/caption-cues.js';
import { probeUploadedMedia } from '../media/inspect-upload.js';
import { runFfmpeg, ToolError } from '../run-program.js';
import { buildResampleArgs } from '../speech/resample-wav.js';
import { RECOGNITION_SAMPLE_RATE } from '../visemes/decode-audio.js';
import { assembleDubTrack, replaceSpeechTrack, type PlacedPiece, type ReplaceSpeechArgs } from './dub-track.js';

export async function extractSpeechWav(videoPath: string, outWav: string, signal?: AbortSignal): Promise<void> {
  try {
    await runFfmpeg(buildResampleArgs(videoPath, outWav, RECOGNITION_SAMPLE_RATE), signal ? { signal } : {});
  } catch (error) {
    if (error instanceof ToolError) throw new OratorError('video_file_corrupted', 'The video’s sound could not be decoded', { detail: redactPaths(error.stderrTail), cause: error });
    throw error;
  }
}

export async function writeCaptionFiles(words: readonly TimedWord[], srtPath: string, vttPath: string): Promise<void> {
  const cues = buildCaptionCues(words);
  await writeFile(srtPath, formatSrt(cues));
  await writeFile(vttPath, formatWebVtt(cues));
}

export function createTranslationMedia() {
  return {
    probe: (path: string) => probeUploadedMedia(path),
    extractSpeech: extractSpeechWav,
    assembleDub: (pieces: readonly PlacedPiece[], durationSec: number, outWav: string) => assembleDubTrack(pieces, durationSec, outWav),
    replaceSpeech: (request: Omit<ReplaceSpeechArgs, 'reencodeVideo'>, signal?: AbortSignal) => replaceSpeechTrack(request, signal),
    writeCaptions: writeCaptionFiles,
  };
}
