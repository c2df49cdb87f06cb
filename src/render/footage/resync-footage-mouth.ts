// Mouth re-sync of footage Orator did not make (issue 14): every frame is decoded, the face is tracked
// on every Nth frame with the engine's face tracker (the mesh in between interpolated), the mouth is
// re-drawn to the shape the new sound's loudness asks for (redraw-mouth.ts), and the frames are encoded
// again with the translated sound. Frames where no face was found pass through untouched. Streams the
// frames (a lookahead of N), so memory does not grow with the video's length.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Readable } from 'node:stream';
import { detectFaceInRgb, type Point } from '../avatars/photo/detect-face-landmarks.js';
import { faceMeshTriangles } from '../avatars/photo/load-human.js';
import type { Viseme } from '../visemes/viseme.js';
import { buildFrameDecodeArgs, buildFrameEncodeArgs, buildSamplesArgs } from './footage-resync-args.js';
import { frameLoudness, interpolateMesh, visemesFromLoudness } from './mouth-track.js';
import { createMouthRedrawer } from './redraw-mouth.js';

export interface FootageResyncRequest {
  videoPath: string;
  /** The new speech alone: its loudness drives the mouth. */
  soundPath: string;
  /** The finished sound (new speech over the ducked original) is copied from this file's audio stream. */
  audioFrom: string;
  outPath: string;
  /** Track the face on every Nth frame (default 3). */
  detectEvery?: number;
  signal?: AbortSignal;
}

export interface FootageResyncReport {
  frames: number;
  /** Frames whose mouth was re-drawn (a face was tracked on both sides). */
  redrawn: number;
  detections: number;
  facesFound: number;
  /** Wall seconds spent tracking faces and re-drawing mouths (the rest is decode and encode). */
  trackSec: number;
  drawSec: number;
}

const SAMPLE_RATE = 16000;
/** The tracker reads faces well at this width; bigger frames are subsampled to it first (cheaper tensors). */
const DETECT_MAX_WIDTH = 480;
/** A real face scores about 1.0 here; a test pattern's false faces scored 0.3–0.85, 23–29 px wide. */
const MIN_FACE_SCORE = 0.9;
const MIN_FACE_WIDTH = 48;

async function collect(program: string, args: string[], signal?: AbortSignal): Promise<Buffer> {
  const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'], signal });
  const chunks: Buffer[] = [];
  const errors: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => chunks.push(c));
  child.stderr.on('data', (c: Buffer) => errors.push(c));
  const [code] = await once(child, 'close');
  if (code !== 0) throw new Error(`${program} exited ${code}: ${Buffer.concat(errors).toString().slice(-500)}`);
  return Buffer.concat(chunks);
}

async function videoStream(path: string): Promise<{ width: number; height: number; fps: number }> {
  const out = await collect('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height,avg_frame_rate,r_frame_rate', '-of', 'json', path]);
  const s = JSON.parse(out.toString()).streams?.[0];
  const rate = (r: string | undefined) => {
    const [a, b] = (r ?? '0/1').split('/').map(Number);
    return b ? a! / b : 0;
  };
  const fps = rate(s?.avg_frame_rate) || rate(s?.r_frame_rate) || 25;
  return { width: s.width, height: s.height, fps };
}

/** Exactly `size` bytes per yielded frame, each a fresh buffer (chunks copied once, straight into it). */
async function* framesOf(stream: Readable, size: number): AsyncGenerator<Buffer> {
  let frame = Buffer.allocUnsafe(size);
  let filled = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let offset = 0;
    while (offset < chunk.length) {
      const n = Math.min(size - filled, chunk.length - offset);
      chunk.copy(frame, filled, offset, offset + n);
      filled += n;
      offset += n;
      if (filled === size) {
        yield frame;
        frame = Buffer.allocUnsafe(size);
        filled = 0;
      }
    }
  }
}

/** The face mesh of an RGBA frame, in the frame's pixels, or null. */
async function trackFace(frame: Buffer, width: number, height: number): Promise<Point[] | null> {
  const step = Math.max(1, Math.ceil(width / DETECT_MAX_WIDTH));
  const w = Math.floor(width / step);
  const h = Math.floor(height / step);
  const rgb = new Uint8Array(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const s = ((y * step) * width + x * step) * 4;
      const d = (y * w + x) * 3;
      rgb[d] = frame[s]!;
      rgb[d + 1] = frame[s + 1]!;
      rgb[d + 2] = frame[s + 2]!;
    }
  }
  const face = await detectFaceInRgb(rgb, w, h);
  // Test patterns and textures can pass for a small, unsure face: those are not re-drawn.
  if (!face || face.score < MIN_FACE_SCORE || face.box.width * step < MIN_FACE_WIDTH) return null;
  return face.mesh.map((p) => ({ x: p.x * step, y: p.y * step }));
}

