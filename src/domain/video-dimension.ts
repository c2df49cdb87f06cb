// HeyGen's dimension rule, in one place for the v2 and v3 APIs and the render engine. Bounds are
// inclusive (128 and 4096 render fine); the messages are HeyGen's own words, which clients match on.
import { OratorError } from './errors.js';

export const MIN_VIDEO_DIMENSION = 128;
export const MAX_VIDEO_DIMENSION = 4096;

export function assertVideoDimension(d: { width: number; height: number }): void {
  const sides = [d.width, d.height];
  if (sides.some((s) => !Number.isInteger(s) || s < MIN_VIDEO_DIMENSION || s > MAX_VIDEO_DIMENSION)) {
    throw new OratorError('invalid_dimension', 'Video width or height must be smaller than 4096 and larger than 128', { param: 'dimension' });
  }
  if (sides.some((s) => s % 2 !== 0)) {
    throw new OratorError('invalid_dimension', 'Video width and height must be even number', { param: 'dimension' });
  }
}
