// The v3 watermark: sized and faded once with sharp, then laid over every frame by ffmpeg at a fixed
// position. It is overlaid after the idle-motion crop (not baked into the precomposited stills) so
// the logo stays still while the picture sways.
import sharp from 'sharp';
import { OratorError } from '../../domain/errors.js';
import type { WatermarkPlan } from '../../domain/render-plan.js';

/** A prepared watermark: an RGBA PNG already at its final size and opacity, and its top-left corner. */
export interface WatermarkInput {
  path: string;
  x: number;
  y: number;
}

export interface WatermarkBox {
  width: number;
  height: number;
  x: number;
  y: number;
}

/** HeyGen's "standard margins" when no offset is given: a small inset from the anchor corner. */
export const WATERMARK_MARGIN_FRACTION = 0.02;

/**
 * Where the watermark goes and how big it is. `scale` 1 is the image's native size (HeyGen), capped so
 * the logo never exceeds the frame; offsets are fractions of the frame, positive = right/down.
 */
export function watermarkBox(
  wm: Pick<WatermarkPlan, 'scale' | 'position' | 'offsetX' | 'offsetY'>,
  native: { width: number; height: number },
  frame: { width: number; height: number },
): WatermarkBox {
  const fit = Math.min(1, frame.width / (native.width * wm.scale || 1), frame.height / (native.height * wm.scale || 1));
  const width = Math.max(1, Math.round(native.width * wm.scale * fit));
  const height = Math.max(1, Math.round(native.height * wm.scale * fit));
  const margin = Math.round(Math.min(frame.width, frame.height) * WATERMARK_MARGIN_FRACTION);
  const left = wm.position === 'top_left' || wm.position === 'bottom_left';
  const top = wm.position === 'top_left' || wm.position === 'top_right';
  const x = (left ? margin : frame.width - margin - width) + Math.round(wm.offsetX * frame.width);
  const y = (top ? margin : frame.height - margin - height) + Math.round(wm.offsetY * frame.height);
  return { width, height, x, y };
}

/** Resizes the image and multiplies its alpha by `opacity`; returns null when nothing would show. */
export async function prepareWatermark(
  inputPath: string,
  wm: WatermarkPlan,
  frame: { width: number; height: number },
  outPath: string,
  name: string,
): Promise<WatermarkInput | null> {
  if (wm.scale <= 0 || wm.opacity <= 0) return null;
  try {
    const meta = await sharp(inputPath, { failOn: 'error' }).metadata();
    const oriented = meta.orientation && meta.orientation >= 5;
    const native = { width: (oriented ? meta.height : meta.width) ?? 1, height: (oriented ? meta.width : meta.height) ?? 1 };
    const box = watermarkBox(wm, native, frame);
    const { data, info } = await sharp(inputPath, { failOn: 'error' })
      .rotate()
      .resize(box.width, box.height, { fit: 'fill' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    // Integer maths on the alpha bytes: the same plan gives the same pixels everywhere.
    const factor = Math.round(Math.min(1, wm.opacity) * 256);
    for (let p = info.channels - 1; p < data.length; p += info.channels) data[p] = (data[p]! * factor) >> 8;
    await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).png({ compressionLevel: 1 }).toFile(outPath);
    return { path: outPath, x: box.x, y: box.y };
  } catch (error) {
    throw new OratorError('video_file_corrupted', `Watermark image ${name} is corrupted or not a supported image`, { param: 'watermark.image', cause: error });
  }
}
