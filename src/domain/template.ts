// The template contract (issue #12): a designed, multi-scene layout with `{{variables}}`, stored as one
// JSON document per template and later rendered into a video by the engine. Field names are the JSON
// document's own (snake_case), so what a client POSTs to /v3/templates is stored and read back as is.
// Geometry is in fractions of the frame (0–1) and times in seconds, so one template renders at any size.

export const ASPECT_RATIOS = ['16:9', '9:16', '1:1'] as const;
export type AspectRatio = (typeof ASPECT_RATIOS)[number];

/** HeyGen's variable types (GET /v2/template/{id} `variables.<name>.type`). */
export const VARIABLE_TYPES = ['text', 'image', 'video', 'audio', 'character', 'voice'] as const;
export type VariableType = (typeof VARIABLE_TYPES)[number];

export const IMAGE_FITS = ['cover', 'contain', 'crop', 'none'] as const;
export type ImageFit = (typeof IMAGE_FITS)[number];
export const PLAY_STYLES = ['fit_to_scene', 'freeze', 'loop', 'once'] as const;
export const CHARACTER_TYPES = ['avatar', 'talking_photo'] as const;

/** A media reference as the generate request takes it: a URL or an uploaded asset of the space. */
export type MediaRef = { url: string; asset_id?: undefined } | { asset_id: string; url?: undefined };

/** Each variable's default, in the shape POST /v2/template/{id}/generate accepts for its type. */
export type VariableDefault =
  | { content: string }
  | (MediaRef & { fit?: ImageFit })
  | (MediaRef & { play_style?: (typeof PLAY_STYLES)[number] })
  | MediaRef
  | { character_id: string; type: (typeof CHARACTER_TYPES)[number] }
  | { voice_id: string };

export interface TemplateVariable {
  /** Referenced as `{{name}}`; letters, digits and underscores. */
  name: string;
  type: VariableType;
  default: VariableDefault;
}

/** How long a scene lasts: its avatar's speech, a fixed length, or one of its video layers. */
export type DurationRule = { type: 'speech' } | { type: 'fixed'; seconds: number } | { type: 'video_layer'; layer_id: string };

export const TRANSITIONS = ['cut', 'fade', 'slide'] as const;
/** How a scene is joined to the one before it; the first scene's transition is ignored. */
export interface Transition {
  type: (typeof TRANSITIONS)[number];
  /** Seconds; 0.5 when absent (cut takes none). */
  seconds?: number;
}

export const ANIMATIONS = ['none', 'fade', 'slide', 'scale'] as const;
export type Animation = (typeof ANIMATIONS)[number];

/** Position and size in fractions of the frame: (0,0) is the top left corner. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface LayerBase {
  id: string;
  /** Absent for audio layers, which have no picture. */
  box?: Box;
  /** Seconds from the scene's start; 0 when absent. */
  start?: number;
  /** Seconds from the scene's start; the scene's end when absent. */
  end?: number;
  entrance?: Animation;
  exit?: Animation;
}

export const TEXT_ALIGNS = ['left', 'center', 'right'] as const;

export interface TextLayer extends LayerBase {
  type: 'text';
  /** May hold `{{text variables}}`; wraps inside the box and shrinks to fit rather than overflow. */
  content: string;
  font_family: string;
  /** Fraction of the frame height (0.05 = 54 px at 1080p). */
  font_size: number;
  /** CSS weight, 100–900. */
  font_weight?: number;
  /** `#RRGGBB` or `#RRGGBBAA`. */
  color: string;
  align?: (typeof TEXT_ALIGNS)[number];
  background?: { color: string; padding?: number; corner_radius?: number };
  shadow?: { color: string; blur?: number; offset_x?: number; offset_y?: number };
}

export const AVATAR_STYLES = ['normal', 'circle', 'closeUp'] as const;

export interface AvatarLayer extends LayerBase {
  type: 'avatar';
  /** A stock avatar or talking photo id, or `{{character variable}}`. */
  avatar: string;
  avatar_style?: (typeof AVATAR_STYLES)[number];
  /** What the avatar says; may hold `{{text variables}}`. */
  script: string;
  /** A voice id, or `{{voice variable}}`. */
  voice: string;
}

/** Media layers take `src` (a URL or `{{variable}}` of the layer's type) or `asset_id`, not both. */
interface MediaLayerBase extends LayerBase {
  src?: string;
  asset_id?: string;
}

export interface ImageLayer extends MediaLayerBase {
  type: 'image';
  fit?: ImageFit;
}

export interface VideoLayer extends MediaLayerBase {
  type: 'video';
  fit?: ImageFit;
  muted?: boolean;
  loop?: boolean;
  /** Seconds of the source to play; the whole clip when absent. */
  trim?: { start: number; end?: number };
}

export interface AudioLayer extends MediaLayerBase {
  type: 'audio';
  /** 0–1. */
  volume?: number;
  /** The volume (0–1 of `volume`) while an avatar speaks; no ducking when absent. */
  ducking?: number;
}

export interface ShapeLayer extends LayerBase {
  type: 'shape';
  color: string;
  corner_radius?: number;
}

export type TemplateLayer = TextLayer | AvatarLayer | ImageLayer | VideoLayer | AudioLayer | ShapeLayer;
export const LAYER_TYPES = ['text', 'avatar', 'image', 'video', 'audio', 'shape'] as const;
export type LayerType = TemplateLayer['type'];

export interface TemplateScene {
  /** Usable in a generate request's `scene_ids`. */
  id: string;
  name: string;
  duration: DurationRule;
  transition?: Transition;
  /** Bottom first: each layer is drawn over the ones before it. */
  layers: TemplateLayer[];
}

/** The document POST /v3/templates takes and every template is stored as. */
export interface TemplateDocument {
  name: string;
  aspect_ratio: AspectRatio;
  variables: TemplateVariable[];
  scenes: TemplateScene[];
}

/** `{{name}}` references in a string, in order (names as written, spaces trimmed). */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([^{}]*?)\s*\}\}/g)].map((m) => m[1]!);
}

/** The variable a field names when the whole field is one `{{reference}}`; undefined otherwise. */
export function wholeReference(text: string): string | undefined {
  return /^\{\{\s*([^{}]*?)\s*\}\}$/.exec(text)?.[1];
}
