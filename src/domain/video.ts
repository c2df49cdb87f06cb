// A video as the platform tracks it: its lifecycle states and the record services read and write.
import type { QualityFigures, RenderPlan } from './render-plan.js';

export type VideoStatus = 'pending' | 'processing' | 'completed' | 'failed';

/** Blob store keys of a finished video's files (never URLs: URLs are minted on read). */
export interface VideoBlobKeys {
  video: string | null;
  captionVideo: string | null;
  thumbnail: string | null;
  gif: string | null;
  srt: string | null;
  vtt: string | null;
}

export interface VideoError {
  /** HeyGen legacy numeric code (what `video_status.get` reports). */
  code: number;
  message: string;
  detail: string | null;
}

export interface VideoRecord {
  id: string;
  spaceId: string;
  status: VideoStatus;
  title: string | null;
  callbackId: string | null;
  callbackUrl: string | null;
  folderId: string | null;
  plan: RenderPlan;
  /** The request body as received, kept for support and re-renders. */
  request: unknown;
  progress: number;
  blobs: VideoBlobKeys;
  durationSec: number | null;
  width: number;
  height: number;
  quality: QualityFigures | null;
  /** Wall time per render stage in milliseconds (speech, visuals, encode …); null until rendered. */
  renderTimings: Record<string, number> | null;
  error: VideoError | null;
  /** Epoch milliseconds. */
  createdAt: number;
  completedAt: number | null;
  deletedAt: number | null;
}

/**
 * A video without its stored plan, request and stage timings: what listings and status polls read. The
 * two large JSON columns are only for the render job; the timings only for whoever studies a render.
 */
export type VideoSummary = Omit<VideoRecord, 'plan' | 'request' | 'renderTimings'>;

/** What a finished render contributes to the record. */
export interface VideoCompletion {
  blobs: VideoBlobKeys;
  durationSec: number;
  width: number;
  height: number;
  quality: QualityFigures;
  renderTimings?: Record<string, number>;
}
