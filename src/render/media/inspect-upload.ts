// The upload inspector behind services' UploadInspector port: sharp reads image headers and decodes
// images from the upload's bytes; ffprobe (argv from a pure builder, run by the render module's one
// tool runner) reads video and audio from the upload's scratch file. Nothing is re-encoded.
import sharp from 'sharp';
import { runTool, ToolError } from '../run-program.js';
import { buildProbeArgs } from './probe-media.js';

/** Same shape as services' ProbedMedia (kept structural: render does not import services). */
export interface UploadProbe {
  durationSec: number;
  video: { width: number; height: number } | null;
  hasAudio: boolean;
  truncated: boolean;
}

/** ffprobe answers in milliseconds for files of the sizes uploads allow; a wedged one is killed. */
const PROBE_TIMEOUT_MS = 30_000;

/**
 * `-count_packets` demuxes the whole file without decoding it: an index that promises more packets
 * than the file holds (a cut-off upload) shows up as a short count or a "partial file" complaint.
 */
export function buildUploadProbeArgs(path: string): string[] {
  return buildProbeArgs(path, { countPackets: true });
}

interface RawStream {
  codec_type?: string;
  width?: number;
  height?: number;
  nb_frames?: string;
  nb_read_packets?: string;
  duration?: string;
}

// What ffprobe's demuxers print when the data stops before the container says it should.
const TRUNCATION = /partial file|ended prematurely|truncat|unexpected end/i;

export function parseUploadProbe(stdout: string, stderr: string): UploadProbe | undefined {
  let json: { format?: { duration?: string }; streams?: RawStream[] };
  try {
    json = JSON.parse(stdout) as typeof json;
  } catch {
    return undefined;
  }
  const streams = json.streams ?? [];
  if (streams.length === 0) return undefined;
  const video = streams.find((s) => s.codec_type === 'video' && (s.width ?? 0) > 0);
  const duration = Number(json.format?.duration ?? video?.duration ?? NaN);
  const shortCount = streams.some((s) => {
    const promised = Number(s.nb_frames);
    const read = Number(s.nb_read_packets);
    return Number.isFinite(promised) && Number.isFinite(read) && promised > 0 && read < promised;
  });
  return {
    durationSec: Number.isFinite(duration) ? Math.round(duration * 1000) / 1000 : 0,
    video: video ? { width: video.width ?? 0, height: video.height ?? 0 } : null,
    hasAudio: streams.some((s) => s.codec_type === 'audio'),
    truncated: shortCount || TRUNCATION.test(stderr),
  };
}

export async function probeUploadedMedia(path: string): Promise<UploadProbe | undefined> {
  try {
    const result = await runTool('ffprobe', buildUploadProbeArgs(path), { captureStdout: true, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return parseUploadProbe(result.stdout.toString('utf8'), result.stderrTail);
  } catch (error) {
    // ffprobe refusing the file is the answer; failing to run at all is the server's problem.
    if (error instanceof ToolError) return undefined;
    throw error;
  }
}

export async function readImageSize(bytes: Buffer): Promise<{ width: number; height: number } | undefined> {
  try {
    // No pixel limit here: the header is all that is read, and the caller refuses what is too big.
    const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
    if (!meta.width || !meta.height) return undefined;
    return { width: meta.width, height: meta.pageHeight ?? meta.height };
  } catch {
    return undefined;
  }
}

export async function imageDecodes(bytes: Buffer): Promise<boolean> {
  try {
    // Decoding into a thumbnail reads every scanline (so a cut-off file fails) but keeps memory small:
    // JPEG shrinks on load and sequential reading streams the rest.
    await sharp(bytes, { failOn: 'error', sequentialRead: true }).resize(64, 64, { fit: 'inside' }).raw().toBuffer();
    return true;
  } catch {
    return false;
  }
}

/** The UploadInspector port, as compose.ts wires it. */
export const uploadInspector = {
  imageSize: readImageSize,
  imageDecodes,
  probeMedia: probeUploadedMedia,
};
