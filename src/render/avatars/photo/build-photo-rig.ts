// A rig from a photo: the photo framed per style (extended from its own backdrop where the frame
// reaches past it), 9 mouth shapes made by warping the lips and jaw of the detected face mesh, each
// with its mouth's inside painted, and an eyes-closed twin of each made by lowering the upper eyelids.
// Same contract as the stock rigs (18 RGBA PNG stills + boxes), cached on disk by image hash, style,
// size and aspect.
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OratorError } from '../../../domain/errors.js';
import type { AvatarStyle } from '../../../domain/render-plan.js';
import { VISEMES, type Viseme } from '../../visemes/viseme.js';
import type { AvatarRig, PixelBox } from '../avatar-catalogue.js';
import { buildRigAtomically, readRigManifest, rigStillName, rigStills, type RigManifestBase } from '../rig-cache.js';
import { innerLipGap } from '../../quality/lip-gap.js';
import { photoFaceCrop, trackerCropSize } from '../../quality/measure-photo-lip-sync.js';
import { limitedRangeLuma } from '../../quality/measure-photo-stills.js';
import { detectFaceInRgb, detectFaceLandmarks, type Point } from './detect-face-landmarks.js';
import { FACE_OVAL, OUTER_LOWER_LIP, OUTER_UPPER_LIP } from './face-mesh-regions.js';
import { ringAround, withRing } from './face-ring.js';
import { faceMeshTriangles } from './load-human.js';
import { drawLipContact, mouthPalette, paintMouthInterior } from './mouth-interior.js';
import { closeEyes, MOUTH_SHAPES, shapeMouth } from './mouth-shapes.js';
import { innerLipGapPx } from './mouth-gap.js';
import { renderFramedPhoto } from './photo-backdrop.js';
import { bleedFor, framePhoto } from './photo-framing.js';
import { photoRigId } from './photo-rig-id.js';
import { lipSamplingMesh, warpTriangles } from './warp-face.js';

/** Bump when the warp, framing or file layout changes: old cache entries are then ignored. */
// 3: stills named like stock rigs (shared rig cache layout). 4: presenter framing with the backdrop
// extended, mouths opened by the eye distance with a painted inside, closed rest pose. 5: wider openings. 6: eyes shut fully; the tracker's
// reading of each mouth shape kept in the manifest (trackedOpenings). 7: backdrop blurred harder far out.
// 8: mouth-luma.bin. 9: lips sampled inside their edge when opened; no lower-teeth rim.
// 10: lip landmarks by membership, openings sized by eyes and mouth width, corner wedges painted.
// 11: a parted photo's lip rings resampled evenly between the lips' edges.
const PHOTO_RIG_FORMAT = 'orator-photo-rig-11';
/** The mouth of every shape as the encoder's luma (VISEMES order), for the quality figures. */
const MOUTH_LUMA_FILE = 'mouth-luma.bin';

export interface BuildPhotoRigOptions {
  imagePath: string;
  style: AvatarStyle;
  /** Visible still height in pixels; rounded to an even number. */
  height: number;
  /**
   * The video's frame: the normal style takes its aspect (16:9 when absent), and a photo as tall as
   * the frame gets a bleed margin on every side (bleedFor) so the idle sway never shows an edge.
   */
  frame?: { width: number; height: number };
  /** Root cache folder; rigs go under `<cacheDir>/photos/<image hash>/<style>/<height>-<aspect>-<bleed>/<format>/`. */
  cacheDir: string;
  /** Request field named in errors (no face, unreadable image). */
  param?: string;
}

interface PhotoRigManifest extends RigManifestBase {
  imageHash: string;
  trackedOpenings: Record<Viseme, number>;
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
  const aspect = options.frame ? options.frame.width / options.frame.height : 16 / 9;
  const bleed = options.style === 'normal' && options.frame && height >= options.frame.height ? bleedFor(options.frame.height) : 0;
  const size: RigSize = { height, aspect, bleed };
  const parent = join(options.cacheDir, 'photos', imageHash, options.style, `${height}-${aspect.toFixed(4)}-${bleed}`);
  const dir = join(parent, PHOTO_RIG_FORMAT);
  let job = inFlight.get(dir);
  if (!job) {
    job = buildOrReuse(options, imageHash, size, parent, dir, param).finally(() => inFlight.delete(dir));
    inFlight.set(dir, job);
  }
  return job;
}

interface RigSize { height: number; aspect: number; bleed: number }

export { photoRigId } from './photo-rig-id.js';

