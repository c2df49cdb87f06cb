// Stock avatar shapes: v2 avatars, avatar groups and details; v1 wraps the same items.
import { Type } from '@sinclair/typebox';
import { Nullable, V1Envelope, V2Envelope } from '../schemas/envelopes.js';

export const AvatarItem = Type.Object({
  avatar_id: Type.String(),
  avatar_name: Type.String(),
  gender: Type.String(),
  preview_image_url: Type.String(),
  preview_video_url: Type.String(),
  premium: Type.Boolean(),
  default_voice_id: Type.String(),
  tags: Type.Array(Type.String()),
});

export const AvatarsResponse = V2Envelope(
  Type.Object({
    avatars: Type.Array(AvatarItem),
    talking_photos: Type.Array(Type.Object({ talking_photo_id: Type.String(), talking_photo_name: Type.String(), preview_image_url: Type.String() })),
  }),
);

/** GET /v1/avatar.list: the v2 avatar items in the v1 envelope (HeyGen does not pin this shape). */
export const V1AvatarListResponse = V1Envelope(Type.Object({ avatars: Type.Array(AvatarItem) }));
export const AvatarGroupListQuery = Type.Object({
  include_public: Type.Optional(Type.Boolean({ default: false, description: 'Also list the stock (public) groups; without it only this space’s uploaded photos are listed.' })),
});

export const AvatarGroupListResponse = V2Envelope(
  Type.Object({
    total_count: Type.Integer(),
    avatar_group_list: Type.Array(
      Type.Object({
        id: Type.String(),
        name: Type.String(),
        created_at: Type.Integer(),
        num_looks: Type.Integer(),
        preview_image_url: Nullable(Type.String()),
        group_type: Type.String({ enum: ['PUBLIC_PHOTO', 'PRIVATE'] }),
        train_status: Type.String(),
      }),
    ),
  }),
);

export const GroupAvatarsResponse = V2Envelope(
  Type.Object({
    avatar_list: Type.Array(
      Type.Object({
        id: Type.String({ description: 'A stock look is an avatar_id; a private look is a talking_photo_id.' }),
        image_url: Nullable(Type.String()),
        created_at: Type.Integer(),
        name: Type.String(),
        status: Type.String(),
        group_id: Type.String(),
        is_motion: Type.Boolean(),
        motion_preview_url: Nullable(Type.String()),
        business_type: Type.String(),
        upscale_availability: Type.Object({ available: Type.Boolean(), reason: Nullable(Type.String()) }),
        upscaled: Type.Boolean(),
        background_sound_effect: Nullable(Type.String()),
        default_voice_id: Nullable(Type.String()),
      }),
    ),
  }),
);

export const AvatarDetailsResponse = V2Envelope(
  Type.Object({
    type: Type.Literal('avatar'),
    id: Type.String(),
    name: Type.String(),
    gender: Type.String(),
    preview_image_url: Nullable(Type.String()),
    preview_video_url: Nullable(Type.String()),
    premium: Type.Boolean(),
    is_public: Type.Boolean(),
    default_voice_id: Nullable(Type.String()),
    tags: Type.Array(Type.String()),
  }),
);
