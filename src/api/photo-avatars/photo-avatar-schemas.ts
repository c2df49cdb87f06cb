// Photo avatar contract, v1 seed flow and v2 photo_avatar endpoints: HeyGen's field names (API-SURFACE
// §3.2; these endpoints have no machine-readable spec), plus Orator's `progress` and `error` on looks and
// generations so a client sees how far a job has got and why it failed.
import { Type } from '@sinclair/typebox';
import { AGES, ETHNICITIES, GENDERS, ORIENTATIONS, POSES, STYLES } from '../../services/photo-avatars/illustrate-attributes.js';
import { Nullable, V1Envelope, V2Envelope } from '../schemas/envelopes.js';

const Id = Type.String({ minLength: 1, maxLength: 200 });
const Name = Type.String({ minLength: 1, maxLength: 200 });
const LookError = Nullable(Type.Object({ code: Type.Integer({ examples: [40004] }), message: Type.String() }));
const oneOf = (values: readonly string[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const V1GenerateBody = Type.Object({
  name: Name,
  gender: Type.Optional(Type.String({ description: "'male' or 'female' (also 'Man'/'Woman'); picks the default voice" })),
  image_url: Type.String({ minLength: 1, maxLength: 2048, description: 'A photo of one person facing the camera (JPEG, PNG or WebP)' }),
});
export const V1GenerateResponse = V1Envelope(Type.Object({ photo_avatar_id: Type.String(), group_id: Type.String(), status: Type.String() }));
export const V1GetQuery = Type.Object({ photo_avatar_id: Id });
export const V1PhotoAvatar = Type.Object({
  photo_avatar_id: Type.String(),
  group_id: Type.String(),
  name: Type.String(),
  gender: Nullable(Type.String()),
  status: Type.String({ enum: ['pending', 'completed', 'failed'] }),
  progress: Type.Integer(),
  preview_url: Nullable(Type.String()),
  image_url: Nullable(Type.String()),
  created_at: Type.Integer(),
  error: LookError,
});
export const V1GetResponse = V1Envelope(V1PhotoAvatar);

export const PhotoAvatarLook = Type.Object({
  id: Type.String(),
  image_url: Nullable(Type.String()),
  created_at: Type.Integer(),
  name: Type.String(),
  status: Type.String({ enum: ['pending', 'completed', 'failed'] }),
  group_id: Type.String(),
  is_motion: Type.Boolean(),
  motion_preview_url: Nullable(Type.String()),
  business_type: Type.String(),
  upscale_availability: Type.Object({ available: Type.Boolean(), reason: Nullable(Type.String()) }),
  upscaled: Type.Boolean(),
  background_sound_effect: Nullable(Type.String()),
  default_voice_id: Nullable(Type.String()),
  progress: Type.Integer(),
  error: LookError,
});

export const GroupCreateBody = Type.Object({ name: Name, image_key: Id, generation_id: Type.Optional(Nullable(Type.String())) });
export const GroupAddBody = Type.Object({
  group_id: Id,
  image_keys: Type.Array(Id, { minItems: 1, maxItems: 20 }),
  name: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
  generation_id: Type.Optional(Nullable(Type.String())),
});
export const LookResponse = V2Envelope(PhotoAvatarLook);
export const GroupAddResponse = V2Envelope(Type.Object({ photo_avatar_list: Type.Array(PhotoAvatarLook) }));

export const TrainBody = Type.Object({ group_id: Id });
export const TrainResponse = V2Envelope(Type.Object({ flow_id: Type.String() }));
export const TrainStatusResponse = V2Envelope(
  Type.Object({
    status: Type.String({ enum: ['empty', 'pending', 'training', 'ready', 'failed'] }),
    progress: Type.Integer(),
    error_msg: Nullable(Type.String()),
    created_at: Type.Integer(),
    updated_at: Nullable(Type.Integer()),
  }),
);

export const PhotoGenerateBody = Type.Object({
  name: Name,
  age: oneOf(AGES),
  gender: oneOf(GENDERS),
  ethnicity: oneOf(ETHNICITIES),
  orientation: oneOf(ORIENTATIONS),
  pose: oneOf(POSES),
  style: oneOf(STYLES),
  appearance: Type.String({ minLength: 1, maxLength: 1000, description: 'Words for hair, outfit, glasses, beard and setting are drawn; the rest is kept as sent' }),
});
export const LookGenerateBody = Type.Object({
  group_id: Id,
  prompt: Type.String({ minLength: 1, maxLength: 1000 }),
  orientation: Type.Optional(oneOf(ORIENTATIONS)),
  pose: Type.Optional(oneOf(POSES)),
  style: Type.Optional(oneOf(STYLES)),
});
const GenerationStarted = Type.Object({ generation_id: Type.String(), illustrated: Type.Optional(Type.Boolean()), note: Type.String() });
export const GenerationStartedResponse = V2Envelope(GenerationStarted);
export const GenerationResponse = V2Envelope(
  Type.Object({
    id: Type.String(),
    status: Type.String({ enum: ['pending', 'processing', 'success', 'failed'] }),
    progress: Type.Integer(),
    msg: Nullable(Type.String()),
    image_url_list: Type.Array(Type.String()),
    image_key_list: Type.Array(Type.String()),
    illustrated: Type.Boolean({ description: 'True when the pictures are drawings (photo/generate), not photographs' }),
    note: Type.String(),
  }),
);

export const MotionBody = Type.Object({
  id: Id,
  prompt: Type.Optional(Nullable(Type.String({ maxLength: 1000, description: 'Accepted; the motion is the engine’s own (blinks, head sway)' }))),
  motion_type: Type.Optional(Nullable(Type.String())),
});
export const IdBody = Type.Object({ id: Id });
export const IdResponse = V2Envelope(Type.Object({ id: Type.String() }));
export const IdParams = Type.Object({ id: Id });
export const GroupIdParams = Type.Object({ group_id: Id });
export const GenerationIdParams = Type.Object({ generation_id: Id });
