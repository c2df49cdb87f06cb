// HeyGen placement semantics: `scale` 1 = the style's natural size (the rig is built at frame height),
// `offset {x, y}` moves the avatar centre by a fraction of the frame (positive = right / down).

export interface AvatarPlacement {
  /** Rig height to request so no scaling is needed in ffmpeg. */
  rigHeight: number;
}

/** Rig height for a frame and scale: even, at least 16 px, at most 4096 px (bigger only crops). */
export function rigHeightFor(frameHeight: number, scale: number): number {
  const raw = Math.round(frameHeight * scale);
  return Math.min(4096, Math.max(16, raw - (raw % 2)));
}

/** Top-left corner of a rig of `rigWidth`×`rigHeight` with its centre moved by `offset`. */
export function restPosition(
  frame: { width: number; height: number },
  rig: { width: number; height: number },
  offset: { x: number; y: number },
): { x: number; y: number } {
  return {
    x: Math.round((frame.width - rig.width) / 2 + offset.x * frame.width),
    y: Math.round((frame.height - rig.height) / 2 + offset.y * frame.height),
  };
}
