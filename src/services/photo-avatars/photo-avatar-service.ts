// The photo-avatar resource as the routes call it: HeyGen's v1 seed flow (photo_avatar.generate / .get),
// the v2 photo_avatar endpoints and v3 POST /v3/avatars with type "photo", plus the private groups and
// looks the avatar listings show. Every read and write is scoped to the caller's space.
import { OratorError } from '../../domain/errors.js';
import type { PhotoAvatarGroupRecord } from '../../domain/photo-avatar.js';
import type { AvatarGroupView, AvatarLookView } from '../avatars/avatar-catalogue.js';
import { genderOf, newGroupRecord, writeLooks } from './create-photo-avatars.js';
import type { PhotoAttributes } from './illustrate-attributes.js';
import type { PhotoAvatarDeps } from './photo-avatar-deps.js';
import { imageKeyId, resolvePicture, type PictureInput, type ResolvedPicture } from './photo-avatar-pictures.js';
import * as q from './photo-avatar-queries.js';
import * as r from './photo-avatar-requests.js';
import * as m from './manage-photo-avatars.js';
import { generationView, trainStatusView, v1PhotoAvatarView, v3GroupView, v3LookView, type V2LookView } from './photo-avatar-views.js';

export type V3AvatarFile = { type: string; url?: string | null; asset_id?: string | null; data?: string | null; media_type?: string | null };

function v3Picture(file: V3AvatarFile): PictureInput {
  if (file.type === 'url' && file.url) return { type: 'url', url: file.url, param: 'file.url' };
  if (file.type === 'asset_id' && file.asset_id) return { type: 'image_key', key: file.asset_id, param: 'file.asset_id' };
  if (file.type === 'base64' && file.data && file.media_type) return { type: 'base64', data: file.data, mediaType: file.media_type, param: 'file' };
  throw new OratorError('invalid_parameter', 'file must be {"type":"url","url":…}, {"type":"asset_id","asset_id":…} or {"type":"base64","media_type":…,"data":…}', { param: 'file' });
}

/** A generated picture must come from the generation the request names, when it names one. */
function checkGeneration(key: string, generationId: string | null | undefined, param: string): void {
  if (generationId && !imageKeyId(key).startsWith(`${generationId}_`)) {
    throw new OratorError('invalid_parameter', `${param} ${key} is not a picture of generation ${generationId}`, { param });
  }
}

/** A new group takes the gender its first generated picture was drawn with, when the request gave none. */
const genderFrom = (gender: string | null | undefined, pictures: ResolvedPicture[]) => genderOf(gender) ?? pictures.flatMap((p) => (p.kind === 'ready' ? [p.gender] : []))[0] ?? null;

