// The create page's draft, and the POST /v2/video/generate body it becomes: one video_input per scene
// (presenter, spoken script, background), the output size from aspect ratio and resolution, captions.
import type { Presenter } from './catalogue.ts';

export type AspectRatio = '16:9' | '9:16' | '1:1' | '4:5';
export type Resolution = '360p' | '720p' | '1080p';

export const ASPECT_RATIOS: Array<{ value: AspectRatio; label: string }> = [
  { value: '16:9', label: '16:9 landscape' },
  { value: '9:16', label: '9:16 portrait' },
  { value: '1:1', label: '1:1 square' },
  { value: '4:5', label: '4:5 social' },
];

export const RESOLUTIONS: Array<{ value: Resolution; label: string }> = [
  { value: '360p', label: '360p (quick draft)' },
  { value: '720p', label: '720p' },
  { value: '1080p', label: '1080p (slower)' },
];

export interface SceneDraft {
  key: number;
  presenterId: string;
  voiceId: string;
  script: string;
  background: 'color' | 'transparent';
  color: string;
}

export interface VideoDraft {
  title: string;
  aspect: AspectRatio;
  resolution: Resolution;
  captions: boolean;
  scenes: SceneDraft[];
}

const SHORT_EDGE: Record<Resolution, number> = { '360p': 360, '720p': 720, '1080p': 1080 };
const RATIO: Record<AspectRatio, [number, number]> = { '16:9': [16, 9], '9:16': [9, 16], '1:1': [1, 1], '4:5': [4, 5] };
const even = (n: number) => Math.round(n / 2) * 2;

/** The short edge is the resolution, as HeyGen anchors it; both sides even, as encoders need. */
export function dimensionFor(aspect: AspectRatio, resolution: Resolution): { width: number; height: number } {
  const [w, h] = RATIO[aspect];
  const short = SHORT_EDGE[resolution];
  return w >= h ? { width: even((short * w) / h), height: short } : { width: short, height: even((short * h) / w) };
}

let nextKey = 1;

export function newScene(from?: Partial<SceneDraft>): SceneDraft {
  return { key: nextKey++, presenterId: '', voiceId: '', script: '', background: 'color', color: '#1f3a8a', ...from };
}

/** A transparent scene needs an alpha channel, which MP4 cannot carry: the whole video becomes WebM. */
export function outputFormatOf(draft: VideoDraft): 'mp4' | 'webm' {
  return draft.scenes.some((s) => s.background === 'transparent') ? 'webm' : 'mp4';
}

export function generateBody(draft: VideoDraft, presenters: Presenter[]) {
  return {
    title: draft.title.trim() || undefined,
    caption: draft.captions,
    dimension: dimensionFor(draft.aspect, draft.resolution),
    video_inputs: draft.scenes.map((s) => {
      const presenter = presenters.find((p) => p.id === s.presenterId);
      const character =
        presenter?.kind === 'talking_photo'
          ? { type: 'talking_photo' as const, talking_photo_id: s.presenterId }
          : { type: 'avatar' as const, avatar_id: s.presenterId, avatar_style: 'normal' as const };
      return {
        character,
        voice: { type: 'text' as const, voice_id: s.voiceId, input_text: s.script },
        background: s.background === 'transparent' ? { type: 'transparent' as const } : { type: 'color' as const, value: s.color },
      };
    }),
  };
}
