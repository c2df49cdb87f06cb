// client.videos: HeyGen's v3 video routes (served alike by Orator and HeyGen), plus waiting and downloading.
import type { CreatedVideo, CreateVideoRequest, DeletedVideo, ListVideosQuery, Page, Video } from './client-types.js';
import { errorOf, unwrap, type ClientTransport } from './client-transport.js';
import { downloadToFile, type DownloadOptions, type DownloadResult } from './download-file.js';
import { waitForVideo, type WaitOptions } from './wait-for-video.js';

/** Which of a completed video's files to download. */
export type VideoFile = 'video' | 'captioned_video' | 'thumbnail' | 'gif' | 'subtitle';

const URL_FIELD: Record<VideoFile, keyof Video> = {
  video: 'video_url',
  captioned_video: 'captioned_video_url',
  thumbnail: 'thumbnail_url',
  gif: 'gif_url',
  subtitle: 'subtitle_url',
};

export interface VideosApi {
  /** POST /v3/videos; an Idempotency-Key is made for the call (or pass your own) and reused on its retries. */
  create(body: CreateVideoRequest, options?: { idempotencyKey?: string; signal?: AbortSignal }): Promise<CreatedVideo>;
  get(videoId: string, options?: { signal?: AbortSignal }): Promise<Video>;
  list(query?: ListVideosQuery): Promise<Page<Video>>;
  delete(videoId: string): Promise<DeletedVideo>;
  /** Polls until completed (resolves with the video) or failed (throws VideoFailedError). */
  waitFor(videoId: string, options?: WaitOptions): Promise<Video>;
  /** Streams a completed video's file to `path`, resuming a partial `<path>.part` left by an earlier try. */
  download(videoId: string, path: string, options?: DownloadOptions & { file?: VideoFile }): Promise<DownloadResult>;
}

export function createVideosApi(t: ClientTransport): VideosApi {
  const get = (videoId: string, options: { signal?: AbortSignal } = {}) =>
    unwrap(t.raw.GET('/v3/videos/{video_id}', { params: { path: { video_id: videoId } }, ...(options.signal ? { signal: options.signal } : {}) })).then((r) => r.data);

  return {
    create: (body, options = {}) =>
      unwrap(
        t.raw.POST('/v3/videos', {
          body,
          ...(options.idempotencyKey ? { headers: { 'idempotency-key': options.idempotencyKey } } : {}),
          ...(options.signal ? { signal: options.signal } : {}),
        }),
      ).then((r) => r.data),
    get,
    list: (query = {}) => unwrap(t.raw.GET('/v3/videos', { params: { query } })),
    delete: (videoId) => unwrap(t.raw.DELETE('/v3/videos/{video_id}', { params: { path: { video_id: videoId } } })).then((r) => r.data),
    waitFor: (videoId, options = {}) => waitForVideo({ get: (id) => get(id, options.signal ? { signal: options.signal } : {}), sleep: t.sleep }, videoId, options),
    download: (videoId, path, options = {}) => {
      const field = URL_FIELD[options.file ?? 'video'];
      const freshUrl = async () => {
        const video = await get(videoId);
        const url = video[field];
        if (typeof url === 'string' && url !== '') return url;
        const why = video.status === 'completed' ? `has no ${options.file ?? 'video'} file` : `is ${video.status}, not completed`;
        throw new Error(`Video ${videoId} ${why}: nothing to download yet`);
      };
      return downloadToFile({ freshUrl, fetch: (request) => t.send(request, { retry: false, timeout: false }), sleep: t.sleep, errorOf }, path, options);
    },
  };
}
