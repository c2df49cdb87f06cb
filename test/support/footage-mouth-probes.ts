// Reading a re-synced talking-face video as a viewer would: the inner-lip gap the face tracker sees on
// every frame, the loudness of a sound per frame, and how far pixels away from the face moved compared
// with the source frames. Used by the footage mouth re-sync tests.
import { execFileSync } from 'node:child_process';
import { detectFaceInRgb } from '../../src/render/avatars/photo/detect-face-landmarks.js';
import { innerLipGap } from '../../src/render/quality/lip-gap.js';
import { workRegion } from '../../src/render/footage/mouth-track.js';

export function rgbFrames(file: string, width: number, height: number): Buffer[] {
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:v:0', '-vf', 'fps=25', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: 1024 * 1024 * 1024 });
  const size = width * height * 3;
  const out: Buffer[] = [];
  for (let o = 0; o + size <= raw.length; o += size) out.push(raw.subarray(o, o + size));
  return out;
}

/** Inner-lip gap per frame (null where no face is found) and the face mesh of each frame. */
export async function lipGaps(frames: readonly Buffer[], width: number, height: number) {
  const out: { gap: number | null; mesh: { x: number; y: number }[] | null }[] = [];
  for (const f of frames) {
    const face = await detectFaceInRgb(f, width, height);
    out.push({ gap: face ? innerLipGap(face.mesh) : null, mesh: face?.mesh ?? null });
  }
  return out;
}

/** RMS loudness per 40 ms (25 per second). */
export function loudnessPerFrame(file: string): number[] {
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-vn', '-ac', '1', '-ar', '16000', '-f', 's16le', '-'], { maxBuffer: 64 * 1024 * 1024 });
  const s = new Int16Array(raw.buffer, raw.byteOffset, Math.floor(raw.length / 2));
  const out: number[] = [];
  for (let i = 0; i + 640 <= s.length; i += 640) {
    let sum = 0;
    for (let k = i; k < i + 640; k++) sum += s[k]! * s[k]!;
    out.push(Math.sqrt(sum / 640));
  }
  return out;
}

export function correlation(a: readonly number[], b: readonly number[]): number {
  const n = Math.min(a.length, b.length);
  const mean = (x: readonly number[]) => x.slice(0, n).reduce((p, q) => p + q, 0) / n;
  const [ma, mb] = [mean(a), mean(b)];
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    num += (a[i]! - ma) * (b[i]! - mb);
    da += (a[i]! - ma) ** 2;
    db += (b[i]! - mb) ** 2;
  }
  return num / Math.sqrt(da * db);
}

/**
 * Mean and largest absolute difference (0–255) between two frames outside the face's work region (the
 * box the re-draw may touch, from the source face mesh); the whole frame when `mesh` is null.
 */
export function differenceOutsideFace(a: Buffer, b: Buffer, width: number, height: number, mesh: readonly { x: number; y: number }[] | null): { mean: number; max: number } {
  const r = mesh ? workRegion(mesh, width, height) : { x: 0, y: 0, width: 0, height: 0 };
  let sum = 0;
  let n = 0;
  let max = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x >= r.x && x < r.x + r.width && y >= r.y && y < r.y + r.height) continue;
      for (let c = 0; c < 3; c++) {
        const i = (y * width + x) * 3 + c;
        const d = Math.abs(a[i]! - b[i]!);
        sum += d;
        n++;
        if (d > max) max = d;
      }
    }
  }
  return { mean: sum / Math.max(1, n), max };
}
