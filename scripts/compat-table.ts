// Compatibility table: every endpoint row of API-SURFACE.md section 3 against the app's real route
// table (the app built in-process, routes collected as they register). Prints Markdown; --write puts it
// in README.md between the compat-table markers.
//   node --import tsx scripts/compat-table.ts [--write]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import type { RouteOptions } from 'fastify';
import { buildApp } from '../src/api/build-app.js';
import { composePlatform } from '../src/compose.js';
import { loadConfig } from '../src/config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const START = '<!-- compat-table:start -->';
export const END = '<!-- compat-table:end -->';

/** Routes that exist but do not do everything HeyGen's does, and why. Keyed "METHOD /path/{param}". */
export const PARTIAL: Record<string, string> = {
  'POST /v3/videos': "types 'avatar' and 'image' (a photo animated by a lips/jaw mesh warp; image by URL, talking photo id, photo avatar look id or uploaded image asset id); avatar_id also takes a photo avatar look id (POST /v3/avatars); audio_asset_id, background and watermark asset ids from /v1/asset or /v3/assets; cinematic_avatar/studio not built; engine avatar_iv only; base64 images not accepted",
  'POST /v2/videos': 'the flat body mapped onto POST /v3/videos (avatar_id → type avatar, image_url/image_asset_id → type image); motion_prompt and expressiveness accepted and ignored; status is pending (poll GET /v2/videos/{video_id})',
  'POST /v2/video/generate': 'talking_photo characters animate the photo with a lips/jaw mesh warp (no head motion, expressions or talking_style); `character: {type: "photo_avatar", photo_avatar_id}` (and talking_photo_id) take photo avatar look ids; audio_asset_id, image_asset_id and video_asset_id take uploaded assets of the caller’s space',
  'POST /v1/talking_photo': 'JPEG, PNG or WebP body up to 10 MB; the face is checked at upload (400 when none is found)',
  'GET /v1/talking_photo.list': 'circle_image is the same link as image_url (the circle crop is made at render time)',
  'GET /v3/avatars': 'this space’s photo avatars (ownership=private, listed first) and the stock avatars (public, one group per avatar); no digital twins',
  'GET /v3/avatars/looks': 'this space’s photo avatar looks (avatar_type photo_avatar) and the stock looks (studio_avatar)',
  'GET /v3/avatars/{group_id}': 'a stock avatar or one of this space’s photo avatar groups',
  'POST /v3/avatars': "type 'photo' only (file by URL, asset_id, a generated picture's image_key, or base64 up to 32 MB; avatar_group_id adds a look): group and look are processing until the look's job has checked the face (40004/40005/40006 in the look's error otherwise), photo_avatar_generation.success/.fail; digital_twin and prompt are refused",
  'POST /v3/avatars/{group_id}/consent': 'no consent page or reviewer here: the consent is recorded as given at once (consent_status approved) and url links the group’s own resource; consent_text is checked (no < or >) and not shown anywhere',
  'PATCH /v3/avatars/looks/{look_id}': 'photo avatar looks; stock looks are read-only (403)',
  'DELETE /v3/avatars/looks/{look_id}': 'photo avatar looks and their pictures; stock looks are read-only (403); videos already queued with the look fail',
  'DELETE /v3/avatars/{group_id}': 'a photo avatar group, its looks and their pictures; stock avatars are read-only (403)',
  'GET /v3/voices': "local TTS voices, all listed as engine 'starfish'; no private/cloned voices",
  'GET /v1/audio/voices': 'local TTS voices only; no private voices',
  'POST /v3/voices/speech': 'WAV output; speed above 1.5 is clamped; language/locale follow the voice',
  'POST /v1/audio/text_to_speech': 'WAV output; speed above 1.5 is clamped; language/locale follow the voice',
  'GET /v2/avatars': 'stock avatars, plus the stock and uploaded talking photos and this space’s completed photo avatar looks (as talking_photos); no trained video avatars',
  'POST /v1/asset': 'raw body up to 100 MB: JPEG, PNG, WebP, MP4, MOV, WebM, MP3, WAV, M4A, OGG, the type read from the bytes; folder_id and meta always null',
  'GET /v1/asset/list': 'newest first, `limit` (≤ 100) and `token` paging (HeyGen does not document this route)',
  'POST /v3/assets': 'images, video and audio up to 32 MB, the type read from the bytes; PDF and SRT refused',
  'GET /v3/assets': 'username accepted and ignored (one owner per space); assets are never in folders: a folder_id lists nothing, folder_id= lists all',
  'GET /v3/assets/{asset_id}': 'folder_id always null',
  'GET /v1/avatar.list': 'the /v2/avatars avatar items under data.avatars (HeyGen does not pin the v1 shape); talking photos are in /v1/talking_photo.list',
  'GET /v1/voice.list': 'the /v2/voices voice items under data.list (HeyGen does not pin the v1 shape)',
  'GET /v2/avatar_group.list': 'this space’s photo avatar groups (train_status empty until trained) and uploaded talking photos as PRIVATE groups, then (with include_public=true) the stock avatars as PUBLIC_PHOTO groups of one look; stock talking photos are not listed',
  'GET /v2/avatar_group/{group_id}/avatars': 'a photo avatar group’s looks (motion and upscaled ones too, with Orator’s progress and error), or the one look of a stock avatar or uploaded talking photo; no sound effects',
  'POST /v2/photo_avatar/photo/generate': 'no image model runs on this server: the pictures are illustrated presenters drawn with the stock avatar artwork from the attributes (skin tone from ethnicity, age cues, hair, outfit, glasses, beard, hijab and backdrop from words in appearance; style tones the drawing), four per generation, each checked like a photo and usable as a look at once; the answer says so (illustrated: true, note)',
  'POST /v2/photo_avatar/look/generate': 'no image model: the trained group’s own photo re-framed for the orientation and each pose and toned for the style, four pictures; the prompt is kept, not drawn',
  'GET /v2/photo_avatar/generation/{generation_id}': 'status pending → processing → success or failed (with msg); image_key_list feeds avatar_group/create and /add; adds progress, illustrated and note',
  'POST /v2/photo_avatar/avatar_group/create': 'image_key from POST /v1/asset or a generation; the first look’s id is the group’s id; pending until its job has checked the face (a generated picture’s look is completed at once)',
  'POST /v2/photo_avatar/avatar_group/add': 'image_keys from POST /v1/asset or a generation (up to 20); answers photo_avatar_list',
  'POST /v2/photo_avatar/train': 'no model is trained (the photo rig animates a look as it is): every completed look’s face is checked again and the group becomes ready; answers flow_id; photo_avatar_train.success/.fail',
  'GET /v2/photo_avatar/train/status/{group_id}': 'status empty, pending, training, ready or failed, with error_msg and progress',
  'POST /v2/photo_avatar/add_motion': 'a new look (is_motion) of the same picture with a rendered 3 s motion preview (motion_preview_url); every photo look already blinks and sways when it talks; prompt and motion_type are accepted and not acted on; photo_avatar_add_motion.success/.fail',
  'POST /v2/photo_avatar/upscale': 'the look’s picture enlarged 2x in place with Lanczos 3 resampling (sharp), up to 4096 px; no super-resolution model',
  'GET /v2/photo_avatar/{id}': 'adds Orator’s progress (0–100) and error {code, message}; status pending (also while processing), completed or failed',
  'DELETE /v2/photo_avatar/{id}': 'the look and its pictures; videos already queued with it fail',
  'GET /v2/avatar/{avatar_id}/details': 'stock avatars only',
  'GET /v2/voices/locales': 'one entry per locale of the local TTS voices; value and label are the locale’s English name',
  'GET /v2/templates': 'this space’s templates (authored with Orator’s POST /v3/templates) and four stock ones; thumbnail_image_url links a render of the first scene from the defaults (null while it is first being made)',
  'GET /v3/templates': 'this space’s templates and four stock ones (`ownership` stock or private); thumbnail_url links a render of the first scene from the defaults (null while it is first being made)',
  'GET /v3/templates/{template_id}': 'thumbnail_url: the first scene rendered from the defaults; adds Orator’s `document` and `ownership`',
  'GET /v3/template/{template_id}': 'the same body as GET /v3/templates/{template_id}',
  'POST /v2/template/{template_id}/generate': 'an ordinary video: the avatar speaks the substituted script; shape/text/image layers in their start/end spans with fade/slide/scale entrances and exits, video layers (trim, loop, own sound), music ducked under the speech, fade/slide scene transitions; talking-photo characters refused; `test` renders normally',
  'POST /v3/templates/{template_id}': 'variables, scene_ids (select/reorder/repeat), dimension, fps 25/30/60, caption, callback_*; data is HeyGen’s Video resource (id, status) plus video_id; rendered like v2 generate (layer timing, animations, video and audio layers, transitions); subtitles, brand_voice_id, include_gif, enable_sharing accepted and not acted on',
  'GET /v3/videos/statuses': 'video_ids and batch_ids (each batch expands to its items, with item_index and batch_id); unknown and other spaces’ ids answer not_found; every entry in one answer (has_more is always false)',
  'GET /oauth/authorize': 'authorization code with PKCE S256 (required of public clients); the person signs in to Orator and a consent page names the app, its redirect URI, what it may do (scopes read, write, manage_space; read write when none is asked) and the space it acts on',
  'POST /v1/oauth/refresh_token': 'the token endpoint under the refresh path third-party integrations use; grant_type=refresh_token must be sent',
  'POST /v1/oauth/register': 'RFC 7591, no API key; an empty body (HeyGen’s n8n node) makes a confidential client whose first redirect URI is then bound for good; a public client must list its redirect URIs',
  'POST /v3/videos/batches': 'up to 100 POST /v3/videos bodies, plus Orator’s template items ({type: "template", template_id, …the POST /v3/templates/{id} body}); a malformed item refuses the batch, an item its service refuses fails alone; answers the batch itself; batch.finished to callback_url and subscribed endpoints (payload: the batch’s status and counts, HeyGen documents none)',
  // Video translation (issue 14, first slice).
  'POST /v2/video_translate': 'Orator renders of the caller’s space are re-rendered with the new speech (the avatar’s mouth speaks it); other footage must speak English (pocketsphinx), gets the new speech and its mouth re-drawn to it where a face is tracked (from the speech’s loudness); Apertium rule-based translation offline, or a configured OpenAI-compatible chat or LibreTranslate endpoint; voice_id (Orator) picks the voice; speaker_num, mode, brand_voice_id, srt_url, start_time/end_time and fps_mode accepted and not acted on; captions always made',
  'GET /v2/video_translate/{video_translate_id}': 'status pending/running/success/failed with url, caption_url, audio_url, message; adds stage, progress, error (HeyGen’s code), translated_script and engines',
  'GET /v2/video_translate/target_languages': 'the codes an installed translation pair and a voice allow (es and ca with Debian’s Apertium pairs), plus each one’s name, source languages and voices, and what kind of translation it is (rule-based)',
  'POST /v3/video-translations': 'video by url or asset_id; as POST /v2/video_translate (re-render for Orator renders; other footage re-voiced, its mouth re-drawn where a face is tracked); audio, srt and brand_glossary_id not acted on',
  'GET /v3/video-translations/languages': 'as GET /v2/video_translate/target_languages',
  'GET /v3/video-translations/{video_translation_id}': 'HeyGen’s fields, plus stage, progress, error, translated_script and engines',
  // Proofreads and lip-sync (issue 14, second slice).
  'POST /v2/video_translate/proofread': 'path not pinned by HeyGen (third-party code only): video_url, output_language(s), srt_url as the source transcript; answers proofread_id; status at GET /v2/video_translate/proofread/{proofread_id}',
  'POST /v3/video-translations/proofreads': 'stops at the translated text (translated and source SRTs); srt (url or asset_id) replaces speech recognition; brand_glossary_id, enable_video_stretching, enable_speech_enhancement and keep_the_same_format accepted and not acted on; submitted_for_review always false',
  'PUT /v3/video-translations/proofreads/{proofread_id}/srt': 'srt by url, asset_id or Orator’s inline {type: text}; read strictly: 400672 SRT_FILE_ERROR names the line',
  'POST /v3/video-translations/proofreads/{proofread_id}/generate': 'a video translation speaking the edited words at their times; captions always made',
  'POST /v3/lipsyncs': 'audio, or Orator’s script + voice_id; a one-scene Orator render is re-rendered with it (mouth in sync); other videos get the new sound and their mouth re-drawn to it where a face is tracked (audio replacement only where none is); mode, start_time/end_time, enable_* and fps_mode accepted and not acted on; events video_translate.success/.fail with lipsync_id (HeyGen names none)',
  'GET /v3/lipsyncs/{lipsync_id}': 'HeyGen’s fields, plus caption_url, audio_url, stage, progress, engines (resync says re-rendered or audio replaced only) and error',
  'GET /v3/lipsyncs/statuses': 'lipsync_ids only (batch_ids: 400, lip-sync batches are not built)',
  'GET /v3/video-translations/statuses': 'video_translation_ids only (batch_ids: 400, translation batches are not built)',
};

