// What an uploaded file is, from its magic number, and whether the uploader's Content-Type agrees.
// Pure: the bytes decide; probing whether they decode is the upload inspector's job.
import type { AssetFileType } from './asset-ports.js';

export interface DetectedFormat {
  fileType: AssetFileType;
  mimeType: string;
  ext: string;
}

export const SUPPORTED_FORMATS = 'JPEG, PNG, WebP images; MP4, MOV, WebM videos; MP3, WAV, M4A, OGG audio';

// ISO BMFF (MP4, MOV, M4A) and EBML (WebM, Matroska) files are one container each whatever they hold;
// a label anywhere in the family is honest (phones label MP4s video/quicktime and the other way round).
const ISO_LABELS = ['video/mp4', 'video/quicktime', 'video/x-m4v', 'audio/mp4', 'audio/x-m4a', 'audio/m4a', 'audio/aac'];
const EBML_LABELS = ['video/webm', 'audio/webm', 'video/x-matroska', 'audio/x-matroska'];

/** The labels each detected type answers to; the first is the one to document. */
const LABELS: Record<string, readonly string[]> = {
  'image/jpeg': ['image/jpeg', 'image/jpg', 'image/pjpeg'],
  'image/png': ['image/png', 'image/x-png', 'image/apng'],
  'image/webp': ['image/webp'],
  'video/mp4': ISO_LABELS,
  'video/quicktime': ISO_LABELS,
  'audio/mp4': ISO_LABELS,
  'video/webm': EBML_LABELS,
  'video/x-matroska': EBML_LABELS,
  'audio/webm': EBML_LABELS,
  'audio/mpeg': ['audio/mpeg', 'audio/mp3', 'audio/mpeg3', 'audio/x-mpeg', 'audio/x-mp3'],
  'audio/wav': ['audio/wav', 'audio/x-wav', 'audio/wave', 'audio/vnd.wave'],
  'audio/ogg': ['audio/ogg', 'application/ogg', 'audio/opus', 'audio/vorbis'],
};

/** "I don't know": no claim about the bytes. */
const NO_CLAIM = 'application/octet-stream';

/** The media types a raw upload may be labelled with, the documented ones first. */
export const UPLOAD_MEDIA_TYPES: readonly string[] = [
  'image/jpeg', 'image/png', 'image/webp',
  'video/mp4', 'video/quicktime', 'video/webm', 'video/x-matroska',
  'audio/mpeg', 'audio/wav', 'audio/mp4', 'audio/webm', 'audio/ogg',
  NO_CLAIM,
];

/** Every label some detected type answers to, plus octet-stream. */
export const ACCEPTED_MEDIA_TYPES: ReadonlySet<string> = new Set([...Object.values(LABELS).flat(), NO_CLAIM]);

const ascii = (b: Buffer, start: number, end: number) => b.toString('latin1', start, end);

/** `Image/PNG; charset=x` → `image/png`; undefined for an absent or blank header. */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  const type = contentType?.split(';')[0]!.trim().toLowerCase();
  return type || undefined;
}

/**
 * The format by magic number, or undefined. `declaredKind` settles containers that hold either audio
 * or video (an MP4 with a generic brand, WebM): the uploader's word for audio is taken, video otherwise.
 */
export function detectFormat(b: Buffer, declaredKind?: AssetFileType): DetectedFormat | undefined {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { fileType: 'image', mimeType: 'image/jpeg', ext: 'jpg' };
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return { fileType: 'image', mimeType: 'image/png', ext: 'png' };
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF') {
    const form = ascii(b, 8, 12);
    if (form === 'WEBP') return { fileType: 'image', mimeType: 'image/webp', ext: 'webp' };
    if (form === 'WAVE') return { fileType: 'audio', mimeType: 'audio/wav', ext: 'wav' };
    return undefined;
  }
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp') {
    const brand = ascii(b, 8, 12);
    if (brand.startsWith('M4A') || brand === 'M4B ' || brand === 'M4P ') return { fileType: 'audio', mimeType: 'audio/mp4', ext: 'm4a' };
    // HEIF/AVIF stills share the ISO container; they are images this platform cannot use.
    if (['heic', 'heix', 'hevc', 'mif1', 'msf1', 'avif', 'avis'].includes(brand)) return undefined;
    if (declaredKind === 'audio') return { fileType: 'audio', mimeType: 'audio/mp4', ext: 'm4a' };
    if (brand === 'qt  ') return { fileType: 'video', mimeType: 'video/quicktime', ext: 'mov' };
    return { fileType: 'video', mimeType: 'video/mp4', ext: 'mp4' };
  }
  if (b.length >= 4 && b.readUInt32BE(0) === 0x1a45dfa3) {
    if (declaredKind === 'audio') return { fileType: 'audio', mimeType: 'audio/webm', ext: 'webm' };
    // The EBML header names its DocType near the start: "webm" or "matroska".
    const head = ascii(b, 0, Math.min(b.length, 64));
    if (head.includes('matroska')) return { fileType: 'video', mimeType: 'video/x-matroska', ext: 'mkv' };
    return { fileType: 'video', mimeType: 'video/webm', ext: 'webm' };
  }
  if (b.length >= 4 && ascii(b, 0, 4) === 'OggS') return { fileType: 'audio', mimeType: 'audio/ogg', ext: 'ogg' };
  if (b.length >= 3 && ascii(b, 0, 3) === 'ID3') return { fileType: 'audio', mimeType: 'audio/mpeg', ext: 'mp3' };
  // An MPEG audio frame: 11 sync bits, a version that is not reserved and a layer that is not 00 (ADTS AAC).
  if (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0 && (b[1]! & 0x18) !== 0x08 && (b[1]! & 0x06) !== 0) {
    return { fileType: 'audio', mimeType: 'audio/mpeg', ext: 'mp3' };
  }
  return undefined;
}

/** The same container holding sound only: an ISO or EBML file that probing found no picture in. */
export function audioOnlyFormat(format: DetectedFormat): DetectedFormat | undefined {
  if (LABELS[format.mimeType] === ISO_LABELS) return { fileType: 'audio', mimeType: 'audio/mp4', ext: 'm4a' };
  if (LABELS[format.mimeType] === EBML_LABELS) return { fileType: 'audio', mimeType: 'audio/webm', ext: 'webm' };
  return undefined;
}

/** image/…, video/… or audio/… of a Content-Type; undefined for anything else (octet-stream, PDF…). */
export function kindOfContentType(contentType: string | undefined): AssetFileType | undefined {
  const major = mediaTypeOf(contentType)?.split('/')[0];
  return major === 'image' || major === 'video' || major === 'audio' ? major : undefined;
}

/**
 * Whether the uploader's Content-Type names something other than the bytes are (a PNG label on JPEG
 * bytes, MP3 on WAV). Labels that make no claim about media (absent, octet-stream, text/plain from a
 * form) contradict nothing.
 */
export function contradictsFormat(contentType: string | undefined, format: DetectedFormat): boolean {
  const type = mediaTypeOf(contentType);
  if (!type || !kindOfContentType(type)) return false;
  return !(LABELS[format.mimeType] ?? [format.mimeType]).includes(type);
}