async function buildOrReuse(options: BuildPhotoRigOptions, imageHash: string, size: RigSize, parent: string, dir: string, param: string): Promise<AvatarRig> {
  const cached = await readRigManifest<PhotoRigManifest>(dir, PHOTO_RIG_FORMAT);
  if (cached) return rigFromManifest(dir, cached);

  const [{ default: sharp }, canvasLib, face, faceTriangles] = await Promise.all([
    import('sharp'),
    import('@napi-rs/canvas'),
    detectFaceLandmarks(options.imagePath, { param }),
    faceMeshTriangles(),
  ]);
  const framing = framePhoto(face, options.style, size.height, size.aspect, size.bleed);
  const { crop, width, height } = framing;
  const k = width / crop.width;
  const mesh: Point[] = face.mesh.map((p) => ({ x: (p.x - crop.x) * k, y: (p.y - crop.y) * k }));
  const pixels = await renderFramedPhoto(sharp, options.imagePath, face, framing);
  const source = canvasLib.createCanvas(width, height);
  source.getContext('2d').putImageData(new canvasLib.ImageData(new Uint8ClampedArray(pixels.buffer, pixels.byteOffset, pixels.length), width, height), 0, 0);

  const ring = ringAround(mesh);
  const triangles = [...faceTriangles, ...ring.strip];
  // Open mouths sample their lips a little inside the edge (lipSamplingMesh); closed ones keep a
  // closed photo's own meeting line, and get a drawn one where the photo's lips were parted.
  const openFrom = withRing(lipSamplingMesh(mesh), ring);
  const closedFrom = withRing(mesh, ring);
  const photoParted = innerLipGapPx(mesh) > 1.5;
  const palette = mouthPalette(source, mesh);
  const meshes = new Map<Viseme, Point[]>(VISEMES.map((v) => [v, shapeMouth(mesh, MOUTH_SHAPES[v])]));
  const mouthBox = boxOf([...meshes.values()].flatMap((m) => [...OUTER_UPPER_LIP, ...OUTER_LOWER_LIP].map((i) => m[i]!)), width, height, 0.15);
  const headBox = boxOf(FACE_OVAL.map((i) => mesh[i]!), width, height, 0.05);

  const manifest = await buildRigAtomically<PhotoRigManifest>(dir, parent, async (tmp) => {
    const writes: Promise<unknown>[] = [];
    const openings: Promise<[Viseme, number]>[] = [];
    const mouths: Uint8Array[] = [];
    for (const viseme of VISEMES) {
      const shaped = meshes.get(viseme)!;
      for (const eyesOpen of [true, false]) {
        const to = eyesOpen ? shaped : closeEyes(shaped);
        const canvas = canvasLib.createCanvas(width, height);
        const ctx = canvas.getContext('2d');
        ctx.drawImage(source, 0, 0);
        paintMouthInterior(ctx, source, mesh, to, MOUTH_SHAPES[viseme], palette, (w, h) => canvasLib.createCanvas(w, h));
        const closed = innerLipGapPx(to) < 0.75;
        warpTriangles(ctx, source, closed && !photoParted ? closedFrom : openFrom, withRing(to, ring), triangles, !closed);
        if (closed && photoParted) drawLipContact(ctx, to, palette);
        if (options.style === 'circle') {
          // The circle style shows the photo through a round window; outside it is transparent.
          ctx.globalCompositeOperation = 'destination-in';
          ctx.beginPath();
          ctx.arc(width / 2, height / 2, Math.min(width, height) / 2, 0, Math.PI * 2);
          ctx.fill();
        }
        const rgba = ctx.getImageData(0, 0, width, height).data;
        if (eyesOpen) {
          openings.push(trackedOpening(sharp, rgba, width, height, headBox).then((gap) => [viseme, gap]));
          mouths.push(limitedRangeLuma(ctx.getImageData(mouthBox.x, mouthBox.y, mouthBox.width, mouthBox.height).data, mouthBox.width * mouthBox.height));
        }
        writes.push(
          sharp(Buffer.from(rgba.buffer, rgba.byteOffset, rgba.length), { raw: { width, height, channels: 4 } })
            .png({ compressionLevel: 3, adaptiveFiltering: false })
            .toFile(join(tmp, rigStillName(viseme, eyesOpen))),
        );
      }
    }
    writes.push(writeFile(join(tmp, MOUTH_LUMA_FILE), Buffer.concat(mouths)));
    await Promise.all(writes);
    const trackedOpenings = Object.fromEntries(await Promise.all(openings)) as Record<Viseme, number>;
    return { format: PHOTO_RIG_FORMAT, imageHash, style: options.style, width, height, mouthBox, headBox, trackedOpenings };
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
  return {
    avatarId: photoRigId(m.imageHash), style: m.style, width: m.width, height: m.height, stills: rigStills(dir), mouthBox: m.mouthBox, headBox: m.headBox,
    trackedOpenings: m.trackedOpenings, mouthLumaPath: join(dir, MOUTH_LUMA_FILE),
  };
}

/** The inner-lip gap the face tracker reads on a still, cropped around the face as the quality figures crop frames. */
async function trackedOpening(sharp: typeof import('sharp'), rgba: Uint8ClampedArray, width: number, height: number, headBox: PixelBox): Promise<number> {
  const crop = photoFaceCrop({ faceBox: headBox, frameWidth: width, frameHeight: height });
  const size = trackerCropSize(crop);
  const rgb = await sharp(Buffer.from(rgba.buffer, rgba.byteOffset, rgba.length), { raw: { width, height, channels: 4 } })
    .extract({ left: crop.x, top: crop.y, width: crop.width, height: crop.height })
    .resize(size.width, size.height, { fit: 'fill', kernel: 'cubic' })
    .removeAlpha()
    .raw()
    .toBuffer();
  const face = await detectFaceInRgb(rgb, size.width, size.height);
  return face ? Math.round(innerLipGap(face.mesh) * 1000) / 1000 : 0;
}
