// A background image decoded and scaled once, to exactly the frame size (sharp's fit semantics).
import sharp from 'sharp';
import { OratorError } from '../../domain/errors.js';
import type { ImageFit } from '../../domain/render-plan.js';

export async function fitImage(input: string, output: string, width: number, height: number, fit: ImageFit, name: string, param: string): Promise<void> {
  try {
    let image = sharp(input, { failOn: 'error' }).rotate();
    if (fit === 'none') {
      const meta = await sharp(input).metadata();
      const w = Math.min(width, meta.width ?? width);
      const h = Math.min(height, meta.height ?? height);
      image = image.resize(w, h, { fit: 'cover' }).extend({
        top: Math.floor((height - h) / 2), bottom: Math.ceil((height - h) / 2),
        left: Math.floor((width - w) / 2), right: Math.ceil((width - w) / 2), background: '#000000',
      });
    } else {
      image = image.resize(width, height, { fit: fit === 'contain' ? 'contain' : 'cover', background: '#000000' });
    }
    await image.flatten({ background: '#000000' }).png({ compressionLevel: 1 }).toFile(output);
  } catch (error) {
    throw new OratorError('video_file_corrupted', `Background image ${name} is corrupted or not a supported image`, { param, cause: error });
  }
}
