// The quality figures a render measured on its own output file, as clients read them (snake_case,
// rounded): stored with the video, returned by every status/detail route once the video completed.
import type { QualityFigures } from '../../domain/render-plan.js';

export interface QualityView {
  /** Pearson correlation between mouth opening and audio loudness, from the decoded output file. */
  envelope_correlation: number;
  /** Audio/video offset at the cross-correlation peak, milliseconds (positive = video late). */
  av_offset_ms: number;
}

export function qualityView(q: QualityFigures | null): QualityView | null {
  if (!q) return null;
  return { envelope_correlation: Math.round(q.envelopeCorrelation * 1000) / 1000, av_offset_ms: Math.round(q.avOffsetMs) };
}
