// Names for the shapes the hand-written surface takes and returns, read off the generated `paths` type
// (src/client/generated/), so they follow Orator's route schemas whenever the types are regenerated.
import type { paths } from './generated/orator-api.js';

type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: { 200: infer R } } ? Json<R> : never;
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: infer R } ? Json<NonNullable<R>> : never;
type Query<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

export type { paths };

/** `{data: T[], has_more, next_token}`: pass `next_token` back as `token` for the next page. */
export interface Page<T> {
  data: T[];
  has_more: boolean;
  next_token: string | null;
}

export type CreateVideoRequest = Body<'/v3/videos', 'post'>;
export type CreatedVideo = Ok<'/v3/videos', 'post'>['data'];
export type Video = Ok<'/v3/videos/{video_id}', 'get'>['data'];
export type VideoStatus = Video['status'];
export type ListVideosQuery = Query<'/v3/videos', 'get'>;
export type DeletedVideo = Ok<'/v3/videos/{video_id}', 'delete'>['data'];

export type AvatarLook = Ok<'/v3/avatars/looks/{look_id}', 'get'>['data'];
export type ListAvatarLooksQuery = Query<'/v3/avatars/looks', 'get'>;
export type AvatarGroup = Ok<'/v3/avatars', 'get'>['data'][number];
export type ListAvatarGroupsQuery = Query<'/v3/avatars', 'get'>;

export type Voice = Ok<'/v3/voices', 'get'>['data'][number];
export type ListVoicesQuery = Query<'/v3/voices', 'get'>;
export type SpeechRequest = Body<'/v3/voices/speech', 'post'>;
export type Speech = Ok<'/v3/voices/speech', 'post'>['data'];

export type TemplateSummary = Ok<'/v3/templates', 'get'>['data'][number];
export type ListTemplatesQuery = Query<'/v3/templates', 'get'>;
export type Template = Ok<'/v3/templates/{template_id}', 'get'>['data'];
export type GenerateFromTemplateRequest = Body<'/v3/templates/{template_id}', 'post'>;
export type TemplateVideo = Ok<'/v3/templates/{template_id}', 'post'>['data'];

export type Asset = Ok<'/v3/assets', 'post'>['data'];

export type WebhookEndpoint = Ok<'/v3/webhooks/endpoints', 'post'>['data'];
export type CreateWebhookRequest = Body<'/v3/webhooks/endpoints', 'post'>;
export type ListWebhooksQuery = Query<'/v3/webhooks/endpoints', 'get'>;
export type DeletedWebhook = Ok<'/v3/webhooks/endpoints/{endpoint_id}', 'delete'>['data'];
export type RotatedWebhookSecret = Ok<'/v3/webhooks/endpoints/{endpoint_id}/rotate-secret', 'post'>['data'];
export type WebhookEventType = Ok<'/v3/webhooks/event-types', 'get'>['data'][number];
