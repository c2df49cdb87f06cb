// ffprobe as data: duration to the millisecond and the first video/audio stream's parameters.
import { runFfprobe } from '../run-program.js';

export interface MediaProbe {
  durationSec: number;
  formatName: string;
  video: { codec: string; width: number; height: number; pixelFormat: string; fps: number; frames: number | null } | null;
  audio: { codec: string; sampleRate: number; channels: number } | null;
}

/**
 * The engine's one ffprobe argv: the container and every stream as JSON. `countPackets` demuxes the
 * whole file without decoding it, so a cut-off upload shows up as a short packet count.
 */
export function buildProbeArgs(path: string, options: { countPackets?: boolean } = {}): string[] {
  return ['-v', 'error', ...(options.countPackets ? ['-count_packets'] : []), '-print_format', 'json', '-show_format', '-show_streams', path];
}

interface RawStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  nb_frames?: string;
  sample_rate?: string;
  channels?: number;
  duration?: string;
}

export async function probeMedia(path: string, signal?: AbortSignal): Promise<MediaProbe> {
  const text = await runFfprobe(buildProbeArgs(path), signal ? { signal } : {});
  return parseProbeJson(text);
}

export function parseProbeJson(text: string): MediaProbe {
  const json = JSON.parse(text) as { format?: { duration?: string; format_name?: string }; streams?: RawStream[] };
  const streams = json.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video');
  const audio = streams.find((s) => s.codec_type === 'audio');
  const duration = Number(json.format?.duration ?? video?.duration ?? audio?.duration ?? NaN);
  return {
    durationSec: Number.isFinite(duration) ? Math.round(duration * 1000) / 1000 : 0,
    formatName: json.format?.format_name ?? '',
    video: video
      ? {
          codec: video.codec_name ?? '',
          width: video.width ?? 0,
          height: video.height ?? 0,
          pixelFormat: video.pix_fmt ?? '',
          fps: parseRate(video.avg_frame_rate) || parseRate(video.r_frame_rate),
          frames: video.nb_frames !== undefined ? Number(video.nb_frames) : null,
        }
      : null,
    audio: audio ? { codec: audio.codec_name ?? '', sampleRate: Number(audio.sample_rate ?? 0), channels: audio.channels ?? 0 } : null,
  };
}

function parseRate(rate: string | undefined): number {
  if (!rate) return 0;
  const [num, den] = rate.split('/').map(Number);
  if (!num || !den) return 0;
  return num / den;
}
