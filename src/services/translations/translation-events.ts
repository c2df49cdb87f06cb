// video_translate.success / .fail, written by the transaction that finishes the translation (the
// webhook outbox), to the space's subscribed endpoints and, unsigned, to the request's callback_url.
// Fields as HeyGen documents them (API-SURFACE §5.4), plus the v3 id name and the caption links.
import type { VideoTranslationRecord } from '../../domain/video-translation.js';
import type { BlobStore, Clock, TransactionScope } from '../ports.js';
import { recordEvent } from '../webhooks/webhook-outbox.js';

async function proofreadEventOf(blobs: BlobStore, t: VideoTranslationRecord) {
  const common = { proofread_id: t.id, callback_id: t.callbackId, output_language: t.outputLanguage };
  if (t.status === 'failed') return { type: 'proofread_creation.fail' as const, data: { ...common, message: failure(t, 'Proofread failed') } };
  return { type: 'proofread_creation.success' as const, data: { ...common, srt_url: t.blobs.srt ? await blobs.signedUrl(t.blobs.srt) : null } };
}

function failure(t: VideoTranslationRecord, fallback: string): string {
  return t.error?.detail ? `${t.error.message}: ${t.error.detail}` : (t.error?.message ?? fallback);
}

async function eventOf(blobs: BlobStore, t: VideoTranslationRecord) {
  if (t.kind === 'proofread') return proofreadEventOf(blobs, t);
  // HeyGen names no lip-sync event (API-SURFACE §3.7, §9): it is its translation product, so its events.
  const ids = t.kind === 'lipsync' ? { lipsync_id: t.id } : { video_translate_id: t.id, video_translation_id: t.id };
  const common = { ...ids, callback_id: t.callbackId, output_language: t.outputLanguage };
  if (t.status === 'failed') {
    return { type: 'video_translate.fail' as const, data: { ...common, message: failure(t, 'Video translation failed') } };
  }
  const sign = (key: string | null) => (key ? blobs.signedUrl(key) : Promise.resolve(null));
  return {
    type: 'video_translate.success' as const,
    data: { ...common, url: await sign(t.blobs.video), caption_url: await sign(t.blobs.srt), vtt_caption_url: await sign(t.blobs.vtt), audio_url: await sign(t.blobs.audio) },
  };
}

export async function recordTranslationFinished(deps: { blobs: BlobStore; clock: Clock }, tx: TransactionScope, translationId: string): Promise<void> {
  const t = await tx.translations.findById(translationId);
  if (!t || t.deletedAt !== null || (t.status !== 'completed' && t.status !== 'failed')) return;
  const e = await eventOf(deps.blobs, t);
  await recordEvent(deps, tx, { spaceId: t.spaceId, eventType: e.type, eventData: e.data, entityId: t.id }, t.callbackUrl);
}
