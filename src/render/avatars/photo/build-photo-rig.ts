// A rig from a photo: the photo framed per style, 9 mouth shapes made by warping the lips and jaw of
// the detected face mesh, and an eyes-closed twin of each made by lowering the upper eyelids. Same
// contract as the stock rigs (18 RGBA PNG stills + boxes), cached on disk by image hash, style and height.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OratorError } from '../../../domain/errors.js';
import type { AvatarStyle } from '../../../domain/render-plan.js';
import { VISEMES, type Viseme } from '../../visemes/viseme.js';
import type { AvatarRig, PixelBox } from '../avatar-catalogue.js';
import { buildRigAtomically, readRigManifest, rigStillName, rigStills, type RigManifestBase } from '../rig-cache.js';
import { detectFaceLandmarks, type Point } from './detect-face-landmarks.js';
import { FACE_OVAL, OUTER_LOWER_LIP, OUTER_UPPER_LIP } from './face-mesh-regions.js';
import { faceMeshTriangles } from './load-human.js';
import { closeEyes, MOUTH_SHAPES, shapeMouth } from './mouth-shapes.js';
import { framePhoto } from './photo-framing.js';
import { warpFace } from './warp-face.js';

/** Bump when the warp, framing or file layout changes: old cache entries are then ignored. */
// 3: stills named like stock rigs (shared rig cache layout).
const PHOTO_RIG_FORMAT = 'orator-photo-rig-3';

export interface BuildPhotoRigOptions {
  imagePath: string;
  style: AvatarStyle;
  /** Still height in pixels; rounded to an even number. */
  height: number;
  /** Root cache folder; rigs go under `<cacheDir>/photos/<image hash>/<style>/<height>/<format>/`. */
  cacheDir: string;
  /** Request field named in errors (no face, unreadable image). */
  param?: string;
}

interface PhotoRigManifest extends RigManifestBase {
  imageHash: string;
}

const inFlight = new Map<string, Promise<AvatarRig>>();

export async function buildPhotoRig(options: BuildPhotoRigOptions): Promise<AvatarRig> {
  if (!Number.isFinite(options.height) || options.height < 16 || options.height > 4320) {
    throw new OratorError('invalid_dimension', `Avatar height out of range: ${options.height}`);
  }
  const param = options.param ?? 'image';
  let bytes: Buffer;
  try {
    bytes = await readFile(options.imagePath);
  } catch (error) {
    throw new OratorError('asset_not_found', 'The photo could not be read', { param, cause: error });
  }
  const imageHash = createHash('sha256').update(bytes).digest('hex').slice(0, 24);
  const height = Math.max(2, Math.round(options.height / 2) * 2);
  const parent = join(options.cacheDir, 'photos', imageHash, options.style, String(height));
  const dir = join(parent, PHOTO_RIG_FORMAT);
  let job = inFlight.get(dir);
  if (!job) {
    job = buildOrReuse(options, imageHash, height, parent, dir, param).finally(() => inFlight.delete(dir));
    inFlight.set(dir, job);
  }
  return job;
}

/** The id a photo rig reports: stable per image, so logs and caches can name it. */
export function photoRigId(imageHash: string): string {
  return `photo_${imageHash}`;
}

async function buildOrReuse(options: BuildPhotoRigOptions, imageHash: string, height: number, parent: string, dir: string, param: string): Promise<AvatarRig> {
  const cached = await readRigManifest<PhotoRigManifest>(dir, PHOTO_RIG_FORMAT);
  if (cached) return rigFromManifest(dir, cached);

  const [{ default: sharp }, canvasLib, face, triangles] = await Promise.all([
    import('sharp'),
    import('@napi-rs/canvas'),
    detectFaceLandmarks(options.imagePath, { param }),
    faceMeshTriangles(),
  ]);
  const framing = framePhoto(face, options.style, height);
  const { crop, width } = framing;
  const sx = width / crop.width;
  const sy = framing.height / crop.height;
  const mesh: Point[] = face.mesh.map((p) => ({ x: (p.x - crop.x) * sx, y: (p.y - crop.y) * sy }));

  const pixels = await sharp(options.imagePath)
    .rotate()
    .extract({ left: crop.x, top: crop.y, width: crop.width, height: crop.height })
    .resize(width, framing.height, { fit: 'fill' })
    .flatten({ background: '#ffffff' })
    .ensureAlpha()
    .raw()
    .toBuffer();
  const source = canvasLib.createCanvas(width, framing.height);
  source.getContext('2d').putImageData(new canvasLib.ImageData(new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.length), width, framing.height), 0, 0);

  const meshes = new Map<Viseme, Point[]>(VISEMES.map((v) => [v, shapeMouth(mesh, MOUTH_SHAPES[v])]));
  const mouthBox = boxOf([...meshes.values()].flatMap((m) => [...OUTER_UPPER_LIP, ...OUTER_LOWER_LIP].map((i) => m[i]!)), width, framing.height, 0.15);
  const headBox = boxOf(FACE_OVAL.map((i) => mesh[i]!), width, framing.height, 0.05);

  const manifest = await buildRigAtomically<PhotoRigManifest>(dir, parent, async (tmp) => {
    const writes: Promise<unknown>[] = [];
    for (const viseme of VISEMES) {
      const shaped = meshes.get(viseme)!;
      for (const eyesOpen of [true, false]) {
        const canvas = canvasLib.createCanvas(width, framing.height);
        const ctx = canvas.getContext('2d');
        ctx.drawImage(source, 0, 0);
        warpFace(ctx, source, mesh, eyesOpen ? shaped : closeEyes(shaped), triangles, MOUTH_SHAPES[viseme].open === null ? null : MOUTH_SHAPES[viseme].teeth);
        if (options.style === 'circle') {
          // The circle style shows the photo through a round window; outside it is transparent.
          ctx.globalCompositeOperation = 'destination-in';
          ctx.beginPath();
          ctx.arc(width / 2, framing.height / 2, Math.min(width, framing.height) / 2, 0, Math.PI * 2);
          ctx.fill();
        }
        const rgba = ctx.getImageData(0, 0, width, framing.height).data;
        writes.push(
          sharp(Buffer.from(rgba.buffer, rgba.byteOffset, rgba.length), { raw: { width, height: framing.height, channels: 4 } })
            .png({ compressionLevel: 3, adaptiveFiltering: false })
            .toFile(join(tmp, rigStillName(viseme, eyesOpen))),
        );
      }
    }
    await Promise.all(writes);
    return { format: PHOTO_RIG_FORMAT, imageHash, style: options.style, width, height: framing.height, mouthBox, headBox };
  });
  return rigFromManifest(dir, manifest);
}

function boxOf(points: Point[], width: number, height: number, margin: number): PixelBox {
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const mx = (x1 - x0) * margin;
  const my = (y1 - y0) * margin;
  const left = Math.max(0, Math.floor(x0 - mx));
  const top = Math.max(0, Math.floor(y0 - my));
  const right = Math.min(width, Math.ceil(x1 + mx));
  const bottom = Math.min(height, Math.ceil(y1 + my));
  return { x: left, y: top, width: Math.max(1, right - left), height: Math.max(1, bottom - top) };
}

function rigFromManifest(dir: string, m: PhotoRigManifest): AvatarRig {
  return { avatarId: photoRigId(m.imageHash), style: m.style, width: m.width, height: m.height, stills: rigStills(dir), mouthBox: m.mouthBox, headBox: m.headBox };
}
