// HeyGen's webhook event types (API-SURFACE.md §5.4) with the description `GET /v3/webhooks/event-types`
// returns. Keyed by the union so a new event without a description fails to compile.
export type WebhookEventType =
  | 'avatar_video.success'
  | 'avatar_video.fail'
  | 'avatar_video_gif.success'
  | 'avatar_video_gif.fail'
  | 'avatar_video_caption.success'
  | 'avatar_video_caption.fail'
  | 'video_translate.success'
  | 'video_translate.fail'
  | 'photo_avatar_generation.success'
  | 'photo_avatar_generation.fail'
  | 'photo_avatar_train.success'
  | 'photo_avatar_train.fail'
  | 'photo_avatar_add_motion.success'
  | 'photo_avatar_add_motion.fail'
  | 'instant_avatar.success'
  | 'instant_avatar.fail'
  | 'proofread_creation.success'
  | 'proofread_creation.fail'
  | 'live_avatar.success'
  | 'live_avatar.fail'
  | 'video_agent.success'
  | 'video_agent.fail'
  | 'personalized_video'
  | 'batch.finished';

export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  'avatar_video.success': 'An avatar video finished rendering.',
  'avatar_video.fail': 'An avatar video failed to render.',
  'avatar_video_gif.success': 'The GIF preview of an avatar video is ready.',
  'avatar_video_gif.fail': 'The GIF preview of an avatar video failed.',
  'avatar_video_caption.success': 'The captioned variant of an avatar video is ready.',
  'avatar_video_caption.fail': 'The captioned variant of an avatar video failed.',
  'video_translate.success': 'A video translation finished.',
  'video_translate.fail': 'A video translation failed.',
  'photo_avatar_generation.success': 'Photo avatar images were generated.',
  'photo_avatar_generation.fail': 'Photo avatar generation failed.',
  'photo_avatar_train.success': 'A photo avatar group finished training.',
  'photo_avatar_train.fail': 'Photo avatar training failed.',
  'photo_avatar_add_motion.success': 'Motion was added to a photo avatar look.',
  'photo_avatar_add_motion.fail': 'Adding motion to a photo avatar look failed.',
  'instant_avatar.success': 'An instant avatar was created.',
  'instant_avatar.fail': 'Instant avatar creation failed.',
  'proofread_creation.success': 'A proofread session was created.',
  'proofread_creation.fail': 'Proofread session creation failed.',
  'live_avatar.success': 'A live avatar session finished.',
  'live_avatar.fail': 'A live avatar session failed.',
  'video_agent.success': 'A video agent session produced its video.',
  'video_agent.fail': 'A video agent session failed.',
  personalized_video: 'A personalized video was generated.',
  'batch.finished': 'Every item of a video batch (POST /v3/videos/batches) is completed or failed.',
};

export const WEBHOOK_EVENT_TYPES = Object.keys(WEBHOOK_EVENT_DESCRIPTIONS) as WebhookEventType[];

export function isWebhookEventType(value: string): value is WebhookEventType {
  return Object.hasOwn(WEBHOOK_EVENT_DESCRIPTIONS, value);
}
