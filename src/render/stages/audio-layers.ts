// Audio layers as encode inputs (issue #12): each scene's music and video-layer sound, fetched and placed
// on the whole video's timeline, with the spans where a character speaks (for ducking).
import type { AudioLayerInput } from '../compose/audio-graph.js';
import type { RenderContext } from './render-context.js';
import type { SpeechStageOutput } from './speech-stage.js';

export async function prepareAudioLayers(_ctx: RenderContext, _speech: SpeechStageOutput): Promise<AudioLayerInput[]> {
  return [];
}
