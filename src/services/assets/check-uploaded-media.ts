// Upload limits and the checks that apply them: an upload that could not be rendered is refused with
// HeyGen's code when it arrives, not when a video first uses it. HeyGen documents images (JPG/PNG)
// up to 50 MB, audio up to 10 min and video inputs up to 100 MB; it publishes no pixel limit, so
// Orator takes 8192 px a side (8K frames fit; a decompression bomb does not).
import { OratorError } from '../../domain/errors.js';
import type { ProbedMedia, UploadInspector } from './asset-ports.js';
import { audioOnlyFormat, type DetectedFormat } from './detect-asset-format.js';

export const IMAGE_MAX_BYTES = 50 * 1024 * 1024;
export const IMAGE_MAX_SIDE = 8192;
export const VIDEO_MAX_SIDE = 8192;
export const AUDIO_MAX_SEC = 10 * 60;
export const VIDEO_MAX_SEC = 60 * 60;

const MB = 1024 * 1024;

/** Header first (size, then the limit), then a full decode. Returns the image's size. */
export async function checkUploadedImage(inspector: UploadInspector, bytes: Buffer, format: DetectedFormat, param: string): Promise<{ width: number; height: number }> {
  const name = format.mimeType.split('/')[1]!.toUpperCase();
  if (bytes.length > IMAGE_MAX_BYTES) {
    throw new OratorError('payload_too_large', `Images are at most ${IMAGE_MAX_BYTES / MB} MB; this one is ${(bytes.length / MB).toFixed(1)} MB`, { param });
  }
  const size = await inspector.imageSize(bytes);
  if (!size) throw new OratorError('video_file_corrupted', `The ${name} image is corrupted: its header cannot be read`, { param });
  if (size.width > IMAGE_MAX_SIDE || size.height > IMAGE_MAX_SIDE) {
    throw new OratorError('image_too_large', `The image is ${size.width}×${size.height} px; at most ${IMAGE_MAX_SIDE}×${IMAGE_MAX_SIDE} px is accepted`, { param });
  }
  if (!(await inspector.imageDecodes(bytes))) {
    throw new OratorError('video_file_corrupted', `The ${name} image is corrupted or truncated: it cannot be decoded`, { param });
  }
  return size;
}

/**
 * Probes a video or audio file (already written to `file`) and applies the limits. Returns the format
 * it really is: an MP4 or WebM with sound only is audio unless the uploader said video.
 */
export async function checkUploadedMedia(
  inspector: UploadInspector, file: string, format: DetectedFormat, declaredKind: string | undefined, param: string,
): Promise<DetectedFormat> {
  const probe = await inspector.probeMedia(file);
  // HeyGen's codes: a damaged video is VIDEO_FILE_CORRUPTED, audio it cannot use INVALID_AUDIO_FORMAT.
  const [what, corrupted] = format.fileType === 'audio' ? ['audio file', 'invalid_audio_format' as const] : ['video file', 'video_file_corrupted' as const];
  if (!probe) throw new OratorError(corrupted, `The ${what} (${format.mimeType}) is corrupted: it cannot be read`, { param });
  if (probe.truncated) throw new OratorError(corrupted, `The ${what} (${format.mimeType}) is truncated: it ends before its streams do`, { param });
  let actual = format;
  if (format.fileType === 'video' && !probe.video && probe.hasAudio && declaredKind !== 'video') actual = audioOnlyFormat(format) ?? format;
  if (actual.fileType === 'video') checkVideo(probe, param);
  else checkAudio(probe, param);
  return actual;
}

function checkVideo(probe: ProbedMedia, param: string): void {
  if (!probe.video) throw new OratorError('video_format_not_supported', 'The video file has no video stream', { param });
  const { width, height } = probe.video;
  if (width > VIDEO_MAX_SIDE || height > VIDEO_MAX_SIDE) {
    throw new OratorError('video_format_not_supported', `The video is ${width}×${height} px; at most ${VIDEO_MAX_SIDE}×${VIDEO_MAX_SIDE} px is accepted`, { param });
  }
  if (probe.durationSec > VIDEO_MAX_SEC) {
    throw new OratorError('video_too_long', `Video is too long (${probe.durationSec.toFixed(1)} s > ${VIDEO_MAX_SEC.toFixed(1)} s)`, { param });
  }
}

function checkAudio(probe: ProbedMedia, param: string): void {
  if (!probe.hasAudio) throw new OratorError('invalid_audio_format', 'The audio file has no audio stream', { param });
  if (probe.durationSec > AUDIO_MAX_SEC) {
    throw new OratorError('audio_too_long', `Audio is too long (${probe.durationSec.toFixed(1)} s; at most ${AUDIO_MAX_SEC / 60} minutes)`, { param });
  }
}
