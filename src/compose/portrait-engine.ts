// The render engine's portrait methods for photo avatars (RenderEngine.inspectPortrait, editPortrait,
// drawIllustratedPortrait): the engine's face landmarks and stock avatar artwork, with sharp for the
// pixels. Kept beside the engine adapter because the photo pipeline under src/render is being reworked;
// it only calls that code's stable entry points (detectFaceLandmarks, drawAvatarSvg).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { OratorError, isOratorError } from '../domain/errors.js';
import type { IllustratedPortrait, PortraitOrientation, PortraitPose } from '../domain/illustrated-portrait.js';
import type { PortraitBox, PortraitEdit, PortraitFace, PortraitInspection, PortraitTone } from '../services/ports.js';

type Sharp = typeof import('sharp');
const loadSharp = async (): Promise<Sharp> => (await import('sharp')).default;

/** MediaPipe's canonical mesh: the nose tip and the two cheek edges the head turn is read from. */
const NOSE_TIP = 1;
const CHEEK_LEFT = 234;
const CHEEK_RIGHT = 454;
/** Faces are looked for again with the ones found painted over; more than this many is "many" anyway. */
const MAX_FACES = 4;
/** Sharpness is read with the face at most this wide, so large photos are not favoured. */
const SHARPNESS_WIDTH = 128;
/** The detector refuses pictures smaller than this on a side. */
const MIN_SIDE = 64;

const corrupted = (cause: unknown) => new OratorError('invalid_parameter', 'The image is corrupted or not a supported image format', { param: 'image', cause });

