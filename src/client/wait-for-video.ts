// Polls a video until it completes or fails. The interval grows exponentially (with jitter, so a batch of
// waiting clients spreads out) from a short first look to a cap, and never sleeps past the deadline.
import { VideoFailedError, WaitTimeoutError } from './api-errors.js';
import type { Video } from './client-types.js';

export interface WaitProgress {
  videoId: string;
  status: Video['status'];
  /** 0–100 where the server reports it (Orator does; HeyGen's v3 does not). */
  progress: number | null;
  elapsedMs: number;
  polls: number;
}

export interface WaitOptions {
  /** Give up after this long (default 10 minutes): WaitTimeoutError. */
  timeoutMs?: number;
  onProgress?: (progress: WaitProgress) => void;
  /** First interval (default 1 s); doubles up to `maxIntervalMs` (default 10 s). */
  initialIntervalMs?: number;
  maxIntervalMs?: number;
  signal?: AbortSignal;
}

export interface WaitDeps {
  get(videoId: string): Promise<Video>;
  sleep(ms: number): Promise<void>;
  now?: () => number;
  random?: () => number;
}

/** Interval before poll `n` (0-based): initial·2ⁿ capped, ±20 %. */
export function pollInterval(n: number, initialMs: number, maxMs: number, random: () => number = Math.random): number {
  const raw = Math.min(maxMs, initialMs * 2 ** n);
  return Math.max(1, Math.round(raw * (0.8 + 0.4 * random())));
}

function progressOf(video: Video): number | null {
  const p = (video as { progress?: unknown }).progress;
  return typeof p === 'number' ? p : null;
}

/** Resolves with the completed video; throws VideoFailedError, WaitTimeoutError, or the API's error. */
export async function waitForVideo(deps: WaitDeps, videoId: string, options: WaitOptions = {}): Promise<Video> {
  const now = deps.now ?? Date.now;
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const initial = options.initialIntervalMs ?? 1000;
  const cap = options.maxIntervalMs ?? 10_000;
  const started = now();
  for (let polls = 1; ; polls++) {
    options.signal?.throwIfAborted();
    const video = await deps.get(videoId);
    const elapsedMs = now() - started;
    options.onProgress?.({ videoId, status: video.status, progress: video.status === 'completed' ? 100 : progressOf(video), elapsedMs, polls });
    if (video.status === 'completed') return video;
    if (video.status === 'failed') {
      throw new VideoFailedError(videoId, video.failure_code ?? 'video_failed', video.failure_message ?? `Video ${videoId} failed`);
    }
    const left = timeoutMs - elapsedMs;
    if (left <= 0) throw new WaitTimeoutError(videoId, video.status, timeoutMs);
    await deps.sleep(Math.min(left, pollInterval(polls - 1, initial, cap, deps.random)));
  }
}