async function write(encoder: ChildProcess, frame: Buffer): Promise<void> {
  if (!encoder.stdin!.write(frame)) await once(encoder.stdin!, 'drain');
}

export async function resyncFootageMouth(req: FootageResyncRequest): Promise<FootageResyncReport> {
  const every = Math.max(1, Math.round(req.detectEvery ?? 3));
  const [canvasLib, triangles, stream, samplesRaw] = await Promise.all([
    import('@napi-rs/canvas'),
    faceMeshTriangles(),
    videoStream(req.videoPath),
    collect('ffmpeg', buildSamplesArgs(req.soundPath), req.signal),
  ]);
  const { width, height, fps } = stream;
  const samples = new Int16Array(samplesRaw.buffer, samplesRaw.byteOffset, Math.floor(samplesRaw.length / 2));
  const visemes: Viseme[] = visemesFromLoudness(frameLoudness(samples, SAMPLE_RATE, fps, Math.ceil((samples.length / SAMPLE_RATE) * fps) + 1));
  const redrawer = createMouthRedrawer(canvasLib, triangles, width, height);
  const report: FootageResyncReport = { frames: 0, redrawn: 0, detections: 0, facesFound: 0, trackSec: 0, drawSec: 0 };
  const decoder = spawn('ffmpeg', buildFrameDecodeArgs(req.videoPath), { stdio: ['ignore', 'pipe', 'pipe'], signal: req.signal });
  const encoder = spawn('ffmpeg', buildFrameEncodeArgs({ width, height, fps, audioFrom: req.audioFrom, outPath: req.outPath }), { stdio: ['pipe', 'ignore', 'pipe'], signal: req.signal });
  const errors: string[] = [];
  decoder.stderr.on('data', (c: Buffer) => errors.push(c.toString()));
  encoder.stderr!.on('data', (c: Buffer) => errors.push(c.toString()));
  const encoded = once(encoder, 'close');
  const decoded = once(decoder, 'close');

  const track = async (frame: Buffer) => {
    const t0 = performance.now();
    const mesh = await trackFace(frame, width, height);
    report.trackSec += (performance.now() - t0) / 1000;
    report.detections++;
    if (mesh) report.facesFound++;
    return mesh;
  };
  const emit = async (frame: Buffer, index: number, mesh: Point[] | null) => {
    if (mesh) {
      const t0 = performance.now();
      redrawer.redraw(frame, mesh, visemes[index] ?? 'X');
      report.drawSec += (performance.now() - t0) / 1000;
      report.redrawn++;
    }
    await write(encoder, frame);
  };
  // A tracked frame waits with the frames after it for the next tracked one: a face is re-drawn only
  // between two tracked frames that both found it (one stray detection re-draws nothing).
  let key: { index: number; mesh: Point[] | null; before: boolean } = { index: 0, mesh: null, before: false };
  let pending: Buffer[] = [];
  for await (const frame of framesOf(decoder.stdout, width * height * 4)) {
    const index = report.frames++;
    if (index % every !== 0 || index === 0) {
      if (index === 0) key = { index, mesh: await track(frame), before: false };
      pending.push(frame);
      continue;
    }
    const mesh = await track(frame);
    for (const [k, f] of pending.entries()) await emit(f, key.index + k, interpolateMesh(key.mesh, mesh, k / (index - key.index)));
    pending = [frame];
    key = { index, mesh, before: key.mesh !== null };
  }
  // The frames after the last tracked one keep its mesh when the one before it also had the face.
  for (const [k, f] of pending.entries()) await emit(f, key.index + k, key.before ? key.mesh : null);
  encoder.stdin!.end();
  const [[decodeCode], [encodeCode]] = await Promise.all([decoded, encoded]);
  if (decodeCode !== 0 || encodeCode !== 0) throw new Error(`footage mouth re-sync: ffmpeg exited ${decodeCode}/${encodeCode}: ${errors.join('').slice(-500)}`);
  return report;
}
