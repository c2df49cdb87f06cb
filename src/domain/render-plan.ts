// The render engine's contract: a plan in, files out. Everything here is plain data so a plan can be
// written as JSON (`orator render plan.json out/`) and stored with a job. Media are local file paths or
// URLs; URLs are fetched by the injected `MediaFetcher` (which applies the SSRF guard and size caps).

export type AvatarStyle = 'normal' | 'closeUp' | 'circle';
export type ImageFit = 'cover' | 'contain' | 'crop' | 'none';
export type VideoPlayStyle = 'fit_to_scene' | 'freeze' | 'loop' | 'once';
export type OutputFormat = 'mp4' | 'webm' | 'mov';

/**
 * A media reference: a file on this machine or a URL the fetcher downloads first. `label` is how the
 * client named a file it did not give by path (an asset or talking photo id); failure messages use it
 * so they never show where the server keeps its copies.
 */
export type MediaSource = { path: string; label?: string } | { url: string };

/** A character on screen: a stock avatar, or a photo animated from its face landmarks. */
export type CharacterPlan = AvatarCharacterPlan | PhotoCharacterPlan;

export interface AvatarCharacterPlan extends CharacterPlacement {
  type: 'avatar';
  /** Stock avatar id (see render/avatars catalogue). */
  avatarId: string;
}

/** A talking photo: the picture is framed per style; it is opaque, so the background shows only around it. */
export interface PhotoCharacterPlan extends CharacterPlacement {
  type: 'photo';
  /** A blob-store key (an uploaded talking photo) is swapped for a local path by the render job. */
  image: MediaSource | StoredMedia;
}

/**
 * A file in the platform's blob store, by key (uploaded talking photos and assets). The render engine
 * itself never reads the store: the render job copies these next to the render first.
 */
export type StoredMedia = { blobKey: string; label?: string };

interface CharacterPlacement {
  style: AvatarStyle;
  /** 1 = the style's natural size; 0.1–5. */
  scale: number;
  /** Offset of the avatar centre as a fraction of the frame (-1..1), HeyGen's `offset {x, y}`. */
  offset: { x: number; y: number };
  /** When true the avatar is cut out from its own backdrop (stock rigs always have alpha; kept for photo rigs). */
  matting: boolean;
}

export type VoicePlan =
  | {
      type: 'text';
      voiceId: string;
      text: string;
      /** 0.5–1.5, 1 = normal. */
      speed: number;
      /** -50..50 semitone-ish percent offset, 0 = normal. */
      pitch: number;
      /** Optional gain, 0 (silent) to 1 (full); absent = 1. Carried from v3 `voice_settings.volume`. */
      volume?: number;
    }
  | {
      type: 'audio';
      /** A blob-store key (an uploaded asset) is swapped for a local path by the render job. */
      source: MediaSource | StoredMedia;
      /** Optional transcript: aligns mouth shapes to it when given. */
      transcript?: string;
    }
  | { type: 'silence'; durationSec: number };

export type BackgroundPlan =
  | { type: 'color'; color: string }
  | { type: 'image'; source: MediaSource | StoredMedia; fit: ImageFit }
  | { type: 'video'; source: MediaSource | StoredMedia; fit: ImageFit; playStyle: VideoPlayStyle }
  | { type: 'transparent' }
  | LayersBackground;

/**
 * A designed still (a template scene's static layers, issue #12): drawn once per scene into an image at
 * the output size, then shown like an image background. Boxes and sizes are fractions of the frame.
 */
export interface LayersBackground {
  type: 'layers';
  /** Fill under every layer. */
  color: string;
  /** Bottom first. */
  layers: BackgroundLayer[];
}

export interface LayerBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type BackgroundLayer =
  | { type: 'shape'; box: LayerBox; color: string; cornerRadius?: number }
  | { type: 'image'; box: LayerBox; source: MediaSource | StoredMedia; fit: ImageFit }
  | {
      type: 'text';
      box: LayerBox;
      /** Already substituted; wrapped inside the box and shrunk until it fits. */
      text: string;
      fontFamily: string;
      /** Fraction of the frame height. */
      fontSize: number;
      fontWeight: number;
      color: string;
      align: 'left' | 'center' | 'right';
      /** A box behind the text; padding and radius are fractions of the frame height. */
      background?: { color: string; padding: number; cornerRadius: number };
      /** A soft shadow under the glyphs; blur and offsets are fractions of the frame height. */
      shadow?: { color: string; blur: number; offsetX: number; offsetY: number };
    };

export type LayerAnimation = 'none' | 'fade' | 'slide' | 'scale';

/** A clip shown inside a box (a template's video layer). */
export interface VideoLayerContent {
  type: 'video';
  box: LayerBox;
  source: MediaSource | StoredMedia;
  fit: ImageFit;
  /** Its own sound is left out (true) or mixed under the voice (false). */
  muted: boolean;
  /** Starts again at the end (true) or holds its last frame (false) while it is on screen. */
  loop: boolean;
  /** Seconds of the source to play: from `start` to `end` (the clip's end when absent). */
  trim: { start: number; end?: number };
}

/**
 * A layer with its own time on screen inside its scene (issue #12): a static layer (drawn once into a
 * transparent image of its box) or a video clip, placed over the scene's background, under or over the
 * scene's character, with an entrance and an exit animated by the encoder (nothing drawn per frame).
 */
