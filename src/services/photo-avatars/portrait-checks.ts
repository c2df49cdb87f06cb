// HeyGen's photo checks, judged on what the engine measured (RenderEngine.inspectPortrait): one face,
// large enough, sharp, and turned to the camera. Pure, so the thresholds are tested on numbers.
import { OratorError } from '../../domain/errors.js';
import type { PortraitFace, PortraitInspection } from '../ports.js';

/**
 * A second face counts when it is at least this wide relative to the main one: a crowd far behind the
 * subject does not make the photo unusable, a second person beside them does.
 */
export const SECOND_FACE_MIN_RATIO = 0.4;
/** Smaller faces are upscaled into mush at video sizes: px, and a fraction of the picture's short side. */
export const MIN_FACE_PX = 56;
export const MIN_FACE_FRACTION = 0.08;
/** Laplacian spread over contrast at 128 px: sharp portraits measure 0.45–0.9, a 1.5 px blur 0.13. */
export const MIN_SHARPNESS = 0.12;
/** 0 faces the camera; 0.45 is about 45° (one cheek mostly hidden), too far for the mouth warp. */
export const MAX_TURN = 0.45;

/** The face to animate, or the HeyGen error that says why the picture cannot be used. */
export function checkPortrait(inspection: PortraitInspection, param = 'image'): PortraitFace {
  const [main, ...others] = inspection.faces;
  if (!main) throw new OratorError('no_face', 'No face found in the image: use a photo that shows one person’s face, looking at the camera', { param });
  const crowd = others.filter((f) => f.box.width >= main.box.width * SECOND_FACE_MIN_RATIO);
  if (crowd.length > 0) throw new OratorError('too_many_faces', `The image shows ${crowd.length + 1} faces: use a photo of one person alone`, { param });
  const short = Math.min(inspection.width, inspection.height);
  if (main.box.width < MIN_FACE_PX || main.box.width < short * MIN_FACE_FRACTION) {
    throw new OratorError('bad_quality_image', `The face is too small (${Math.round(main.box.width)} px of a ${inspection.width}x${inspection.height} image): crop closer or use a larger photo`, { param });
  }
  if (main.sharpness < MIN_SHARPNESS) throw new OratorError('bad_quality_image', 'The face is blurred: use a sharp, well-lit photo', { param });
  if (main.turn > MAX_TURN) throw new OratorError('bad_quality_image', 'The face is turned away from the camera: use a photo looking straight ahead', { param });
  return main;
}
