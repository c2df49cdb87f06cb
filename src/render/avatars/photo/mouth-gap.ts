// The photo's inner-lip gap in pixels, across its own face (the middle three inner-lip pairs).
import type { Point } from './detect-face-landmarks.js';
import { faceFrame } from './face-frame.js';

const INNER_PAIRS: readonly (readonly [number, number])[] = [[82, 87], [13, 14], [312, 317]];

export function innerLipGapPx(mesh: readonly Point[]): number {
  const frame = faceFrame(mesh);
  let sum = 0;
  for (const [u, l] of INNER_PAIRS) sum += Math.max(0, frame.toLocal(mesh[l]!).y - frame.toLocal(mesh[u]!).y);
  return sum / INNER_PAIRS.length;
}
