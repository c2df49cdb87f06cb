// The quality figures a render measured on its own output file, as clients read them (snake_case,
// rounded): stored with the video, returned by every status/detail route once the video completed.
import type { QualityFigures } from '../../domain/render-plan.js';

export interface QualityView {
  /** Pearson correlation between mouth opening and audio loudness, from the decoded output file. */
  envelope_correlation: number;
  /** Audio/video offset at the cross-correlation peak, milliseconds (positive = video late). */
  av_offset_ms: number;
  /** How the mouth was read: `face_landmarks` (photo avatars, the inner-lip gap a face tracker sees) or `mouth_pixels`. */
  lip_sync_method?: 'face_landmarks' | 'mouth_pixels';
  /** Photo avatars: mean inner-lip gap (fraction of the eye distance) while speaking and in pauses, and their ratio. */
  speech_opening?: number | null;
  pause_opening?: number | null;
  opening_ratio?: number | null;
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;
const rounded = (n: number | null | undefined): number | null => (n === null || n === undefined ? null : round3(n));

export function qualityView(q: QualityFigures | null): QualityView | null {
  if (!q) return null;
  return {
    envelope_correlation: round3(q.envelopeCorrelation),
    av_offset_ms: Math.round(q.avOffsetMs),
    // Renders made before these figures existed have none; drawn avatars have no openings.
    ...(q.lipSyncMethod ? { lip_sync_method: q.lipSyncMethod } : {}),
    ...(q.lipSyncMethod === 'face_landmarks' ? { speech_opening: rounded(q.speechOpening), pause_opening: rounded(q.pauseOpening), opening_ratio: rounded(q.openingRatio) } : {}),
  };
}
