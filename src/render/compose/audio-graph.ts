// The sound of the single encode pass: each scene's voice (a decoded file or silence) padded or cut to
// exactly its frames' worth of samples, so scenes stay in sync with the picture, then concatenated;
// music and video-layer sound mixed under them.
import { duckingVolumeExpression, type TimeSpan } from './ducking-envelope.js';

/** One scene's audio: a decoded file, or silence; padded or cut to `frames` worth of samples. */
export interface AudioTrackInput {
  path: string | null;
  frames: number;
  /** Gain for this scene's voice (v3 `voice_settings.volume`); absent or 1 = unchanged. */
  volume?: number;
}

/**
 * Sound under the voices (a template's music, a video layer's own sound), placed on the whole video's
 * timeline (issue #12): filled in by stages/audio-layers.ts, mixed here.
 */
export interface AudioLayerInput {
  /** A decoded file that starts where the layer's sound starts (any trim already applied). */
  path: string;
  /** Seconds from the start of the video. */
  startSec: number;
  endSec: number;
  /** 0–1 gain. */
  volume: number;
  /** Starts again when it ends, until `endSec` (true), or plays once and falls silent (false). */
  loop: boolean;
  /** The gain is multiplied by `factor` during `spans` (seconds from the video's start), with short ramps. */
  ducking?: { factor: number; spans: TimeSpan[] };
}

export const AUDIO_SAMPLE_RATE = 48000;

/** Audio: every scene becomes exactly its frames' worth of samples, so scenes stay in sync. */
export interface AudioGraphOutput {
  /** The label of the sound to encode; null when the video has none. */
  main: string | null;
  /** The voices alone, when the job asked for them and layers were mixed in (the quality figures read it). */
  voicesOnly: string | null;
}

export function audioGraph(
  job: { audio: AudioTrackInput[]; audioLayers?: AudioLayerInput[]; fps: number; voicesOnlyPath?: string | null },
  graph: string[],
  addInput: (args: string[]) => number,
): AudioGraphOutput {
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
  let voices = audioLabels[0] ?? null;
  if (audioLabels.length > 1) {
    graph.push(`${audioLabels.map((l) => `[${l}]`).join('')}concat=n=${audioLabels.length}:v=0:a=1[aout]`);
    voices = 'aout';
  }
  const mixed = mixAudioLayers(voices, job.audioLayers ?? [], graph, addInput, Boolean(job.voicesOnlyPath));
  return { main: mixed.main, voicesOnly: mixed.voicesOnly };
}

/**
 * Layers are summed onto the voices at unit weight (normalize=0): amix's default divides every input
 * by the number of inputs, which would make the voices quieter as soon as music is added. The voices
 * come first and end the mix (duration=first), so the sound stays exactly as long as the picture.
 */
function mixAudioLayers(voices: string | null, layers: readonly AudioLayerInput[], graph: string[], addInput: (args: string[]) => number, keepVoices: boolean): AudioGraphOutput {
  const audible = layers.filter((l) => samplesAt(l.endSec) > samplesAt(l.startSec) && l.volume > 0);
  if (voices === null || audible.length === 0) return { main: voices, voicesOnly: null };
  let voicesOnly: string | null = null;
  if (keepVoices) {
    // The lip-sync figures compare the mouth with the voices' loudness, which music under them would blur.
    graph.push(`[${voices}]asplit=2[vmix][vonly]`);
    voices = 'vmix';
    voicesOnly = 'vonly';
  }
  const labels = audible.map((layer, k) => {
    const index = addInput([...(layer.loop ? ['-stream_loop', '-1'] : []), '-i', layer.path]);
    const label = `ml${k}`;
    graph.push(`[${index}:a]${audioLayerChain(layer)}[${label}]`);
    return label;
  });
  graph.push(`[${voices}]${labels.map((l) => `[${l}]`).join('')}amix=inputs=${labels.length + 1}:duration=first:dropout_transition=0:normalize=0[amix]`);
  return { main: 'amix', voicesOnly };
}

/** One layer: mono at the output rate, cut to its span, at its gain (ducked where speech is), then delayed to its start. */
export function audioLayerChain(layer: AudioLayerInput): string {
  const startSample = samplesAt(layer.startSec);
  const span = samplesAt(layer.endSec) - startSample;
  const shape = `aresample=${AUDIO_SAMPLE_RATE},aformat=sample_fmts=fltp:channel_layouts=mono,atrim=end_sample=${span},asetpts=PTS-STARTPTS`;
  let gain = `volume=${layer.volume}`;
  if (layer.ducking && layer.ducking.spans.length > 0 && layer.ducking.factor !== 1) {
    // The expression runs on the layer's own clock (0 = its start); it is evaluated once per audio frame,
    // so frames of 10 ms make the 150 ms ramps smooth.
    const spans = layer.ducking.spans.map((s) => ({ start: s.start - layer.startSec, end: s.end - layer.startSec }));
    gain = `asetnsamples=n=${AUDIO_SAMPLE_RATE / 100},volume='${duckingVolumeExpression(spans, layer.volume, layer.ducking.factor)}':eval=frame`;
  }
  const delay = startSample > 0 ? `,adelay=delays=${startSample}S:all=1` : '';
  return `${shape},${gain}${delay}`;
}

function samplesAt(seconds: number): number {
  return Math.round(Math.max(0, seconds) * AUDIO_SAMPLE_RATE);
}

/** The output writing the voices alone next to the video (16-bit WAV in the work dir). */
export function voicesOnlyOutputArgs(label: string | null, path: string | null | undefined): string[] {
  return label && path ? ['-map', `[${label}]`, '-c:a', 'pcm_s16le', path] : [];
}
