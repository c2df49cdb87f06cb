// The last step for footage (translations and lip-syncs of videos Orator did not make): the remuxed
// file (new sound under the untouched picture) gets its mouth re-drawn to the new speech where a face is
// tracked. Without the engine, or where no face is found, the remuxed file stands and the result says so.
import path from 'node:path';
import type { PipelineContext } from './translation-pipeline.js';

export const AUDIO_ONLY_RESYNC = 'audio replaced only: the picture is kept as it was and its mouth is not re-synced';

/** The final video and the `resync` line of the result. */
export async function resyncFootage(ctx: PipelineContext, videoPath: string, soundPath: string, remuxed: string): Promise<{ video: string; resync: string }> {
  const mouth = ctx.engines.footageMouth;
  if (!mouth) return { video: remuxed, resync: AUDIO_ONLY_RESYNC };
  const out = path.join(ctx.workDir, 'resynced.mp4');
  const r = await mouth.resync({ videoPath, soundPath, audioFrom: remuxed, outPath: out, signal: ctx.signal });
  if (r.redrawn === 0) return { video: remuxed, resync: `no face was found on the ${r.detections} frames tracked: ${AUDIO_ONLY_RESYNC}` };
  return {
    video: out,
    resync: `mouth re-drawn to the new speech on ${r.redrawn} of ${r.frames} frames (face tracked on every ${mouth.detectEvery}${mouth.detectEvery === 1 ? 'st' : mouth.detectEvery === 2 ? 'nd' : mouth.detectEvery === 3 ? 'rd' : 'th'} frame, found on ${r.facesFound} of ${r.detections}; the mouth opens with the new speech's loudness; frames without a face untouched)`,
  };
}
