// Face landmarks for a photo: the 468-point face mesh and the face box, in the image's pixel space.
import { OratorError } from '../../../domain/errors.js';
import { loadHuman } from './load-human.js';

export interface Point { x: number; y: number }

export interface FaceLandmarks {
  /** Size of the (EXIF-rotated) image the points refer to. */
  width: number;
  height: number;
  /** 468 points of MediaPipe's canonical face mesh. */
  mesh: Point[];
  box: { x: number; y: number; width: number; height: number };
  score: number;
}

export interface DetectOptions {
  /** Request field named in the error when no face is found. */
  param?: string;
}

/** Faces smaller than this on the detector's input are not reliable enough to animate. */
const MIN_DETECT_SIDE = 64;
/** The detector works at 256 px; bigger inputs only cost decode and copy time. */
const MAX_DETECT_SIDE = 1024;

// One Human instance keeps per-call state (and the WASM backend is single-threaded anyway), so
// detections from concurrent renders take turns.
let queue: Promise<unknown> = Promise.resolve();
function serially<T>(run: () => Promise<T>): Promise<T> {
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

export async function detectFaceLandmarks(imagePath: string, options: DetectOptions = {}): Promise<FaceLandmarks> {
  const { default: sharp } = await import('sharp');
  const param = options.param ?? 'image';
  let raw: { data: Buffer; info: { width: number; height: number } };
  let original: { width: number; height: number };
  try {
    const meta = await sharp(imagePath).metadata();
    // EXIF orientations 5-8 are quarter turns: the upright image has width and height swapped.
    const turned = (meta.orientation ?? 1) >= 5;
    original = { width: (turned ? meta.height : meta.width) ?? 0, height: (turned ? meta.width : meta.height) ?? 0 };
    const rotated = sharp(imagePath, { failOn: 'error' }).rotate();
    const long = Math.max(original.width, original.height);
    const target = Math.min(MAX_DETECT_SIDE, long);
    raw = await rotated
      .resize(Math.round((original.width * target) / long), Math.round((original.height * target) / long), { fit: 'fill' })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new OratorError('invalid_parameter', 'The image is corrupted or not a supported image format', { param, cause: error });
  }
  if (Math.min(raw.info.width, raw.info.height) < MIN_DETECT_SIDE) {
    throw new OratorError('invalid_parameter', `The image is too small (at least ${MIN_DETECT_SIDE} px on each side)`, { param });
  }
  const face = await detectFaceInRgb(raw.data, raw.info.width, raw.info.height);
  if (!face) throw new OratorError('invalid_parameter', 'No face found in the image', { param });
  const k = original.width / raw.info.width;
  return {
    width: original.width,
    height: original.height,
    mesh: face.mesh.map((p) => ({ x: p.x * k, y: p.y * k })),
    box: { x: face.box.x * k, y: face.box.y * k, width: face.box.width * k, height: face.box.height * k },
    score: face.score,
  };
}

/**
 * The most confident face with a full mesh in packed RGB pixels, in their pixel space, or null. Also
 * used on decoded video frames by the quality figures, which read the mouth as a viewer sees it.
 */
export async function detectFaceInRgb(rgb: Uint8Array, width: number, height: number): Promise<Omit<FaceLandmarks, 'width' | 'height'> | null> {
  const faces = await serially(async () => {
    const human = await loadHuman();
    const tensor = human.tf.tensor3d(new Uint8Array(rgb.buffer, rgb.byteOffset, width * height * 3), [height, width, 3], 'int32');
    try {
      return (await human.detect(tensor)).face;
    } finally {
      tensor.dispose();
    }
  });
  const face = faces.filter((f) => f.mesh.length >= 468).sort((a, b) => b.score - a.score)[0];
  if (!face) return null;
  const [bx, by, bw, bh] = face.box;
  return { mesh: face.mesh.slice(0, 468).map(([x, y]) => ({ x, y })), box: { x: bx, y: by, width: bw, height: bh }, score: face.score };
}
