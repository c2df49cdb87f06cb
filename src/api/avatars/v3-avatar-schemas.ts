// v3 avatar groups and looks: HeyGen's field names, cursor pagination; POST /v3/avatars (type photo),
// consent, look rename and the deletes.
import { Type } from '@sinclair/typebox';
import { Nullable } from '../schemas/envelopes.js';
import { opt, V3Envelope, V3ListEnvelope } from '../schemas/v3-envelopes.js';

const ItemError = Nullable(Type.Object({ code: Type.String(), message: Type.String() }));
const AvatarStatus = Nullable(Type.String({ enum: ['processing', 'pending_consent', 'failed', 'completed'] }));

export const AvatarGroup = Type.Object({
  id: Type.String(),
  name: Type.String(),
  preview_image_url: Nullable(Type.String()),
  preview_video_url: Nullable(Type.String()),
  gender: Nullable(Type.String()),
  created_at: Type.Integer(),
  looks_count: Type.Integer(),
  default_voice_id: Nullable(Type.String()),
  consent_status: Nullable(Type.String()),
  status: AvatarStatus,
  error: ItemError,
});

export const AvatarLook = Type.Object({
  id: Type.String(),
  name: Type.String(),
  avatar_type: Type.String({ enum: ['studio_avatar', 'digital_twin', 'photo_avatar'] }),
  group_id: Nullable(Type.String()),
  preview_image_url: Nullable(Type.String()),
  preview_video_url: Nullable(Type.String()),
  gender: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  default_voice_id: Nullable(Type.String()),
  supported_api_engines: Type.Array(Type.String()),
  image_width: Nullable(Type.Integer()),
  image_height: Nullable(Type.Integer()),
  preferred_orientation: Nullable(Type.String()),
  status: AvatarStatus,
  error: ItemError,
});

const Ownership = Type.Optional(Type.String({ enum: ['public', 'private'] }));
const avatarLimit = Type.Optional(Type.Integer({ minimum: 1, maximum: 50, default: 20 }));

export const AvatarGroupsQuery = Type.Object({ ownership: Ownership, limit: avatarLimit, token: Type.Optional(Type.String()) });
export const AvatarLooksQuery = Type.Object({
  group_id: Type.Optional(Type.String()),
  avatar_type: Type.Optional(Type.String({ enum: ['studio_avatar', 'video_avatar', 'digital_twin', 'photo_avatar'] })),
  ownership: Ownership,
  limit: avatarLimit,
  token: Type.Optional(Type.String()),
});
export const AvatarGroupsResponse = V3ListEnvelope(AvatarGroup);
export const AvatarGroupResponse = V3Envelope(AvatarGroup);
export const AvatarLooksResponse = V3ListEnvelope(AvatarLook);
export const AvatarLookResponse = V3Envelope(AvatarLook);

const AssetInput = Type.Object(
  {
    type: Type.String({ enum: ['url', 'asset_id', 'base64'] }),
    url: opt(Type.String({ maxLength: 2048 })),
    asset_id: opt(Type.String({ maxLength: 200 })),
    data: opt(Type.String()),
    media_type: opt(Type.String({ maxLength: 100 })),
  },
  { description: '{"type":"url","url":…}, {"type":"asset_id","asset_id":…} (an uploaded image, or a generated picture’s image_key) or {"type":"base64","media_type":…,"data":…}' },
);

/** HeyGen's oneOf by `type`, flattened: only "photo" is built here, the others are refused by name. */
export const AvatarCreateBody = Type.Object({
  type: Type.String({ enum: ['photo', 'digital_twin', 'prompt'] }),
  name: Type.String({ minLength: 1, maxLength: 200 }),
  file: Type.Optional(AssetInput),
  avatar_group_id: opt(Type.String({ maxLength: 200 })),
  prompt: opt(Type.String({ maxLength: 5000 })),
  avatar_id: opt(Type.String()),
  reference_images: opt(Type.Array(AssetInput, { maxItems: 3 })),
});
export const AvatarCreateResponse = V3Envelope(Type.Object({ avatar_group: AvatarGroup, avatar_item: AvatarLook }));
export const ConsentBody = Type.Object({ consent_text: opt(Type.String({ maxLength: 5000 })), consent_video: opt(AssetInput), reroute_url: opt(Type.String({ maxLength: 2048 })) });
export const ConsentResponse = V3Envelope(Type.Object({ avatar_group: AvatarGroup, url: Type.String({ description: 'The group’s own resource (consent is recorded at once; there is no consent page here)' }) }));
export const LookPatchBody = Type.Object({ name: opt(Type.String({ maxLength: 200 })) });
export const DeletedResponse = V3Envelope(Type.Object({ id: Type.String() }));
