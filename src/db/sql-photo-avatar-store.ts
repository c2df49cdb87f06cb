// The three photo avatar stores on one Kysely handle (a database or a transaction).
import type { Kysely } from 'kysely';
import type { PhotoAvatarStore } from '../services/photo-avatars/photo-avatar-ports.js';
import type { Database } from './database.js';
import { SqlPhotoAvatarGenerationStore } from './sql-photo-avatar-generations.js';
import { SqlPhotoAvatarGroupStore } from './sql-photo-avatar-groups.js';
import { SqlPhotoAvatarLookStore } from './sql-photo-avatar-looks.js';

export function sqlPhotoAvatarStore(db: Kysely<Database>): PhotoAvatarStore {
  return { groups: new SqlPhotoAvatarGroupStore(db), looks: new SqlPhotoAvatarLookStore(db), generations: new SqlPhotoAvatarGenerationStore(db) };
}
