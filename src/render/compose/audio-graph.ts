// The sound of the single encode pass: each scene's voice (a decoded file or silence) padded or cut to
// exactly its frames' worth of samples, so scenes stay in sync with the picture, then concatenated.

/** One scene's audio: a decoded file, or silence; padded or cut to `frames` worth of samples. */
export interface AudioTrackInput {
  path: string | null;
  frames: number;
  /** Gain for this scene's voice (v3 `voice_settings.volume`); absent or 1 = unchanged. */
  volume?: number;
}

/**
 * Sound under the voices (a template's music, a video layer's own sound), placed on the whole video's
 * timeline. Issue #12: filled in by stages/audio-layers.ts and mixed here.
 */
export interface AudioLayerInput {
  path: string;
  /** Seconds from the start of the video. */
  startSec: number;
  endSec: number;
  /** 0–1 gain. */
  volume: number;
}

export const AUDIO_SAMPLE_RATE = 48000;

/** Audio: every scene becomes exactly its frames' worth of samples, so scenes stay in sync. */
export function audioGraph(job: { audio: AudioTrackInput[]; audioLayers?: AudioLayerInput[]; fps: number }, graph: string[], addInput: (args: string[]) => number): string | null {
  const { fps } = job;
  const audioLabels: string[] = [];
  let samplesSoFar = 0;
  let framesSoFar = 0;
  job.audio.forEach((track, i) => {
    framesSoFar += track.frames;
    const endSample = Math.round((framesSoFar * AUDIO_SAMPLE_RATE) / fps);
    const samples = endSample - samplesSoFar;
    samplesSoFar = endSample;
    const label = `a${i}`;
    const gain = track.volume !== undefined && track.volume !== 1 ? `,volume=${track.volume}` : '';
    const shape = `aresample=${AUDIO_SAMPLE_RATE},aformat=sample_fmts=fltp:channel_layouts=mono${gain},apad=whole_len=${samples},atrim=end_sample=${samples}`;
    if (track.path === null) {
      graph.push(`anullsrc=r=${AUDIO_SAMPLE_RATE}:cl=mono,atrim=end_sample=${samples},aformat=sample_fmts=fltp[${label}]`);
    } else {
      const index = addInput(['-i', track.path]);
      graph.push(`[${index}:a]${shape},asetpts=PTS-STARTPTS[${label}]`);
    }
    audioLabels.push(label);
  });
  if (audioLabels.length <= 1) return audioLabels[0] ?? null;
  graph.push(`${audioLabels.map((l) => `[${l}]`).join('')}concat=n=${audioLabels.length}:v=0:a=1[aout]`);
  return 'aout';
}

