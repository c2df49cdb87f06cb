// What the footage's mouth should do on each frame: a mouth shape from the new sound's loudness (the
// words' phones are not known for every source of new sound, the loudness always is), and the face
// mesh on every frame from meshes tracked on every Nth frame. Pure functions, tested without video.
import type { Point } from '../avatars/photo/detect-face-landmarks.js';
import type { Viseme } from '../visemes/viseme.js';

/** RMS loudness of 16-bit mono samples in one window per video frame. */
export function frameLoudness(samples: Int16Array, sampleRate: number, fps: number, frames: number): number[] {
  const out: number[] = [];
  const per = sampleRate / fps;
  for (let f = 0; f < frames; f++) {
    const a = Math.floor(f * per);
    const b = Math.min(samples.length, Math.floor((f + 1) * per));
    let sum = 0;
    for (let i = a; i < b; i++) sum += samples[i]! * samples[i]!;
    out.push(b > a ? Math.sqrt(sum / (b - a)) : 0);
  }
  return out;
}

/** Loudness levels (share of the loud end of the track) and the shape each opens the mouth to. */
const LEVELS: readonly [number, Viseme][] = [
  [0.12, 'X'],
  [0.35, 'B'],
  [0.7, 'C'],
  [Infinity, 'D'],
];

/**
 * One shape per frame: quiet frames closed, louder ones wider, scaled by the 95th percentile so one
 * shout does not shut every other word; a shape held under two frames takes its neighbour's (flicker).
 */
export function visemesFromLoudness(loudness: readonly number[]): Viseme[] {
  const sorted = [...loudness].sort((a, b) => a - b);
  const top = Math.max(1, sorted[Math.floor(sorted.length * 0.95)] ?? 1);
  const frames = loudness.map((l) => LEVELS.find(([limit]) => l / top < limit)![1]);
  for (let i = 1; i + 1 < frames.length; i++) if (frames[i - 1] === frames[i + 1] && frames[i] !== frames[i - 1]) frames[i] = frames[i - 1]!;
  return frames;
}

/** The mesh between two tracked frames, point by point; null when either has no face (passes untouched). */
export function interpolateMesh(a: readonly Point[] | null, b: readonly Point[] | null, t: number): Point[] | null {
  if (!a || !b) return null;
  return a.map((p, i) => ({ x: p.x + (b[i]!.x - p.x) * t, y: p.y + (b[i]!.y - p.y) * t }));
}

export interface PixelRect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The part of the frame the warp can touch: the face mesh's box grown past the warp's outer ring. */
export function workRegion(mesh: readonly Point[], width: number, height: number): PixelRect {
  const xs = mesh.map((p) => p.x);
  const ys = mesh.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const w = x1 - x0;
  const h = y1 - y0;
  const left = Math.max(0, Math.floor(x0 - 0.5 * w));
  const top = Math.max(0, Math.floor(y0 - 0.5 * h));
  const right = Math.min(width, Math.ceil(x1 + 0.5 * w));
  const bottom = Math.min(height, Math.ceil(y1 + 1.0 * h));
  return { x: left, y: top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
}
