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
  'POST /v3/videos': "types 'avatar' and 'image' (a photo animated by a lips/jaw mesh warp; image by URL, talking photo id or uploaded image asset id); audio_asset_id, background and watermark asset ids from /v1/asset or /v3/assets; cinematic_avatar/studio not built; engine avatar_iv only; base64 images not accepted",
  'POST /v2/videos': 'the flat body mapped onto POST /v3/videos (avatar_id → type avatar, image_url/image_asset_id → type image); motion_prompt and expressiveness accepted and ignored; status is pending (poll GET /v2/videos/{video_id})',
  'POST /v2/video/generate': 'talking_photo characters animate the photo with a lips/jaw mesh warp (no head motion, expressions or talking_style); audio_asset_id, image_asset_id and video_asset_id take uploaded assets of the caller’s space',
  'POST /v1/talking_photo': 'JPEG, PNG or WebP body up to 10 MB; the face is checked at upload (400 when none is found)',
  'GET /v1/talking_photo.list': 'circle_image is the same link as image_url (the circle crop is made at render time)',
  'GET /v3/avatars': 'stock avatars only (one public group per avatar); ownership=private is always empty',
  'GET /v3/avatars/looks': 'stock looks only (avatar_type studio_avatar)',
  'GET /v3/voices': "local TTS voices, all listed as engine 'starfish'; no private/cloned voices",
  'GET /v1/audio/voices': 'local TTS voices only; no private voices',
  'POST /v3/voices/speech': 'WAV output; speed above 1.5 is clamped; language/locale follow the voice',
  'POST /v1/audio/text_to_speech': 'WAV output; speed above 1.5 is clamped; language/locale follow the voice',
  'GET /v2/avatars': 'stock avatars, plus the stock and uploaded talking photos; no private/trained avatars',
  'POST /v1/asset': 'raw body up to 100 MB: JPEG, PNG, WebP, MP4, MOV, WebM, MP3, WAV, M4A, OGG, the type read from the bytes; folder_id and meta always null',
  'GET /v1/asset/list': 'newest first, `limit` (≤ 100) and `token` paging (HeyGen does not document this route)',
  'POST /v3/assets': 'images, video and audio up to 32 MB, the type read from the bytes; PDF and SRT refused',
  'GET /v3/assets': 'username accepted and ignored (one owner per space); assets are never in folders: a folder_id lists nothing, folder_id= lists all',
  'GET /v3/assets/{asset_id}': 'folder_id always null',
  'GET /v1/avatar.list': 'the /v2/avatars avatar items under data.avatars (HeyGen does not pin the v1 shape); talking photos are in /v1/talking_photo.list',
  'GET /v1/voice.list': 'the /v2/voices voice items under data.list (HeyGen does not pin the v1 shape)',
  'GET /v2/avatar_group.list': 'stock avatars as PUBLIC_PHOTO groups of one look (with include_public=true), this space’s uploaded talking photos as PRIVATE groups; stock talking photos are not listed; train_status is always ready',
  'GET /v2/avatar_group/{group_id}/avatars': 'one look per group (the stock avatar or the uploaded talking photo); no motion, upscaling or sound effects',
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
