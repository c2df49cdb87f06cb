// POST /v2/videos: HeyGen's flat "unified video creation" body (CreateAvatarVideoRequest), mapped onto
// the v3 creation by the service. Exactly one of avatar_id / image_url / image_asset_id is checked
// there, so the error names the fields the way HeyGen's does. Unknown fields are accepted.
import { Type } from '@sinclair/typebox';
import { opt, V3Envelope } from '../schemas/v3-envelopes.js';
import { VideoBackground, VoiceSettings } from './v3-video-schemas.js';

export const CreateAvatarVideoBody = Type.Object(
  {
    avatar_id: opt(Type.String({ description: 'A stock avatar id. Mutually exclusive with image_url and image_asset_id.' })),
    image_url: opt(Type.String({ description: 'Public URL of a photo with a detectable face. Mutually exclusive with avatar_id and image_asset_id.' })),
    image_asset_id: opt(Type.String({ description: 'A talking photo id or uploaded image asset id. Mutually exclusive with avatar_id and image_url.' })),
    script: opt(Type.String({ minLength: 1, description: 'Text to speak; requires voice_id.' })),
    voice_id: opt(Type.String({ description: 'Required when script is provided.' })),
    audio_url: opt(Type.String({ description: 'Mutually exclusive with script.' })),
    audio_asset_id: opt(Type.String({ description: 'Mutually exclusive with script.' })),
    title: opt(Type.String({ maxLength: 500 })),
    resolution: opt(Type.String({ enum: ['4k', '1080p', '720p'], description: "Default '720p' on this server." })),
    aspect_ratio: opt(Type.String({ enum: ['16:9', '9:16', '4:5', '5:4', '1:1', 'auto'], description: "Default '16:9'; HeyGen documents 16:9 and 9:16, the v3 ratios are accepted too." })),
    motion_prompt: opt(Type.String({ description: 'Accepted and ignored.' })),
    expressiveness: opt(Type.String({ enum: ['high', 'medium', 'low'], description: 'Accepted and ignored.' })),
    remove_background: opt(Type.Boolean()),
    background: opt(VideoBackground),
    voice_settings: opt(VoiceSettings),
    callback_url: opt(Type.String({ maxLength: 2048 })),
    callback_id: opt(Type.String({ maxLength: 500 })),
  },
  { description: 'HeyGen CreateAvatarVideoRequest (flat body, superseded by POST /v3/videos). Unknown fields are accepted and ignored.' },
);

export const CreateAvatarVideoResponse = V3Envelope(
  Type.Object({ video_id: Type.String(), status: Type.String({ examples: ['pending'], description: 'Always pending: poll GET /v2/videos/{video_id}.' }) }),
);
