// `orator video create|list|get|delete|download`: the client SDK's videos API from a terminal.
import fs from 'node:fs';
import path from 'node:path';
import type { CreateVideoRequest, Video, VideoFile } from '../../client/index.js';
import { UsageError, type ClientContext } from './client-context.js';
import { createProgressReporter } from './progress-bar.js';

export interface VideoCreateOptions {
  avatar?: string;
  voice?: string;
  script?: string;
  scriptFile?: string;
  background?: string;
  title?: string;
  aspectRatio?: NonNullable<CreateVideoRequest['aspect_ratio']>;
  resolution?: NonNullable<CreateVideoRequest['resolution']>;
  dimension?: string;
  caption?: boolean;
  callbackUrl?: string;
  idempotencyKey?: string;
  wait?: boolean;
  timeout?: string;
  out?: string;
}

const DEFAULT_EXTENSION: Record<VideoFile, string> = { video: '.mp4', captioned_video: '.captioned.mp4', thumbnail: '.jpg', gif: '.gif', subtitle: '.srt' };

export interface WaitFlags {
  wait?: boolean;
  timeout?: string;
  out?: string;
}

function readScript(o: VideoCreateOptions): string {
  if (o.script !== undefined && o.scriptFile !== undefined) throw new UsageError('Give --script or --script-file, not both');
  if (o.scriptFile !== undefined) {
    try {
      return fs.readFileSync(o.scriptFile === '-' ? 0 : o.scriptFile, 'utf8').trim();
    } catch {
      throw new UsageError(`--script-file: cannot read ${o.scriptFile}`);
    }
  }
  if (o.script === undefined || o.script.trim() === '') throw new UsageError('--script <text> or --script-file <path> is required (the words the avatar speaks)');
  return o.script;
}

/** `#1f6feb` a colour, `https://…` an image by URL, anything else an uploaded image's asset id. */
export function parseBackground(value: string): NonNullable<CreateVideoRequest['background']> {
  if (/^#?[0-9a-f]{6}$/i.test(value)) return { type: 'color', value: value.startsWith('#') ? value : `#${value}` };
  if (/^https?:\/\//i.test(value)) return { type: 'image', url: value };
  return { type: 'image', asset_id: value };
}

export function parseDimension(value: string): { width: number; height: number } {
  const m = /^(\d+)x(\d+)$/i.exec(value.trim());
  if (!m) throw new UsageError(`--dimension must be WIDTHxHEIGHT in pixels, such as 1280x720; got "${value}"`);
  return { width: Number(m[1]), height: Number(m[2]) };
}

export function timeoutMs(value: string | undefined): number {
  if (value === undefined) return 10 * 60_000;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout must be a number of seconds; got "${value}"`);
  return seconds * 1000;
}

export function videoBody(o: VideoCreateOptions): CreateVideoRequest {
  if (!o.avatar) throw new UsageError('--avatar <look-id> is required (`orator avatars` lists them)');
  const body: CreateVideoRequest = { type: 'avatar', avatar_id: o.avatar, script: readScript(o) };
  if (o.voice) body.voice_id = o.voice;
  if (o.background) body.background = parseBackground(o.background);
  if (o.title) body.title = o.title;
  if (o.aspectRatio) body.aspect_ratio = o.aspectRatio;
  if (o.resolution) body.resolution = o.resolution;
  if (o.dimension) body.dimension = parseDimension(o.dimension);
  if (o.caption) body.caption = true;
  if (o.callbackUrl) body.callback_url = o.callbackUrl;
  return body;
}

const videoLines = (v: Video): string[] => [
  `video_id\t${v.id}`,
  `status\t${v.status}`,
  ...(v.title ? [`title\t${v.title}`] : []),
  ...(v.duration !== null ? [`duration\t${v.duration} s`] : []),
  ...(v.video_url ? [`video_url\t${v.video_url}`] : []),
  ...(v.thumbnail_url ? [`thumbnail_url\t${v.thumbnail_url}`] : []),
  ...(v.failure_message ? [`failure\t${v.failure_message} (${v.failure_code})`] : []),
];

/** Waits for a video just created (or started from a template), drawing the bar, then downloads with --out. */
export async function waitAndFetch(ctx: ClientContext, videoId: string, flags: WaitFlags): Promise<void> {
  const bar = createProgressReporter(process.stderr, videoId);
  let video: Video;
  try {
    video = await ctx.client.videos.waitFor(videoId, { timeoutMs: timeoutMs(flags.timeout), onProgress: (p) => bar.update(p) });
  } finally {
    bar.finish();
  }
  let saved: string | undefined;
  if (flags.out) {
    const result = await ctx.client.videos.download(videoId, flags.out);
    saved = path.resolve(result.path);
    ctx.note(`saved ${result.path} (${result.bytes} bytes)`);
  }
  ctx.print({ ...video, ...(saved ? { saved_to: saved } : {}) }, () => [...videoLines(video), ...(saved ? [`saved_to\t${saved}`] : [])]);
}

export async function createVideo(ctx: ClientContext, o: VideoCreateOptions): Promise<void> {
  const made = await ctx.client.videos.create(videoBody(o), o.idempotencyKey ? { idempotencyKey: o.idempotencyKey } : {});
  if (!o.wait && !o.out) {
    ctx.print(made, () => [`video_id\t${made.video_id}`, `status\t${made.status}`]);
    ctx.note(`poll it with: orator video get ${made.video_id}   (or pass --wait next time)`);
    return;
  }
  await waitAndFetch(ctx, made.video_id, o);
}

export async function listVideos(ctx: ClientContext, o: { limit?: string; token?: string; title?: string }): Promise<void> {
  const page = await ctx.client.videos.list({ ...(o.limit ? { limit: Number(o.limit) } : {}), ...(o.token ? { token: o.token } : {}), ...(o.title ? { title: o.title } : {}) });
  ctx.print(page, () => page.data.map((v) => [v.id, v.status, v.title ?? '', v.video_url ?? ''].join('\t')));
  if (!ctx.json && page.has_more) ctx.note(`more: --token ${page.next_token}`);
}

export async function getVideo(ctx: ClientContext, id: string): Promise<void> {
  const v = await ctx.client.videos.get(id);
  ctx.print(v, () => videoLines(v));
}

export async function deleteVideo(ctx: ClientContext, id: string): Promise<void> {
  const r = await ctx.client.videos.delete(id);
  ctx.print(r, () => [`deleted\t${r.id}`]);
}

export async function downloadVideo(ctx: ClientContext, id: string, o: { out?: string; file?: VideoFile }): Promise<void> {
  const file = o.file ?? 'video';
  const out = o.out ?? `${id}${DEFAULT_EXTENSION[file]}`;
  const r = await ctx.client.videos.download(id, out, { file });
  ctx.print({ ...r, path: path.resolve(r.path) }, () => [`saved_to\t${path.resolve(r.path)}`, `bytes\t${r.bytes}`]);
}