export interface TimedLayerPlan {
  content: BackgroundLayer | VideoLayerContent;
  /** Seconds from the scene's start. */
  start: number;
  /** Seconds from the scene's start; the scene's end when absent. */
  end?: number;
  entrance: LayerAnimation;
  exit: LayerAnimation;
  /** Drawn over the scene's character (true) or between the background and the character (false). */
  overCharacter: boolean;
}

/** Sound under the voice for part of a scene (a template's audio layer: background music). */
export interface AudioLayerPlan {
  source: MediaSource | StoredMedia;
  /** 0–1 gain. */
  volume: number;
  /** Gain factor (0–1 of `volume`) while the scene's character speaks; absent = no ducking. */
  ducking?: number;
  /** Seconds from the scene's start; `end` absent = the scene's end. The sound loops to fill its span. */
  start: number;
  end?: number;
}

/** How a scene is joined to the one before it (ignored on the first scene). Scene lengths do not change. */
export interface SceneTransitionPlan {
  type: 'fade' | 'slide';
  /** 0.1–2 s, at most the shorter of the two scenes. */
  seconds: number;
}

/**
 * How long a scene lasts when not simply its voice: `at_least` pads the voice with silence to that many
 * seconds; `video_layer` lasts as long as the clip of `timedLayers[layer]` (its trimmed length). Neither
 * cuts speech short: a voice longer than the rule's length sets the scene's length.
 */
export type SceneLengthPlan = { type: 'at_least'; seconds: number } | { type: 'video_layer'; layer: number };

export interface ScenePlan {
  character: CharacterPlan | null;
  voice: VoicePlan;
  background: BackgroundPlan;
  /** Template layers with their own timing, bottom first; absent = none. */
  timedLayers?: TimedLayerPlan[];
  /** Background music and other sound layers; absent = none. */
  audioLayers?: AudioLayerPlan[];
  transition?: SceneTransitionPlan;
  length?: SceneLengthPlan;
}

/** A logo overlaid on the whole video (v3 `watermark`). Offsets are fractions of the frame. */
export interface WatermarkPlan {
  source: MediaSource | StoredMedia;
  /** 1 = the image's native size; 0–2. */
  scale: number;
  /** 0 (transparent) to 1 (opaque). */
  opacity: number;
  position: 'top_left' | 'top_right' | 'bottom_left' | 'bottom_right';
  offsetX: number;
  offsetY: number;
}

export interface RenderPlan {
  width: number;
  height: number;
  /** Frames per second, default 25. */
  fps: number;
  /** Seeds blink and idle-motion timing: same plan + seed = same frames. */
  seed: number;
  format: OutputFormat;
  /** Also produce a variant with captions burned in. */
  burnCaptions: boolean;
  scenes: ScenePlan[];
  /** Optional overlay; absent = none. */
  watermark?: WatermarkPlan;
}

export interface WordTiming {
  word: string;
  /** Seconds from the start of the whole video. */
  start: number;
  end: number;
}

export interface QualityFigures {
  /**
   * Pearson correlation between the mouth-opening signal and the audio loudness envelope (from the output
   * file). For photo avatars the opening is the inner-lip gap read by the face tracker on sampled frames
   * (see lipSyncMethod), as a viewer sees it; for drawn avatars, the change in the mouth's pixels.
   */
  envelopeCorrelation: number;
  /** Audio/video offset at the cross-correlation peak, milliseconds (positive = video late). */
  avOffsetMs: number;
  /** How the opening was read: `face_landmarks` (photo avatars) or `mouth_pixels`. Absent on renders made before it. */
  lipSyncMethod?: 'face_landmarks' | 'mouth_pixels';
  /**
   * Photo avatars only (face_landmarks): the mean inner-lip gap, as a fraction of the distance between
   * the eyes, on frames with speech and in pauses (silences of 0.3 s or more); null where the video has
   * none of those frames.
   */
  speechOpening?: number | null;
  pauseOpening?: number | null;
  /** speechOpening / pauseOpening (pauses floored at 0.01): how much more the mouth is open when speaking. */
  openingRatio?: number | null;
  /**
   * Frames whose mouth was read and those read as a face. The engine matches every frame's mouth (by
   * its pixels) to the rig's mouth shapes, each read once by the face tracker when the rig was built;
   * without those readings the tracker reads up to 120 evenly sampled frames itself.
   */
  landmarkFrames?: number;
  trackedFrames?: number;
}

/** Files the renderer leaves in the output directory (absolute paths). */
export interface RenderResult {
  video: string;
  /** Same video with captions burned in, when `burnCaptions`. */
  captionedVideo: string | null;
  thumbnail: string;
  gif: string;
  srt: string;
  vtt: string;
  durationSec: number;
  width: number;
  height: number;
  words: WordTiming[];
  quality: QualityFigures;
  /** Wall time per render stage in ms (speech, visuals, encode, captions, quality, burn_captions). */
  timings?: Record<string, number>;
}

export interface RenderProgress {
  /** 0–100. */
  percent: number;
  stage: string;
}

export interface MediaFetcher {
  /** Download `url` to `destPath`; throws OratorError('download_failed' | 'invalid_url', …). */
  fetchToFile(url: string, destPath: string): Promise<void>;
}
