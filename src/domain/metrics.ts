// What the HTTP layer, the worker pool and the job handlers report for metrics, as small ports: the
// Prometheus adapter (src/observability/) implements them, so only it and compose import prom-client.
import type { JobKind } from './job-kind.js';

/** How one run of a job ended, as the worker pool saw it. */
export type JobRunOutcome = 'completed' | 'retried' | 'failed' | 'lease_lost';

/** One webhook POST: a 2xx, another status, or no answer at all (timeout, refused, blocked address). */
export type WebhookAttemptOutcome = 'success' | 'http_error' | 'transport_error';

export interface JobMetrics {
  jobFinished(kind: JobKind, outcome: JobRunOutcome, seconds: number): void;
  /** A render that produced a video: wall-clock seconds spent rendering and the video's length. */
  renderFinished(renderSec: number, videoSec: number): void;
  webhookAttempt(outcome: WebhookAttemptOutcome, seconds: number): void;
}

export interface HttpMetrics {
  /** `route` is the route pattern (`/v1/video_status.get`, `/v3/videos/:video_id`), never the raw URL. */
  observeRequest(method: string, route: string, status: number, seconds: number): void;
}

/** The text a scrape returns. */
export interface MetricsExposition {
  readonly contentType: string;
  render(): Promise<string>;
}

/** Jobs of one kind waiting or running, read from the database on each scrape. */
export interface QueueKindStats {
  kind: JobKind;
  queued: number;
  running: number;
  /** Seconds the oldest runnable (due) queued job has waited since it became due; 0 when none. */
  oldestQueuedAgeSec: number;
}

export const NO_JOB_METRICS: JobMetrics = {
  jobFinished: () => {},
  renderFinished: () => {},
  webhookAttempt: () => {},
};
