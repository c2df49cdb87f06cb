// Request bodies of the three API versions → the one TranslationRequest the service takes.
import type { Static } from '@sinclair/typebox';
import { OratorError } from '../../domain/errors.js';
import type { TranslationRequest } from '../../services/translations/create-translation.js';
import type { V1CreateBody, V2CreateBody, V3CreateBody } from './translation-schemas.js';

type Common = Static<typeof V1CreateBody> | Static<typeof V2CreateBody> | Static<typeof V3CreateBody>;

function common(body: Common): Omit<TranslationRequest, 'video' | 'videoParam' | 'outputLanguages' | 'languageParam'> {
  return {
    title: body.title ?? null,
    inputLanguage: body.input_language ?? null,
    voiceId: body.voice_id ?? null,
    translateAudioOnly: body.translate_audio_only ?? null,
    disableMusicTrack: body.disable_music_track ?? null,
    callbackId: body.callback_id ?? null,
    callbackUrl: body.callback_url ?? null,
    folderId: body.folder_id ?? null,
  };
}

export function v1Request(body: Static<typeof V1CreateBody>): TranslationRequest {
  return { ...common(body), video: { url: body.video_url }, videoParam: 'video_url', outputLanguages: [body.target_language], languageParam: 'target_language' };
}

export function v2Request(body: Static<typeof V2CreateBody>): TranslationRequest {
  const many = body.output_languages ?? null;
  if (!many && !body.output_language) throw new OratorError('missing_params', 'output_language (or output_languages) is required: the language to translate into', { param: 'output_language' });
  return {
    ...common(body),
    video: { url: body.video_url },
    videoParam: 'video_url',
    outputLanguages: many ?? [body.output_language!],
    languageParam: many ? 'output_languages' : 'output_language',
  };
}

export function v3Request(body: Static<typeof V3CreateBody>): TranslationRequest {
  const v = body.video;
  let video: TranslationRequest['video'];
  let videoParam: string;
  if (v.type === 'asset_id') {
    if (!v.asset_id) throw new OratorError('missing_params', "video.asset_id is required when video.type is 'asset_id'", { param: 'video.asset_id' });
    video = { assetId: v.asset_id };
    videoParam = 'video.asset_id';
  } else {
    if (!v.url) throw new OratorError('missing_params', "video.url is required when video.type is 'url'", { param: 'video.url' });
    video = { url: v.url };
    videoParam = 'video.url';
  }
  return { ...common(body), video, videoParam, outputLanguages: body.output_languages, languageParam: 'output_languages' };
}
