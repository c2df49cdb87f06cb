// Talking photo contract (HeyGen v1): upload answers the new id and a link; the list answers every photo.
import { Type } from '@sinclair/typebox';
import { V1Envelope, V2Envelope } from '../schemas/envelopes.js';

export const TalkingPhotoUploadResponse = V1Envelope(
  Type.Object({ talking_photo_id: Type.String(), talking_photo_url: Type.String() }),
);

export const TalkingPhotoListResponse = V1Envelope(
  Type.Array(Type.Object({ id: Type.String(), circle_image: Type.String(), image_url: Type.String() })),
);

export const TalkingPhotoDeleteResponse = V2Envelope(Type.Object({ talking_photo_id: Type.String() }));
