// What the pipeline needs from speech, visemes and avatars, as one injectable bundle: render-video.ts
// wires the real modules; tests can swap in doubles.
import type { AvatarRig } from './avatars/avatar-catalogue.js';
import type { AvatarStyle, WordTiming } from '../domain/render-plan.js';
import type { PhoneTiming, Viseme, VisemeTrack } from './visemes/viseme.js';

export interface SpeechOutput {
  wavPath: string;
  durationSec: number;
  words: WordTiming[];
  phones: PhoneTiming[];
}

export interface RenderDeps {
  avatarExists(avatarId: string): boolean;
  voiceExists(voiceId: string): boolean;
  synthesizeSpeech(request: { text: string; voiceId: string; speed: number; pitch: number; outPath: string; signal?: AbortSignal }): Promise<SpeechOutput>;
  /**
   * What synthesizeSpeech would make a voice's audio with (engine, build, code), for the render cache's
   * key. Absent (test doubles) or undefined: speech is not cached, since nothing tells outputs apart.
   */
  speechEngineVersion?(voiceId: string): string | undefined;
  /** Decodes any supported audio file to a WAV; throws on unreadable input. */
  decodeAudio(inputPath: string, outWav: string): Promise<void>;
  /** Phones (and words, when a recogniser or transcript gives them) for a decoded WAV. */
  phonesFromAudio(wavPath: string, transcript?: string): Promise<{ phones: PhoneTiming[]; words?: WordTiming[] }>;
  buildVisemeTrack(phones: readonly PhoneTiming[], durationSec: number, fps: number): VisemeTrack;
  mouthOpening(viseme: Viseme): number;
  buildAvatarRig(request: { avatarId: string; style: AvatarStyle; height: number; cacheDir: string }): Promise<AvatarRig>;
  /**
   * A rig animated from a photo's face; throws OratorError('invalid_parameter') when no face is found.
   * `frame` is the video's size: the photo is framed at its aspect (see avatars/photo/photo-framing.ts).
   */
  buildPhotoRig(request: { imagePath: string; style: AvatarStyle; height: number; cacheDir: string; param?: string; frame?: { width: number; height: number } }): Promise<AvatarRig>;
}
