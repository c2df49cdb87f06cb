// Where a translation's files live in the blob store: fixed keys under translations/<space>/<id>/, so a
// re-run after a crash overwrites the same blobs and a delete drops them all with one prefix.
import type { VideoTranslationRecord } from '../../domain/video-translation.js';

type Owner = Pick<VideoTranslationRecord, 'spaceId' | 'id'>;

export const translationBlobPrefix = (t: Owner): string => `translations/${t.spaceId}/${t.id}`;
/** A proofread's translated SRT (the one a person edits). */
export const proofreadSrtKey = (t: Owner): string => `${translationBlobPrefix(t)}/proofread.srt`;
/** The proofread's source SRT beside it (no column of its own). */
export const proofreadOriginalSrtKey = (t: Owner): string => `${translationBlobPrefix(t)}/original.srt`;