export async function inspectPortrait(imagePath: string): Promise<PortraitInspection> {
  const sharp = await loadSharp();
  let upright: { data: Buffer; info: { width: number; height: number } };
  try {
    upright = await sharp(imagePath, { failOn: 'error' }).rotate().removeAlpha().raw().toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw corrupted(error);
  }
  const { width, height } = upright.info;
  if (Math.min(width, height) < MIN_SIDE) return { width, height, faces: [] };
  const { detectFaceLandmarks } = await import('../render/avatars/photo/detect-face-landmarks.js');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'orator-portrait-'));
  try {
    const faces: PortraitFace[] = [];
    let current = imagePath;
    const masked = Buffer.from(upright.data);
    for (let i = 0; i < MAX_FACES; i++) {
      let found;
      try {
        found = await detectFaceLandmarks(current);
      } catch (error) {
        if (isOratorError(error) && error.kind === 'invalid_parameter') break; // no (further) face
        throw error;
      }
      // The detector can box part of a face first and the rest of it once that part is painted over.
      const again = faces.some((f) => overlaps(grown(f.box, 2), found.box));
      if (!again) faces.push({ box: found.box, score: found.score, turn: headTurn(found.mesh), sharpness: await faceSharpness(sharp, upright, meshBounds(found.mesh, width, height)) });
      // The next face is looked for with this one painted over in flat grey.
      paintOver(masked, width, height, grown(found.box, 2));
      current = path.join(dir, `masked-${i}.png`);
      await writeFile(current, await sharp(masked, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer());
    }
    // The largest face is the subject.
    return { width, height, faces: faces.sort((a, b) => b.box.width - a.box.width) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** 0 when the nose sits midway between the cheek edges, towards 1 as one cheek disappears behind it. */
function headTurn(mesh: { x: number; y: number }[]): number {
  const nose = mesh[NOSE_TIP]!;
  const left = Math.abs(nose.x - mesh[CHEEK_LEFT]!.x);
  const right = Math.abs(mesh[CHEEK_RIGHT]!.x - nose.x);
  return left + right > 0 ? Math.abs(left - right) / (left + right) : 1;
}

function meshBounds(mesh: { x: number; y: number }[], width: number, height: number): PortraitBox {
  const xs = mesh.map((p) => p.x);
  const ys = mesh.map((p) => p.y);
  const x0 = Math.max(0, Math.floor(Math.min(...xs)));
  const y0 = Math.max(0, Math.floor(Math.min(...ys)));
  const x1 = Math.min(width, Math.ceil(Math.max(...xs)));
  const y1 = Math.min(height, Math.ceil(Math.max(...ys)));
  return { x: x0, y: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) };
}

function grown(b: PortraitBox, k: number): PortraitBox {
  const cx = b.x + b.width / 2;
  const cy = b.y + b.height / 2;
  return { x: cx - (b.width * k) / 2, y: cy - (b.height * k) / 2, width: b.width * k, height: b.height * k };
}

const overlaps = (a: PortraitBox, b: PortraitBox) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

function paintOver(rgb: Buffer, width: number, height: number, b: PortraitBox): void {
  const x0 = Math.max(0, Math.floor(b.x));
  const y0 = Math.max(0, Math.floor(b.y));
  const x1 = Math.min(width, Math.ceil(b.x + b.width));
  const y1 = Math.min(height, Math.ceil(b.y + b.height));
  for (let y = y0; y < y1; y++) rgb.fill(128, (y * width + x0) * 3, (y * width + x1) * 3);
}

/**
 * The spread of the Laplacian (edges and texture) over the spread of the grey levels (contrast), with
 * the face scaled down to SHARPNESS_WIDTH: a sharp face keeps its pores and lashes, a blurred one does not.
 */
async function faceSharpness(sharp: Sharp, upright: { data: Buffer; info: { width: number; height: number } }, b: PortraitBox): Promise<number> {
  const { width, height } = upright.info;
  const w = Math.min(SHARPNESS_WIDTH, b.width);
  const grey = await sharp(upright.data, { raw: { width, height, channels: 3 } })
    .extract({ left: b.x, top: b.y, width: b.width, height: b.height })
    .greyscale()
    .resize(w, Math.max(1, Math.round((b.height * w) / b.width)), { kernel: 'lanczos3' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const laplacian = await sharp(grey.data, { raw: { width: grey.info.width, height: grey.info.height, channels: 1 } })
    .convolve({ width: 3, height: 3, kernel: [0, 1, 0, 1, -4, 1, 0, 1, 0], offset: 128 })
    .raw()
    .toBuffer();
  const contrast = spread(grey.data);
  return contrast > 0 ? spread(laplacian) / contrast : 0;
}

function spread(values: Uint8Array): number {
  let sum = 0;
  let squares = 0;
  for (const v of values) {
    sum += v;
    squares += v * v;
  }
  const mean = sum / values.length;
  return Math.sqrt(Math.max(0, squares / values.length - mean * mean));
}

/** width / height of each orientation. */
const ASPECT: Record<PortraitOrientation, number> = { square: 1, horizontal: 16 / 9, vertical: 3 / 4 };
/** The crop's height in face heights, and where the face's centre sits from the top (fraction). */
const POSE_FRAME: Record<PortraitPose, { faces: number; faceAt: number }> = {
  close_up: { faces: 2.2, faceAt: 0.45 },
  half_body: { faces: 3.6, faceAt: 0.33 },
  full_body: { faces: 5.5, faceAt: 0.25 },
};

/** The largest crop of the orientation's shape, no taller than the pose asks, with the face placed for the pose. */
export function frameAround(face: PortraitBox, image: { width: number; height: number }, orientation: PortraitOrientation, pose: PortraitPose): PortraitBox {
  const aspect = ASPECT[orientation];
  const want = POSE_FRAME[pose];
  let h = Math.min(image.height, face.height * want.faces, image.width / aspect);
  let w = h * aspect;
  if (w > image.width) {
    w = image.width;
    h = w / aspect;
  }
  const cx = face.x + face.width / 2;
  const cy = face.y + face.height / 2;
  const x = Math.min(Math.max(0, cx - w / 2), image.width - w);
  const y = Math.min(Math.max(0, cy - h * want.faceAt), image.height - h);
  return { x: Math.round(x), y: Math.round(y), width: Math.max(1, Math.floor(w)), height: Math.max(1, Math.floor(h)) };
}

const TONE: Record<PortraitTone, (s: import('sharp').Sharp) => import('sharp').Sharp> = {
  natural: (s) => s,
  warm: (s) => s.recomb([[1.08, 0.04, 0], [0.02, 1.0, 0], [0, 0, 0.9]]),
  cool: (s) => s.recomb([[0.9, 0, 0.02], [0, 1.0, 0.04], [0, 0.04, 1.1]]),
  mono: (s) => s.greyscale(),
  vintage: (s) => s.recomb([[0.39, 0.77, 0.19], [0.35, 0.69, 0.17], [0.27, 0.53, 0.13]]).modulate({ saturation: 0.8 }),
  vivid: (s) => s.modulate({ saturation: 1.3 }).linear(1.08, -8),
};

export async function editPortrait(imagePath: string, outPath: string, edit: PortraitEdit): Promise<{ width: number; height: number }> {
  const sharp = await loadSharp();
  let image: import('sharp').Sharp;
  let size: { width: number; height: number };
  try {
    const upright = await sharp(imagePath, { failOn: 'error' }).rotate().toBuffer({ resolveWithObject: true });
    image = sharp(upright.data);
    size = { width: upright.info.width, height: upright.info.height };
  } catch (error) {
    throw corrupted(error);
  }
  if (edit.frame) {
    const crop = frameAround(edit.frame.face, size, edit.frame.orientation, edit.frame.pose);
    image = sharp(await image.extract({ left: crop.x, top: crop.y, width: crop.width, height: crop.height }).toBuffer());
    size = { width: crop.width, height: crop.height };
  }
  image = TONE[edit.tone ?? 'natural'](image);
  const factor = Math.min(edit.upscale ?? 1, edit.maxSide / Math.max(size.width, size.height));
  // Lanczos 3 both ways: the sharpest of sharp's kernels, without the ringing of a plain sinc.
  if (factor !== 1) image = image.resize(Math.max(1, Math.round(size.width * factor)), Math.max(1, Math.round(size.height * factor)), { kernel: 'lanczos3', fit: 'fill' });
  image = path.extname(outPath).toLowerCase() === '.png' ? image.png() : image.flatten({ background: '#ffffff' }).jpeg({ quality: 92 });
  const info = await image.toFile(outPath);
  return { width: info.width, height: info.height };
}

/** The part of the 1000 x 1250 design canvas each pose shows; the figure's bottom edge stays at the canvas's. */
const POSE_VIEW: Record<PortraitPose, { x: number; y: number; width: number; height: number }> = {
  close_up: { x: 150, y: 130, width: 700, height: 700 },
  half_body: { x: 0, y: 40, width: 1000, height: 1210 },
  full_body: { x: -150, y: -120, width: 1300, height: 1370 },
};

export async function drawIllustratedPortrait(portrait: IllustratedPortrait, outPath: string, size: { width: number; height: number }): Promise<void> {
  const [{ drawAvatarSvg }, { Resvg }] = await Promise.all([import('../render/avatars/draw-avatar-svg.js'), import('@resvg/resvg-js')]);
  const base = POSE_VIEW[portrait.pose];
  const aspect = size.width / size.height;
  // Widen (or heighten upwards) the pose's view to the picture's shape, keeping it centred on the figure.
  const view = base.width / base.height < aspect
    ? { x: 500 - (base.height * aspect) / 2, y: base.y, width: base.height * aspect, height: base.height }
    : { x: base.x, y: base.y + base.height - base.width / aspect, width: base.width, height: base.width / aspect };
  const svg = drawAvatarSvg(portrait.look, { viseme: 'X', eyesOpen: true, style: 'normal' }, view, size);
  const { top, bottom } = portrait.background;
  const backdrop =
    `<defs><linearGradient id="portrait-bg" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${top}"/><stop offset="1" stop-color="${bottom}"/></linearGradient></defs>` +
    `<rect x="${view.x}" y="${view.y}" width="${view.width}" height="${view.height}" fill="url(#portrait-bg)"/>`;
  const png = new Resvg(svg.replace(/^(<svg[^>]*>)/, `$1${backdrop}`)).render().asPng();
  await writeFile(outPath, png);
}