export interface SurfaceRow {
  method: string;
  path: string;
  version: string;
}

/** Rows like "| GET | `/v2/avatars` | v2 | …" in section 3; a cell may name several methods or paths. */
export function parseSurface(markdown: string): SurfaceRow[] {
  const start = markdown.indexOf('\n## 3.');
  const end = markdown.indexOf('\n## 4.', start);
  const section = markdown.slice(start, end < 0 ? undefined : end);
  const rows: SurfaceRow[] = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || !/^[A-Z]+(\/[A-Z]+)*$/.test(cells[1] ?? '')) continue;
    const paths = [...(cells[2] ?? '').matchAll(/`([^`]+)`/g)].map((m) => m[1]!.replace(/^https?:\/\/[^/]+/, '').replace(/^wss:\/\/<host>/, '').split('?')[0]!);
    for (const method of cells[1]!.split('/')) for (const p of paths) if (p.startsWith('/')) rows.push({ method, path: p, version: cells[3] ?? '' });
  }
  return rows;
}

const shape = (p: string) => p.replace(/\{[^}]+\}|<[^>]+>|:[A-Za-z_]+/g, '{}');

export async function collectRoutes(): Promise<Set<string>> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'orator-compat-'));
  const routes = new Set<string>();
  try {
    const config = { ...loadConfig({ ORATOR_DATA_DIR: dataDir }), rateLimitPerMinute: 0 };
    const platform = await composePlatform(config, { migrate: true, logger: pino({ level: 'silent' }) });
    const listener = (r: RouteOptions) => {
      for (const m of [r.method].flat()) routes.add(`${m} ${shape(r.url)}`);
    };
    const app = await buildApp({ ...platform.appDeps, routeListener: listener });
    await app.close();
    await platform.close();
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return routes;
}

export function renderTable(rows: SurfaceRow[], routes: Set<string>): string {
  const seen = new Set<string>();
  const out = ['| Method | Path | Version | State | Note |', '|---|---|---|---|---|'];
  for (const r of rows) {
    const id = `${r.method} ${r.path}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const exists = routes.has(`${r.method} ${shape(r.path)}`);
    const partial = PARTIAL[id];
    const state = !exists ? 'not yet' : partial ? 'partial' : 'supported';
    out.push(`| ${r.method} | \`${r.path}\` | ${r.version} | ${state} | ${exists ? (partial ?? '') : ''} |`);
  }
  return out.join('\n');
}

