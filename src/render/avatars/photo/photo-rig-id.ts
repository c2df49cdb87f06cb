// The id a photo rig reports: stable per image, so logs and caches can name it, and stages can tell a
// photo's rig from a drawn one (the quality stage reads a photo's mouth with the face tracker).
const PREFIX = 'photo_';

export function photoRigId(imageHash: string): string {
  return `${PREFIX}${imageHash}`;
}

export function isPhotoRigId(avatarId: string): boolean {
  return avatarId.startsWith(PREFIX);
}
