// The library's reads: GET /v3/videos (the v3 detail list, newest first, searchable by title, paged by
// token), GET /v3/videos/{id}, the live progress from GET /v1/video_status.get, DELETE /v3/videos/{id}.
import { api, query } from './api.ts';

export interface VideoDetail {
  id: string;
  title: string | null;
  status: 'pending' | 'processing' | 'completed' | 'failed';
  created_at: number | null;
  completed_at: number | null;
  video_url: string | null;
  thumbnail_url: string | null;
  captioned_video_url: string | null;
  subtitle_url: string | null;
  duration: number | null;
  failure_code: string | null;
  failure_message: string | null;
  quality: { envelope_correlation: number; av_offset_ms: number } | null;
}

export interface VideoPage {
  data: VideoDetail[];
  has_more: boolean;
  next_token: string | null;
}

export const PAGE_SIZE = 12;

export function listVideos(token: string | null, title: string): Promise<VideoPage> {
  return api<VideoPage>('GET', `/v3/videos${query({ limit: PAGE_SIZE, token, title: title.trim() })}`);
}

export async function getVideo(id: string): Promise<VideoDetail> {
  return (await api<{ data: VideoDetail }>('GET', `/v3/videos/${encodeURIComponent(id)}`)).data;
}

export interface RenderProgress {
  status: 'pending' | 'waiting' | 'processing' | 'completed' | 'failed';
  progress: number;
}

export async function renderProgress(id: string): Promise<RenderProgress> {
  const { data } = await api<{ data: RenderProgress }>('GET', `/v1/video_status.get${query({ video_id: id })}`);
  return { status: data.status, progress: data.progress };
}

export async function deleteVideo(id: string): Promise<void> {
  await api('DELETE', `/v3/videos/${encodeURIComponent(id)}`);
}

export const isRendering = (v: { status: string }) => v.status === 'pending' || v.status === 'processing' || v.status === 'waiting';

/** The file's own type, from its URL's name (a signed URL keeps the extension before the query). */
export function extensionOf(url: string | null, fallback: string): string {
  const m = url ? /\.([a-z0-9]{2,4})(?:\?|$)/i.exec(new URL(url, window.location.href).pathname) : null;
  return m ? m[1]!.toLowerCase() : fallback;
}

/** SRT to WebVTT, so the player can show the captions the render made (browsers read only VTT). */
export function srtToVtt(srt: string): string {
  const body = srt.replace(/\r\n?/g, '\n').replace(/(\d\d:\d\d:\d\d),(\d\d\d)/g, '$1.$2');
  return `WEBVTT\n\n${body.trim()}\n`;
}
