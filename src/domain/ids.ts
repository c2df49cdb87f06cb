// Identifiers. Video ids are 32 lowercase hex characters, the shape HeyGen hands out, because some
// clients validate or store them in fixed-width columns.
import { randomBytes, randomUUID } from 'node:crypto';

export function newVideoId(): string {
  return randomBytes(16).toString('hex');
}

/** Opaque ids for rows nobody outside sees the shape of (jobs, spaces, keys). */
export function newId(prefix: string): string {
  return `${prefix}_${randomUUID().replace(/-/g, '')}`;
}