export function createPhotoAvatarService(deps: PhotoAvatarDeps) {
  const newGroup = async (spaceId: string, name: string, gender: string | null | undefined, picture: ResolvedPicture) => {
    const group = newGroupRecord(spaceId, name, genderFrom(gender, [picture]), deps.clock.now());
    const [look] = await writeLooks(deps, group, true, [{ picture, name }]);
    return { group, look: look! };
  };
  const addTo = async (spaceId: string, group: PhotoAvatarGroupRecord, pictures: ResolvedPicture[], name: string | null | undefined) => {
    const count = (await deps.store.looks.list(spaceId, group.id)).length;
    return writeLooks(deps, group, false, pictures.map((picture, i) => ({ picture, name: name?.trim() || `${group.name} ${count + i + 1}` })));
  };

  return {
    /** POST /v1/photo_avatar.generate: one photo by URL → a group of one look, id = photo_avatar_id. */
    async generateV1(spaceId: string, body: { name: string; gender?: string | null; image_url: string }) {
      const picture = await resolvePicture(deps, spaceId, { type: 'url', url: body.image_url, param: 'image_url' });
      const { look } = await newGroup(spaceId, body.name, body.gender, picture);
      return { photo_avatar_id: look.id, group_id: look.groupId, status: 'pending' as const };
    },
    async getV1(spaceId: string, id: string) {
      const look = await q.findLookOrThrow(deps, spaceId, id, 'photo_avatar_id');
      return v1PhotoAvatarView(deps.blobs, look, await deps.store.groups.findById(look.groupId));
    },

    /** POST /v2/photo_avatar/avatar_group/create: the first look's id is the group's id. */
    async createGroupV2(spaceId: string, body: { name: string; image_key: string; generation_id?: string | null }): Promise<V2LookView> {
      checkGeneration(body.image_key, body.generation_id, 'image_key');
      const picture = await resolvePicture(deps, spaceId, { type: 'image_key', key: body.image_key, param: 'image_key' });
      const { look } = await newGroup(spaceId, body.name, null, picture);
      return q.lookViewV2(deps, look);
    },
    async addLooksV2(spaceId: string, body: { group_id: string; image_keys: string[]; name?: string | null; generation_id?: string | null }) {
      const group = await q.findGroupOrThrow(deps, spaceId, body.group_id);
      const pictures: ResolvedPicture[] = [];
      for (const [i, key] of body.image_keys.entries()) {
        checkGeneration(key, body.generation_id, `image_keys[${i}]`);
        pictures.push(await resolvePicture(deps, spaceId, { type: 'image_key', key, param: `image_keys[${i}]` }));
      }
      const looks = await addTo(spaceId, group, pictures, body.name);
      return { photo_avatar_list: await Promise.all(looks.map((l) => q.lookViewV2(deps, l))) };
    },
    lookV2: async (spaceId: string, id: string) => q.lookViewV2(deps, await q.findLookOrThrow(deps, spaceId, id)),
    deleteLook: (spaceId: string, id: string, param?: string) => m.deleteLook(deps, spaceId, id, param),
    deleteGroup: (spaceId: string, id: string, param?: string) => m.deleteGroup(deps, spaceId, id, param),
    generationV2: async (spaceId: string, id: string) => generationView(deps.blobs, await q.findGenerationOrThrow(deps, spaceId, id)),
    generatePhotos: (spaceId: string, attributes: PhotoAttributes) => r.generatePhotos(deps, spaceId, attributes),
    generateLooks: (spaceId: string, body: Parameters<typeof r.generateLooks>[2]) => r.generateLooks(deps, spaceId, body),
    train: (spaceId: string, groupId: string) => r.trainGroup(deps, spaceId, groupId),
    trainStatus: async (spaceId: string, groupId: string) => trainStatusView(await q.findGroupOrThrow(deps, spaceId, groupId)),
    addMotion: (spaceId: string, id: string) => r.addMotion(deps, spaceId, id),
    upscale: (spaceId: string, id: string) => r.upscaleLook(deps, spaceId, id),
    listGroupsV2: (spaceId: string) => q.listGroupsV2(deps, spaceId),
    groupLooksV2: (spaceId: string, groupId: string) => q.groupLooksV2(deps, spaceId, groupId),

    /** POST /v3/avatars, type "photo": a new group (or a look added to `avatar_group_id`), processing until its job is done. */
    async createV3(spaceId: string, body: { name: string; file: V3AvatarFile; avatar_group_id?: string | null }): Promise<{ avatar_group: AvatarGroupView; avatar_item: AvatarLookView }> {
      const picture = await resolvePicture(deps, spaceId, v3Picture(body.file));
      let group: PhotoAvatarGroupRecord;
      let look;
      if (body.avatar_group_id) {
        group = await q.findGroupOrThrow(deps, spaceId, body.avatar_group_id, 'avatar_group_id');
        [look] = await addTo(spaceId, group, [picture], body.name);
      } else {
        ({ group, look } = await newGroup(spaceId, body.name, null, picture));
      }
      const looks = await deps.store.looks.list(spaceId, group.id);
      return { avatar_group: v3GroupView(group, looks, null), avatar_item: await v3LookView(deps.blobs, look!, group) };
    },
    consentV3: (spaceId: string, groupId: string, consentText?: string | null) => m.recordConsent(deps, spaceId, groupId, consentText),
    renameLookV3: (spaceId: string, lookId: string, name?: string | null) => m.renameLook(deps, spaceId, lookId, name),
    listGroupsV3: (spaceId: string) => q.listGroupsV3(deps, spaceId),
    findGroupV3: (spaceId: string, groupId: string) => q.findGroupV3(deps, spaceId, groupId),
    listLooksV3: (spaceId: string, groupId?: string) => q.listLooksV3(deps, spaceId, groupId),
    findLookV3: (spaceId: string, lookId: string) => q.findLookV3(deps, spaceId, lookId),
    /** Whether an id is one of this space's groups (the v3 delete route tells groups and stock avatars apart). */
    hasGroup: async (spaceId: string, groupId: string) => (await deps.store.groups.find(spaceId, groupId)) !== undefined,
  };
}

export type PhotoAvatarService = ReturnType<typeof createPhotoAvatarService>;
