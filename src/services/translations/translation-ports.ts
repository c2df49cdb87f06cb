// Ports of the video translation use cases: the store (db/), and one engine per pipeline stage, each
// with an offline default (render/translation): recognition, machine translation, speech and the media
// work (probe, extract, mix, remux, captions). compose/build-translations.ts wires them.
import type {
  LanguagePair,
  TimedWord,
  TranslatedSentence,
  TranslationKind,
  TranslationCompletion,
  TranslationError,
  TranslationStage,
  VideoTranslationRecord,
} from '../../domain/video-translation.js';
import type { MediaFetcher } from '../../domain/render-plan.js';
import type { ProbedMedia } from '../assets/asset-ports.js';
import type { PageCursor } from '../page-token.js';

export type NewVideoTranslation = Omit<
  VideoTranslationRecord,
  'status' | 'stage' | 'progress' | 'blobs' | 'durationSec' | 'script' | 'engines' | 'error' | 'completedAt' | 'deletedAt' | 'updatedAt'
>;

export interface TranslationStore {
  insert(translation: NewVideoTranslation): Promise<void>;
  /** A live (not deleted) translation of this space. */
  find(spaceId: string, id: string): Promise<VideoTranslationRecord | undefined>;
  /** Any translation, deleted or not (workers only). */
  findById(id: string): Promise<VideoTranslationRecord | undefined>;
  /** Newest first, of one kind (translations by default); `after` continues a previous page. */
  list(spaceId: string, limit: number, after?: PageCursor, kind?: TranslationKind): Promise<VideoTranslationRecord[]>;
  /** Replaces a completed proofread's script (its edited SRT). */
  updateScript(spaceId: string, id: string, script: readonly TranslatedSentence[], now: number): Promise<boolean>;
  /** CAS pending → running (also accepts running, for a retried attempt). */
  markRunning(id: string, now: number): Promise<boolean>;
  /** Only while running: a finished or failed translation keeps its last stage. */
  updateStage(id: string, stage: TranslationStage, progress: number, now: number): Promise<void>;
  /** CAS running → completed. False when someone else finished it first. */
  markCompleted(id: string, completion: TranslationCompletion, now: number): Promise<boolean>;
  /** CAS pending|running → failed. */
  markFailed(id: string, error: TranslationError, now: number): Promise<boolean>;
  updateTitle(spaceId: string, id: string, title: string, now: number): Promise<boolean>;
  /** Soft-deletes; returns the record as it was, or undefined when absent. */
  softDelete(spaceId: string, id: string, now: number): Promise<VideoTranslationRecord | undefined>;
}

/** Recognises speech with word times (English with pocketsphinx offline). */
export interface SpeechTranscriber {
  /** What the result names as the transcript's engine. */
  readonly name: string;
  /** ISO 639-1 codes it can recognise. */
  readonly languages: readonly string[];
  transcribe(wavPath: string, language: string, signal?: AbortSignal): Promise<TimedWord[]>;
}

/** Machine translation: Apertium offline, or an OpenAI-compatible chat endpoint or LibreTranslate. */
export interface TextTranslator {
  /** Engine name for the result, e.g. "apertium eng-spa (rule-based)". */
  describe(pair: LanguagePair): string;
  /** A line for the language list saying what kind of translation this is (rule-based, LLM …). */
  readonly note: string;
  /** What this engine can do here and now (Apertium: the installed modes). */
  pairs(): Promise<readonly LanguagePair[]>;
  /** One translation per text, in order; sentences are translated one by one so timings stay put. */
  translate(texts: readonly string[], pair: LanguagePair, signal?: AbortSignal): Promise<string[]>;
}

export interface SpokenSpeech {
  durationSec: number;
  words: TimedWord[];
}

/** Text to speech with the render engine's own voices (the same synthesis a render makes). */
export interface TranslationSpeech {
  synthesize(request: { text: string; voiceId: string; speed: number; pitch: number; outPath: string; signal?: AbortSignal }): Promise<SpokenSpeech>;
  /** The engine behind a voice, for the result ("espeak-ng"). */
  engineOf(voiceId: string): string;
  /** Every voice it can speak with (the render engine's catalogue). */
  voices(): readonly TranslationVoice[];
}

/** A voice as translations need it (the fields of the catalogue's VoiceSummary they read). */
export interface TranslationVoice {
  voice_id: string;
  /** English name of the language, "Spanish". */
  language: string;
  /** BCP-47 locale, "es-ES". */
  locale?: string;
  gender: 'male' | 'female';
}

/** One piece of new speech placed on the timeline. */
export interface PlacedSpeech {
  wavPath: string;
  start: number;
}

/** Media work on footage: probing, the speech track out, the dub in; ffmpeg behind it. */
export interface TranslationMedia {
  /** undefined: not a media file ffprobe can read. */
  probe(path: string): Promise<ProbedMedia | undefined>;
  /** The sound as 16 kHz mono WAV (what recognition reads). */
  extractSpeech(videoPath: string, outWav: string, signal?: AbortSignal): Promise<void>;
  /** One WAV of `durationSec` with each piece of speech at its start. */
  assembleDub(pieces: readonly PlacedSpeech[], durationSec: number, outWav: string): Promise<void>;
  /**
   * The picture as it is (stream copied) with the dub as its sound; the source's own sound is ducked under
   * `speechSpans` (where the old speech was) or dropped.
   */
  replaceSpeech(
    request: { videoPath: string; dubWav: string; outPath: string; original: 'ducked' | 'dropped'; speechSpans: readonly { start: number; end: number }[] },
    signal?: AbortSignal,
  ): Promise<void>;
  /** SRT and WebVTT from the new speech's words, cut into cues as a render's captions are. */
  writeCaptions(words: readonly TimedWord[], srtPath: string, vttPath: string): Promise<void>;
}

/** Where a URL this server handed out points in the blob store; undefined for every other URL. */
export type OratorFileResolver = (url: string) => { key: string; signatureValid: boolean } | undefined;

/** Re-draws the mouth of footage to new speech (render/footage): face tracked, mouth warped per frame. */
export interface FootageMouthResync {
  resync(
    request: { videoPath: string; soundPath: string; audioFrom: string; outPath: string; signal?: AbortSignal },
  ): Promise<{ frames: number; redrawn: number; detections: number; facesFound: number }>;
  /** Track the face on every Nth frame (the rest interpolated). */
  readonly detectEvery: number;
}

export interface TranslationEngineSet {
  /** Absent: footage keeps its picture as it is (speech replaced only). */
  footageMouth?: FootageMouthResync;
  transcriber: SpeechTranscriber;
  translator: TextTranslator;
  speech: TranslationSpeech;
  media: TranslationMedia;
  fetcher: MediaFetcher;
}
