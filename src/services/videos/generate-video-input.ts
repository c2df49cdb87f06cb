// The body of POST /v2/video/generate as the use case receives it (after schema validation and
// defaults). The API's TypeBox schema is the public contract; this is what the service relies on.

export interface CharacterInput {
  type: 'avatar' | 'talking_photo';
  avatar_id?: string;
  talking_photo_id?: string;
  talking_photo_style?: 'square' | 'circle';
  avatar_style?: 'normal' | 'circle' | 'closeUp';
  scale?: number;
  offset?: { x?: number; y?: number };
  matting?: boolean;
}

export interface VoiceInput {
  type: 'text' | 'audio' | 'silence';
  voice_id?: string;
  input_text?: string;
  speed?: number;
  pitch?: number;
  audio_url?: string;
  audio_asset_id?: string;
  duration?: number;
}

export interface BackgroundInput {
  type: 'color' | 'image' | 'video' | 'transparent';
  value?: string;
  url?: string;
  image_asset_id?: string;
  video_asset_id?: string;
  fit?: 'cover' | 'contain' | 'crop' | 'none';
  play_style?: 'fit_to_scene' | 'freeze' | 'loop' | 'once';
}

export interface VideoInput {
  character?: CharacterInput;
  voice: VoiceInput;
  background?: BackgroundInput;
}

export interface GenerateVideoInput {
  video_inputs: VideoInput[];
  dimension?: { width: number; height: number };
  title?: string;
  caption?: boolean;
  callback_id?: string;
  callback_url?: string;
  test?: boolean;
  folder_id?: string;
}
