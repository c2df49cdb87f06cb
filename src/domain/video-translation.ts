// A video translation as the platform tracks it (issue 14): what is translated, into which language,
// how far the pipeline got, and what it produced. Plain data shared by the service, the store and the
// engine adapters in render/translation (which cannot import services).

export type TranslationStatus = 'pending' | 'running' | 'completed' | 'failed';

/**
 * What a row is: a translation (a new video), a proofread (stops once the text is translated, so a person
 * can edit it before a video is made from it), or a lip-sync (a video given new audio or a new script).
 */
export type TranslationKind = 'translation' | 'proofread' | 'lipsync';

/** The pipeline's stages in order; the record shows the one running (progress per stage). */
export type TranslationStage = 'queued' | 'preparing' | 'transcribing' | 'translating' | 'speaking' | 'rendering' | 'storing' | 'done';

/**
 * Where the words come from. An Orator render of this space is translated from its stored script and
 * re-rendered with the new speech; anything else is footage: its speech is recognised and replaced.
 */
export type TranslationSource =
  | { type: 'orator_video'; videoId: string }
  | { type: 'url'; url: string }
  | { type: 'blob'; blobKey: string; label: string };

/** A word (or token) with its time, seconds from the start of the video. */
export interface TimedWord {
  word: string;
  start: number;
  end: number;
}

/** One sentence of the source, with the time it is spoken. */
export interface SourceSentence {
  text: string;
  start: number;
  end: number;
  /** The render plan's scene it belongs to (Orator renders only). */
  scene?: number;
}

/** One sentence of the result: the translation, where it is spoken and how fast. */
export interface TranslatedSentence {
  sourceText: string;
  text: string;
  sourceStart: number;
  sourceEnd: number;
  start: number;
  end: number;
  /** The voice's speed factor the sentence was fitted with (0.8–1.25). */
  speed: number;
}

/** Which engine did each stage (reported with the result, so nobody mistakes rule-based output for more). */
export interface TranslationEngines {
  transcript: string;
  translation: string;
  speech: string;
  resync: string;
}

/** A language pair one translation engine can do, as ISO 639-1 codes where one exists. */
export interface LanguagePair {
  source: string;
  target: string;
}

export interface TranslationError {
  /** HeyGen legacy numeric code. */
  code: number;
  message: string;
  detail: string | null;
}

/** Blob keys of a finished translation's files (never URLs: they are signed on read). */
export interface TranslationBlobKeys {
  video: string | null;
  audio: string | null;
  srt: string | null;
  vtt: string | null;
}

/** A caller-supplied file: a URL to fetch or a blob of this server (an uploaded asset). */
export type SuppliedFile = { type: 'url'; url: string } | { type: 'blob'; blobKey: string; label: string };

/** A sentence of an edited (proofread) script: the words to speak at a source sentence's time. */
export interface GivenSentence {
  sourceText: string;
  text: string;
  sourceStart: number;
  sourceEnd: number;
}

export interface TranslationOptions {
  /** Keep the picture and replace only the speech, even for an Orator render. */
  translateAudioOnly: boolean;
  /** Drop the source's own sound instead of ducking it under the new speech (footage only). */
  dropOriginalAudio: boolean;
  /** An SRT of what the source says, used instead of speech recognition (proofreads). */
  sourceSrt?: SuppliedFile;
  /** The words to speak, already translated (a video generated from a proofread): nothing is translated. */
  givenScript?: GivenSentence[];
  /** The proofread a translation was generated from. */
  proofreadId?: string;
  /** Lip-sync: the new sound to put under the picture (instead of translated speech). */
  audio?: SuppliedFile;
  /** Lip-sync: the new script to speak (in the output language) instead of translating. */
  text?: string;
}

export interface VideoTranslationRecord {
  id: string;
  spaceId: string;
  kind: TranslationKind;
  status: TranslationStatus;
  stage: TranslationStage;
  /** 0–100 over the whole pipeline. */
  progress: number;
  title: string | null;
  source: TranslationSource;
  /** What the caller passed as the video (its URL or asset id), echoed in views and messages. */
  sourceLabel: string;
  inputLanguage: string;
  outputLanguage: string;
  voiceId: string;
  options: TranslationOptions;
  callbackId: string | null;
  callbackUrl: string | null;
  folderId: string | null;
  blobs: TranslationBlobKeys;
  durationSec: number | null;
  script: TranslatedSentence[] | null;
  engines: TranslationEngines | null;
  error: TranslationError | null;
  createdAt: number;
  updatedAt: number;
  completedAt: number | null;
  deletedAt: number | null;
}

/** What a finished pipeline contributes to the record. */
export interface TranslationCompletion {
  blobs: TranslationBlobKeys;
  durationSec: number;
  script: TranslatedSentence[];
  engines: TranslationEngines;
}
