// One-frame YUV4MPEG2 files: the concat demuxer reads them as a plain copy, already in the encoder's
// pixel format, so a mouth change costs a memcpy instead of a PNG inflate plus a colour conversion.
// The RGB → YUV conversion is swscale's default (BT.601, limited range), done once per still, and
// only for the block that differs from the background (a flat colour is filled, not converted).

export interface Y4mFrame {
  width: number;
  height: number;
  /** Header plus the three planes: written to disk as is. */
  bytes: Buffer;
}

/** A frame of one flat colour (RGB 0–255). */
export function flatY4m(width: number, height: number, rgb: readonly [number, number, number], fps: number): Y4mFrame {
  if (width % 2 || height % 2) throw new Error('y4m stills need even dimensions');
  const header = y4mHeader(width, height, fps);
  const ySize = width * height;
  const bytes = Buffer.alloc(header.length + ySize + ySize / 2);
  header.copy(bytes, 0);
  const [r, g, b] = rgb;
  bytes.fill(lumaOf(r, g, b), header.length, header.length + ySize);
  bytes.fill(blueDiffOf(r, g, b), header.length + ySize, header.length + ySize + ySize / 4);
  bytes.fill(redDiffOf(r, g, b), header.length + ySize + ySize / 4);
  return { width, height, bytes };
}

/**
 * Converts an RGB(A) block (alpha ignored, already flattened) into `frame` at `left, top`. The block
 * must sit on the chroma grid (even position and size), so each chroma sample comes from one block.
 */
export function drawRgbBlock(frame: Y4mFrame, pixels: Uint8Array, block: { left: number; top: number; width: number; height: number }, channels: 3 | 4): void {
  const { left, top, width, height } = block;
  if (left % 2 || top % 2 || width % 2 || height % 2) throw new Error('y4m blocks must sit on the chroma grid');
  if (left < 0 || top < 0 || left + width > frame.width || top + height > frame.height) throw new Error('y4m block outside the frame');
  const yBase = frame.bytes.length - (frame.width * frame.height * 3) / 2;
  const uBase = yBase + frame.width * frame.height;
  const vBase = uBase + (frame.width * frame.height) / 4;
  const out = frame.bytes;
  for (let y = 0; y < height; y++) {
    let p = y * width * channels;
    const o = yBase + (top + y) * frame.width + left;
    for (let x = 0; x < width; x++, p += channels) out[o + x] = lumaOf(pixels[p]!, pixels[p + 1]!, pixels[p + 2]!);
  }
  const halfW = frame.width / 2;
  const row = width * channels;
  // The 2×2 block is summed by hand (not a loop over offsets): this runs for every chroma sample of
  // every still, and the integer sums are the same whatever the order.
  for (let cy = 0; cy < height / 2; cy++) {
    const c0 = (top / 2 + cy) * halfW + left / 2;
    for (let cx = 0, p = cy * 2 * row; cx < width / 2; cx++, p += 2 * channels) {
      const q = p + channels;
      const r = (pixels[p]! + pixels[q]! + pixels[p + row]! + pixels[q + row]!) / 4;
      const g = (pixels[p + 1]! + pixels[q + 1]! + pixels[p + row + 1]! + pixels[q + row + 1]!) / 4;
      const b = (pixels[p + 2]! + pixels[q + 2]! + pixels[p + row + 2]! + pixels[q + row + 2]!) / 4;
      out[uBase + c0 + cx] = blueDiffOf(r, g, b);
      out[vBase + c0 + cx] = redDiffOf(r, g, b);
    }
  }
}

function y4mHeader(width: number, height: number, fps: number): Buffer {
  return Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\nFRAME\n`, 'ascii');
}

function lumaOf(r: number, g: number, b: number): number {
  return (16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255 + 0.5) | 0;
}

function blueDiffOf(r: number, g: number, b: number): number {
  return clampByte(128 + (-37.797 * r - 74.203 * g + 112 * b) / 255 + 0.5);
}

function redDiffOf(r: number, g: number, b: number): number {
  return clampByte(128 + (112 * r - 93.786 * g - 18.214 * b) / 255 + 0.5);
}

function clampByte(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v | 0;
}
