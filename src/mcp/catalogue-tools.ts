// What a video is made from: avatar looks, voices (and speech alone), and templates with their variables.
import type { AvatarLook, GenerateFromTemplateRequest, TemplateSummary, Voice } from '../client/index.js';
import { defined, limit, LIMIT, objectSchema, str, TOKEN, VIDEO_POLL_HINT, type McpTool } from './mcp-tool.js';

const lookView = (l: AvatarLook) => ({
  id: l.id,
  name: l.name,
  avatar_type: l.avatar_type,
  gender: l.gender,
  default_voice_id: l.default_voice_id,
  preview_image_url: l.preview_image_url,
  status: l.status,
});
const voiceView = (v: Voice) => ({ voice_id: v.voice_id, name: v.name, language: v.language, gender: v.gender, preview_audio_url: v.preview_audio_url });
const templateView = (t: TemplateSummary) => ({ template_id: t.id, name: t.name, aspect_ratio: t.aspect_ratio, thumbnail_url: t.thumbnail_url });

const query = (args: Record<string, unknown>, names: string[]) => defined(Object.fromEntries(names.map((n) => [n, args[n]]))) as Record<string, never>;

export const CATALOGUE_TOOLS: McpTool[] = [
  {
    name: 'list_avatar_looks',
    title: 'List avatar looks',
    description: 'Presenters a video can use: each look’s `id` is the avatar_id for create_video_from_avatar, with its name, gender, default voice and a preview image.',
    inputSchema: objectSchema({
      group_id: str('Only the looks of this avatar group.'),
      avatar_type: { type: 'string', enum: ['studio_avatar', 'digital_twin', 'photo_avatar'], description: 'Only looks of this kind.' },
      ownership: { type: 'string', enum: ['public', 'private'], description: 'public: stock looks; private: this account’s own.' },
      limit: limit(50),
      token: TOKEN,
    }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: async (client, args) => {
      const page = await client.avatars.listLooks(query(args, ['group_id', 'avatar_type', 'ownership', 'limit', 'token']));
      return { looks: page.data.map(lookView), has_more: page.has_more, next_token: page.next_token };
    },
  },
  {
    name: 'get_avatar_look',
    title: 'Get an avatar look',
    description: 'One avatar look by id: name, kind, default voice, preview image and video, and whether it is ready to use (status completed).',
    inputSchema: objectSchema({ look_id: str('The look id (avatar_id).', { minLength: 1 }) }, ['look_id']),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: async (client, args) => ({ ...(await client.avatars.getLook(String(args.look_id))) }),
  },
  {
    name: 'list_voices',
    title: 'List voices',
    description: 'Voices for create_video_from_avatar and generate_speech: voice_id, name, language, gender and a preview. Filter by language (an English name like "English" or "Spanish").',
    inputSchema: objectSchema({
      language: str('Only voices of this language.'),
      gender: { type: 'string', enum: ['male', 'female'], description: 'Only voices of this gender.' },
      type: { type: 'string', enum: ['public', 'private'], description: 'public: stock voices; private: this account’s own.' },
      limit: LIMIT,
      token: TOKEN,
    }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: async (client, args) => {
      const page = await client.voices.list(query(args, ['language', 'gender', 'type', 'limit', 'token']));
      return { voices: page.data.map(voiceView), has_more: page.has_more, next_token: page.next_token };
    },
  },
  {
    name: 'generate_speech',
    title: 'Text to speech',
    description: 'Speaks a text with a voice and returns the audio file’s URL, its duration in seconds and word timings (no video is made).',
    inputSchema: objectSchema(
      { text: str('What to say (up to 5000 characters).', { minLength: 1, maxLength: 5000 }), voice_id: str('A voice_id from list_voices.', { minLength: 1 }), speed: { type: 'number', minimum: 0.5, maximum: 2, description: 'Speaking rate (default 1).' }, locale: str('A locale such as en-US, where the voice has several.') },
      ['text', 'voice_id'],
    ),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    run: async (client, args) => ({ ...(await client.speech.generate(defined({ text: String(args.text), voice_id: String(args.voice_id), speed: args.speed as number | undefined, locale: args.locale as string | undefined }) as never)) }),
  },
  {
    name: 'list_templates',
    title: 'List templates',
    description: 'Video templates (scenes with variables to fill in): template_id, name, aspect ratio and thumbnail. Read one with get_template to see its variables.',
    inputSchema: objectSchema({ limit: LIMIT, token: TOKEN }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: async (client, args) => {
      const page = await client.templates.list(query(args, ['limit', 'token']));
      return { templates: page.data.map(templateView), has_more: page.has_more, next_token: page.next_token };
    },
  },
  {
    name: 'get_template',
    title: 'Get a template',
    description: 'A template’s variables (name, type and default, keyed by name) and scenes: what create_video_from_template can fill in.',
    inputSchema: objectSchema({ template_id: str('The template_id from list_templates.', { minLength: 1 }) }, ['template_id']),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: async (client, args) => {
      const t = await client.templates.get(String(args.template_id));
      return { template_id: t.id, name: t.name, aspect_ratio: t.aspect_ratio, thumbnail_url: t.thumbnail_url, variables: t.variables, scene_ids: t.scene_ids };
    },
  },
  {
    name: 'create_video_from_template',
    title: 'Create a video from a template',
    description: `Starts rendering a template with its variables filled in, and returns the video_id at once. variables is keyed by variable name, each as get_template shows it, e.g. {"first_name": {"name": "first_name", "type": "text", "properties": {"content": "Ada"}}}; variables left out keep their defaults. ${VIDEO_POLL_HINT}`,
    inputSchema: objectSchema(
      {
        template_id: str('The template_id from list_templates.', { minLength: 1 }),
        variables: { type: 'object', description: 'Values keyed by variable name (see get_template).', additionalProperties: { type: 'object' } },
        title: str('A title for the video.', { maxLength: 500 }),
        scene_ids: { type: 'array', items: { type: 'string' }, description: 'Scenes to render, in order (default: all).' },
        caption: { type: 'boolean', description: 'Burn captions in.' },
      },
      ['template_id'],
    ),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    run: async (client, args) => {
      const body = defined({ variables: args.variables, title: args.title, scene_ids: args.scene_ids, caption: args.caption }) as GenerateFromTemplateRequest;
      const video = await client.templates.generate(String(args.template_id), body);
      return { video_id: video.video_id, status: video.status, next: VIDEO_POLL_HINT };
    },
  },
];
