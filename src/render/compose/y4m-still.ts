// One-frame YUV4MPEG2 files: the concat demuxer reads them as a plain copy, already in the encoder's
// pixel format, so a mouth change costs a memcpy instead of a PNG inflate plus a colour conversion.
// The RGB → YUV conversion is swscale's default (BT.601, limited range), done once per still.

/** RGB(A) raw pixels (alpha ignored, already flattened) → a y4m file holding one yuv420p frame. */
export function rgbToY4m(pixels: Uint8Array, width: number, height: number, channels: 3 | 4, fps: number): Buffer {
  if (width % 2 || height % 2) throw new Error('y4m stills need even dimensions');
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F${fps}:1 Ip A1:1 C420jpeg\nFRAME\n`, 'ascii');
  const ySize = width * height;
  const cSize = ySize / 4;
  const out = Buffer.alloc(header.length + ySize + 2 * cSize);
  header.copy(out, 0);
  const yBase = header.length;
  const uBase = yBase + ySize;
  const vBase = uBase + cSize;
  for (let i = 0, p = 0; i < ySize; i++, p += channels) {
    const r = pixels[p]!;
    const g = pixels[p + 1]!;
    const b = pixels[p + 2]!;
    out[yBase + i] = (16 + (65.481 * r + 128.553 * g + 24.966 * b) / 255 + 0.5) | 0;
  }
  const halfW = width / 2;
  const row = width * channels;
  // The 2×2 block is summed by hand (not a loop over offsets): this runs for every chroma sample of
  // every still, and the integer sums are the same whatever the order.
  for (let cy = 0; cy < height / 2; cy++) {
    for (let cx = 0, p = cy * 2 * row; cx < halfW; cx++, p += 2 * channels) {
      const q = p + channels;
      const r = (pixels[p]! + pixels[q]! + pixels[p + row]! + pixels[q + row]!) / 4;
      const g = (pixels[p + 1]! + pixels[q + 1]! + pixels[p + row + 1]! + pixels[q + row + 1]!) / 4;
      const b = (pixels[p + 2]! + pixels[q + 2]! + pixels[p + row + 2]! + pixels[q + row + 2]!) / 4;
      const c = cy * halfW + cx;
      out[uBase + c] = clampByte(128 + (-37.797 * r - 74.203 * g + 112 * b) / 255 + 0.5);
      out[vBase + c] = clampByte(128 + (112 * r - 93.786 * g - 18.214 * b) / 255 + 0.5);
    }
  }
  return out;
}

function clampByte(v: number): number {
  return v < 0 ? 0 : v > 255 ? 255 : v | 0;
}
