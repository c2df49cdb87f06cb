// The framed picture a photo rig starts from. Where the framing reaches past the photo's edges, the
// photo's edge pixels are carried outward and that margin blurred, blending from the photo's own sharp
// pixels at its edge into a soft backdrop of its own colours: a presenter shot, never a letterbox.
// (Mirroring was tried first: it reflects the person's shoulder into a ghost beside them.)
import type { PhotoFraming } from './photo-framing.js';

/** Blur of the extended margin near the photo, and far from it (where carried-out edge pixels would streak), as shares of the output height. */
const BACKDROP_BLUR = 0.05;
const FAR_BLUR = 0.18;
/** Distance from the photo's edge over which the near blur gives way to the far one, as a share of the output height. */
const FAR_AT = 0.3;
/** Width of the blend from the carried-out edge to the blur outside the photo's edge, as a share of the output height. */
const FEATHER = 0.08;

type Sharp = typeof import('sharp');

/** RGBA pixels of `framing.width`×`framing.height` showing the crop of the (EXIF-rotated) photo. */
export async function renderFramedPhoto(sharp: Sharp, imagePath: string, photo: { width: number; height: number }, framing: PhotoFraming): Promise<Buffer> {
  const { crop } = framing;
  const ext = {
    left: Math.max(0, Math.ceil(-crop.x)),
    top: Math.max(0, Math.ceil(-crop.y)),
    right: Math.max(0, Math.ceil(crop.x + crop.width - photo.width)),
    bottom: Math.max(0, Math.ceil(crop.y + crop.height - photo.height)),
  };
  const extended = ext.left + ext.top + ext.right + ext.bottom > 0;
  // Extending needs an upright flat picture first: libvips would extend before rotating otherwise.
  const upright = await sharp(imagePath).rotate().flatten({ background: '#ffffff' }).raw().toBuffer({ resolveWithObject: true });
  const channels = upright.info.channels;
  // Each step is its own pipeline: sharp orders extend after extract within one.
  const wide = extended
    ? await sharp(upright.data, { raw: { width: upright.info.width, height: upright.info.height, channels } }).extend({ ...ext, extendWith: 'copy' }).raw().toBuffer({ resolveWithObject: true })
    : upright;
  const left = Math.max(0, Math.round(crop.x + ext.left));
  const top = Math.max(0, Math.round(crop.y + ext.top));
  const region = {
    left, top,
    width: Math.max(1, Math.min(wide.info.width - left, Math.round(crop.width))),
    height: Math.max(1, Math.min(wide.info.height - top, Math.round(crop.height))),
  };
  const cut = await sharp(wide.data, { raw: { width: wide.info.width, height: wide.info.height, channels } }).extract(region).raw().toBuffer();
  const framed = await sharp(cut, { raw: { width: region.width, height: region.height, channels } })
    .resize(framing.width, framing.height, { fit: 'fill', kernel: 'lanczos3' })
    .ensureAlpha()
    .raw()
    .toBuffer();
  if (!extended) return framed;
  const raw = { raw: { width: framing.width, height: framing.height, channels: 4 as const } };
  const [near, far] = await Promise.all([BACKDROP_BLUR, FAR_BLUR].map((sigma) => sharp(framed, raw).blur(Math.max(1, sigma * framing.height)).raw().toBuffer()));
  const k = framing.width / crop.width;
  const inside = { x0: -crop.x * k, y0: -crop.y * k, x1: (photo.width - crop.x) * k, y1: (photo.height - crop.y) * k };
  const soft = blendOutside(near!, far!, framing.width, framing.height, inside, Math.max(1, FAR_AT * framing.height));
  return blendOutside(framed, soft, framing.width, framing.height, inside, Math.max(1, FEATHER * framing.height));
}

/** `sharp` inside the rectangle, fading to `soft` over `feather` pixels outside it. */
export function blendOutside(sharpPx: Buffer, soft: Buffer, width: number, height: number, r: { x0: number; y0: number; x1: number; y1: number }, feather: number): Buffer {
  const out = Buffer.from(sharpPx);
  for (let y = 0; y < height; y++) {
    const dy = Math.max(0, r.y0 - (y + 0.5), y + 0.5 - r.y1);
    for (let x = 0; x < width; x++) {
      const dx = Math.max(0, r.x0 - (x + 0.5), x + 0.5 - r.x1);
      if (dx === 0 && dy === 0) continue;
      const t = Math.min(1, Math.hypot(dx, dy) / feather);
      const w = t * t * (3 - 2 * t);
      const i = (y * width + x) * 4;
      for (let c = 0; c < 3; c++) out[i + c] = Math.round(sharpPx[i + c]! * (1 - w) + soft[i + c]! * w);
    }
  }
  return out;
}
