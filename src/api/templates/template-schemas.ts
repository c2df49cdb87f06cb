// Template contract. v2: HeyGen's GET /v2/templates (`data.templates[]`) and GET /v2/template/{id}
// (`data.variables` keyed by name, each default in `properties`). v3: HeyGen's GET /v3/templates item and
// GET /v3/templates/{id} detail (variables, scenes, scene_ids), plus Orator's authoring extension
// (POST, PUT, DELETE /v3/templates): the stored `document` and each template's `ownership`.
import { Type } from '@sinclair/typebox';
import { Nullable, V2Envelope } from '../schemas/envelopes.js';
import { V3Envelope, V3ListEnvelope } from '../schemas/v3-envelopes.js';

const THUMBNAIL = 'A signed link to the first scene rendered by the engine from the defaults (480×270 at 16:9); in lists null while it is still being made (the next read links it), or when the defaults cannot render';
const AspectRatio = Type.String({ examples: ['16:9', '9:16', '1:1'] });

export const TemplateIdParams = Type.Object({ template_id: Type.String({ minLength: 1 }) });

const Variable = Type.Object({
  name: Type.String(),
  type: Type.String({ examples: ['text', 'image', 'video', 'audio', 'character', 'voice'] }),
  properties: Type.Record(Type.String(), Type.Unknown(), { description: 'The default, in the shape the generate request takes: text {content}, image {url|asset_id, fit}, video {url|asset_id, play_style}, audio {url|asset_id}, character {character_id, type}, voice {voice_id}' }),
});
const Variables = Type.Record(Type.String(), Variable, { description: 'Keyed by variable name' });

export const TemplateV2ListResponse = V2Envelope(
  Type.Object({
    templates: Type.Array(Type.Object({ template_id: Type.String(), name: Type.String(), thumbnail_image_url: Nullable(Type.String({ description: THUMBNAIL })), aspect_ratio: AspectRatio })),
  }),
);

export const TemplateV2DetailResponse = V2Envelope(Type.Object({ template_id: Type.String(), name: Type.String(), aspect_ratio: AspectRatio, variables: Variables }));

const TemplateV3Item = Type.Object({
  id: Type.String(),
  name: Type.String(),
  aspect_ratio: AspectRatio,
  thumbnail_url: Nullable(Type.String({ description: THUMBNAIL })),
  created_at: Type.Integer({ description: 'Unix seconds' }),
  updated_at: Type.Integer({ description: 'Unix seconds' }),
  ownership: Type.String({ description: 'Orator: `stock` (listed in every space, read-only) or `private` (this space’s own)', examples: ['stock', 'private'] }),
});

const Scene = Type.Object({
  scene_id: Type.String({ description: 'Usable in the generate request’s scene_ids (POST /v3/templates/{template_id})' }),
  name: Type.String(),
  script: Nullable(Type.String({ description: 'The scene’s avatar script with placeholders unreplaced; null when no avatar speaks' })),
  variables: Type.Array(Type.Object({ name: Type.String(), variable_type: Type.String() })),
});

const TemplateV3Detail = Type.Composite([
  TemplateV3Item,
  Type.Object({
    variables: Variables,
    scenes: Type.Array(Scene),
    scene_ids: Type.Array(Type.String()),
    document: Type.Unknown({ description: 'Orator: the whole template document as authored (the body POST /v3/templates takes)' }),
  }),
]);

export const TemplateV3ListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
  token: Type.Optional(Type.String()),
});
export const TemplateV3ListResponse = V3ListEnvelope(TemplateV3Item);
export const TemplateV3Response = V3Envelope(TemplateV3Detail);
export const DeleteTemplateV3Response = V3Envelope(Type.Object({ id: Type.String() }));

export const TemplateDocumentBody = Type.Unknown({
  description:
    'A template document: {name, aspect_ratio (16:9 | 9:16 | 1:1), variables[{name, type, default}], scenes[{id, name, duration {type: speech | fixed (seconds) | video_layer (layer_id)}, transition {type: cut | fade | slide, seconds}, layers[…]}]}. Layers: text, avatar, image, video, audio, shape, each with a box {x, y, width, height} in fractions of the frame and optional start/end/entrance/exit. Every error names the JSON path of the offending field.',
});

/** What generation renders today, said in every generate route's description. */
export const GENERATE_LIMITS =
  'Rendered: each selected scene in order, its avatar speaking the substituted script; shape, text (wrapped and shrunk to fit its box, optional background box and shadow) and image layers drawn once and shown in their start/end span with fade, slide or scale entrances and exits; video layers fitted in their box (trimmed, looped or holding their last frame, with their own sound unless muted); audio layers looped under the voice at their volume and ducked while the avatar speaks; fade and slide transitions between scenes; duration rules speech, fixed (at least that long) and video_layer. Not rendered: talking-photo characters (refused). The presenters are Orator’s illustrated avatars, not AI photos. Stock templates’ default images and music are bundled with the server (GET /stock/templates/<file>).';

const GenerateVariables = Type.Unknown({
  description:
    'Keyed by variable name, HeyGen’s shapes: text {name, type: "text", properties: {content}}, image {properties: {url | asset_id, fit}}, character {properties: {character_id, type}}, voice {properties: {voice_id}}, video/audio {properties: {url | asset_id}}. A missing variable takes its default; an unknown one, a wrong type or a wrong property shape is a 400 naming it (variables.name.properties.content).',
});
const Dimension = Type.Object({ width: Type.Integer(), height: Type.Integer() }, { description: 'Output size in pixels; 720p at the template’s aspect ratio when absent' });
const opt = <T extends Parameters<typeof Nullable>[0]>(t: T) => Type.Optional(Nullable(t));

export const GenerateV2Body = Type.Object({
  variables: Type.Optional(GenerateVariables),
  title: opt(Type.String({ maxLength: 500 })),
  caption: opt(Type.Boolean({ description: 'Burn captions in (a sidecar SRT is always produced)' })),
  dimension: opt(Dimension),
  callback_id: opt(Type.String()),
  callback_url: opt(Type.String()),
  test: opt(Type.Boolean({ description: 'Accepted; renders exactly as a normal generation (self-hosted renders have no credits)' })),
  folder_id: opt(Type.String()),
});
export const GenerateV2Response = V2Envelope(Type.Object({ video_id: Type.String() }));

export const GenerateV3Body = Type.Object({
  variables: Type.Optional(GenerateVariables),
  scene_ids: opt(Type.Array(Type.String(), { maxItems: 50, description: 'Scenes to render, in this order; an id may repeat. All scenes in template order when absent' })),
  title: opt(Type.String({ maxLength: 500 })),
  caption: opt(Type.Boolean({ description: 'Burn captions in (a sidecar SRT is always produced)' })),
  dimension: opt(Dimension),
  fps: opt(Type.Union([Type.Literal(25), Type.Literal(30), Type.Literal(60)], { description: 'Output frame rate: 25 (default), 30 or 60' })),
  callback_id: opt(Type.String()),
  callback_url: opt(Type.String()),
  folder_id: opt(Type.String()),
});
export const GenerateV3Response = V3Envelope(Type.Object({ id: Type.String({ description: 'The video id (HeyGen’s Video resource)' }), video_id: Type.String({ description: 'The same id, as v2 names it' }), status: Type.String({ examples: ['pending'] }), title: Nullable(Type.String()) }));
