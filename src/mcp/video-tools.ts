// Video tools: create (from an avatar look or a photo), then poll with get_video; list and delete. Creating
// returns at once with the video_id: renders take longer than an agent should hold a call open.
import type { CreateVideoRequest, Video } from '../client/index.js';
import { defined, int, LIMIT, objectSchema, str, TOKEN, VIDEO_POLL_HINT, type JsonSchema, type McpTool } from './mcp-tool.js';

const SHARED_CREATE_FIELDS: Record<string, JsonSchema> = {
  script: str('The words the presenter speaks (plain text; up to a few thousand characters).', { minLength: 1 }),
  voice_id: str('A voice_id from list_voices. Default: the avatar’s own voice.'),
  title: str('A title to find the video by later.', { maxLength: 500 }),
  background: {
    type: 'object',
    description: 'Behind the presenter: {"type": "color", "value": "#1f6feb"} or {"type": "image", "url": "https://…"}.',
    properties: { type: { type: 'string', enum: ['color', 'image'] }, value: str('A hex colour, for type color.'), url: str('An image URL, for type image.') },
    required: ['type'],
    additionalProperties: false,
  },
  aspect_ratio: { type: 'string', enum: ['16:9', '9:16', '1:1', '4:5', '5:4'], description: 'Frame shape (default 16:9).' },
  resolution: { type: 'string', enum: ['720p', '1080p', '4k'], description: 'Output resolution (default 720p on Orator).' },
  dimension: {
    type: 'object',
    description: 'Orator only: an explicit size in pixels, instead of aspect_ratio and resolution.',
    properties: { width: int('Even, 128–4096.'), height: int('Even, 128–4096.') },
    required: ['width', 'height'],
    additionalProperties: false,
  },
  caption: { type: 'boolean', description: 'Burn captions into the video (a subtitle file is made either way).' },
  callback_url: str('A URL that receives a POST when the video completes or fails.'),
};

function createBody(type: 'avatar' | 'image', args: Record<string, unknown>, extra: Partial<CreateVideoRequest>): CreateVideoRequest {
  return defined({
    type,
    script: args.script,
    voice_id: args.voice_id,
    title: args.title,
    background: args.background,
    aspect_ratio: args.aspect_ratio,
    resolution: args.resolution,
    dimension: args.dimension,
    caption: args.caption,
    callback_url: args.callback_url,
    ...extra,
  } as Record<string, unknown>) as CreateVideoRequest;
}

/** What an agent needs of a video: its state, why it failed, and the links once it is done. */
export function videoView(v: Video): Record<string, unknown> {
  const progress = (v as { progress?: number }).progress;
  const view: Record<string, unknown> = {
    video_id: v.id,
    title: v.title,
    status: v.status,
    ...(progress === undefined ? {} : { progress }),
    video_url: v.video_url,
    thumbnail_url: v.thumbnail_url,
    gif_url: v.gif_url,
    captioned_video_url: v.captioned_video_url,
    subtitle_url: v.subtitle_url,
    duration: v.duration,
    created_at: v.created_at,
    completed_at: v.completed_at,
    failure_code: v.failure_code,
    failure_message: v.failure_message,
  };
  if (v.status === 'pending' || v.status === 'processing') view.next = 'Still rendering: call get_video again in a few seconds.';
  return view;
}

async function created(p: Promise<{ video_id: string; status: string }>): Promise<Record<string, unknown>> {
  const video = await p;
  return { video_id: video.video_id, status: video.status, next: VIDEO_POLL_HINT };
}

export const VIDEO_TOOLS: McpTool[] = [
  {
    name: 'create_video_from_avatar',
    title: 'Create a video from an avatar',
    description: `Starts rendering a video of an avatar look speaking a script, and returns its video_id at once. Find avatar_id with list_avatar_looks and voice_id with list_voices. ${VIDEO_POLL_HINT}`,
    inputSchema: objectSchema({ avatar_id: str('An avatar look id (the `id` of an item from list_avatar_looks).', { minLength: 1 }), ...SHARED_CREATE_FIELDS }, ['avatar_id', 'script']),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    run: (client, args) => created(client.videos.create(createBody('avatar', args, { avatar_id: String(args.avatar_id) }))),
  },
  {
    name: 'create_video_from_image',
    title: 'Create a video from a photo',
    description: `Starts rendering a video in which the person in a photo speaks a script (the face must be clear and facing the camera), and returns its video_id at once. ${VIDEO_POLL_HINT}`,
    inputSchema: objectSchema(
      { image_url: str('A public URL of a JPEG, PNG or WebP photo of one face.'), image_asset_id: str('Or: an uploaded image’s asset id, instead of image_url.'), ...SHARED_CREATE_FIELDS },
      ['script'],
    ),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    run: (client, args) => {
      if (!args.image_url === !args.image_asset_id) throw new Error('Give exactly one of image_url and image_asset_id');
      const image = args.image_url ? { type: 'url' as const, url: String(args.image_url) } : { type: 'asset_id' as const, asset_id: String(args.image_asset_id) };
      return created(client.videos.create(createBody('image', args, { image })));
    },
  },
  {
    name: 'get_video',
    title: 'Get a video',
    description: 'Status of a video: pending, processing (with progress 0–100 on Orator), completed (with video_url, thumbnail_url and the other file links, valid for days) or failed (with failure_code and failure_message).',
    inputSchema: objectSchema({ video_id: str('The video_id a create tool returned.', { minLength: 1 }) }, ['video_id']),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: async (client, args) => videoView(await client.videos.get(String(args.video_id))),
  },
  {
    name: 'list_videos',
    title: 'List videos',
    description: 'Videos of this account, newest first, with status, video_url and thumbnail_url. Pass next_token back as token for more.',
    inputSchema: objectSchema({ limit: LIMIT, token: TOKEN, title: str('Only videos whose title contains this.') }),
    annotations: { readOnlyHint: true, openWorldHint: false },
    run: async (client, args) => {
      const page = await client.videos.list(defined({ limit: args.limit as number | undefined, token: args.token as string | undefined, title: args.title as string | undefined }));
      return { videos: page.data.map(videoView), has_more: page.has_more, next_token: page.next_token };
    },
  },
  {
    name: 'delete_video',
    title: 'Delete a video',
    description: 'Deletes a video and its files for good. Ask the user before calling this.',
    inputSchema: objectSchema({ video_id: str('The video to delete.', { minLength: 1 }) }, ['video_id']),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    run: async (client, args) => ({ ...(await client.videos.delete(String(args.video_id))) }),
  },
];
