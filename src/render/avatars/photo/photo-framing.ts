// Which part of the photo each style shows, and at what size: `normal` is the whole photo (sides
// trimmed around the face when it is wider than 16:9), `closeUp` and `circle` a square around the head.
import type { AvatarStyle } from '../../../domain/render-plan.js';
import type { FaceLandmarks } from './detect-face-landmarks.js';

export interface PhotoFraming {
  /** Source rectangle, in the photo's pixels. */
  crop: { x: number; y: number; width: number; height: number };
  /** Output still size (even numbers: video encoders need them). */
  width: number;
  height: number;
}

const MAX_ASPECT = 16 / 9;
/** Head-and-shoulders square: this many face-box heights on a side, centred a little below the face. */
const CLOSE_UP_FACES = 2.4;
const CLOSE_UP_DROP = 0.2;

const even = (n: number): number => Math.max(2, Math.round(n / 2) * 2);

export function framePhoto(face: Pick<FaceLandmarks, 'width' | 'height' | 'box'>, style: AvatarStyle, height: number): PhotoFraming {
  const h = even(height);
  const cx = face.box.x + face.box.width / 2;
  if (style === 'normal') {
    const width = Math.min(face.width, Math.floor(face.height * MAX_ASPECT));
    const x = clamp(Math.round(cx - width / 2), 0, face.width - width);
    return { crop: { x, y: 0, width, height: face.height }, width: even((h * width) / face.height), height: h };
  }
  const side = Math.floor(Math.min(face.width, face.height, face.box.height * CLOSE_UP_FACES));
  const cy = face.box.y + face.box.height * (0.5 + CLOSE_UP_DROP);
  const x = clamp(Math.round(cx - side / 2), 0, face.width - side);
  const y = clamp(Math.round(cy - side / 2), 0, face.height - side);
  return { crop: { x, y, width: side, height: side }, width: h, height: h };
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