export function surfacePath(): string {
  const candidates = [path.resolve(root, '../shared/reference/heygen/API-SURFACE.md'), path.resolve(root, 'shared/reference/heygen/API-SURFACE.md')];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`API-SURFACE.md not found (looked in ${candidates.join(', ')})`);
  return found;
}

export async function buildCompatTable(): Promise<string> {
  return renderTable(parseSurface(fs.readFileSync(surfacePath(), 'utf8')), await collectRoutes());
}

export function replaceBetweenMarkers(readme: string, table: string): string {
  const block = `${START}\n${table}\n${END}`;
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) return `${readme.replace(/\n*$/, '\n')}\n## HeyGen compatibility\n\n${block}\n`;
  return readme.slice(0, a) + block + readme.slice(b + END.length);
}

export function tableInReadme(readme: string): string | undefined {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  return a < 0 || b < a ? undefined : readme.slice(a + START.length, b).trim();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const table = await buildCompatTable();
  if (process.argv.includes('--write')) {
    const readmePath = path.join(root, 'README.md');
    const readme = fs.existsSync(readmePath) ? fs.readFileSync(readmePath, 'utf8') : '# Orator\n';
    fs.writeFileSync(readmePath, replaceBetweenMarkers(readme, table));
    console.log(`README.md compat table updated (${table.split('\n').length - 2} endpoints)`);
  } else {
    console.log(table);
  }
}
