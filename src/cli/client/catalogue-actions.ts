// `orator avatars`, `voices`, `templates list|get|generate`, `assets upload`, `webhooks list|add|delete`.
import fs from 'node:fs';
import type { GenerateFromTemplateRequest, Template } from '../../client/index.js';
import { UsageError, type ClientContext } from './client-context.js';
import { waitAndFetch, type WaitFlags } from './video-actions.js';

export interface PageFlags {
  limit?: string;
  token?: string;
}

const pageQuery = (o: PageFlags) => ({ ...(o.limit ? { limit: Number(o.limit) } : {}), ...(o.token ? { token: o.token } : {}) });

function moreNote(ctx: ClientContext, page: { has_more: boolean; next_token: string | null }): void {
  if (!ctx.json && page.has_more) ctx.note(`more: --token ${page.next_token}`);
}

export async function listAvatars(ctx: ClientContext, o: PageFlags & { group?: string; type?: 'studio_avatar' | 'digital_twin' | 'photo_avatar' }): Promise<void> {
  const page = await ctx.client.avatars.listLooks({ ...pageQuery(o), ...(o.group ? { group_id: o.group } : {}), ...(o.type ? { avatar_type: o.type } : {}) });
  ctx.print(page, () => page.data.map((l) => [l.id, l.name, l.avatar_type, l.gender ?? '', l.default_voice_id ?? ''].join('\t')));
  moreNote(ctx, page);
}

export async function listVoices(ctx: ClientContext, o: PageFlags & { lang?: string; gender?: string }): Promise<void> {
  const page = await ctx.client.voices.list({ ...pageQuery(o), ...(o.lang ? { language: o.lang } : {}), ...(o.gender ? { gender: o.gender } : {}) });
  ctx.print(page, () => page.data.map((v) => [v.voice_id, v.name, v.language, v.gender].join('\t')));
  moreNote(ctx, page);
}

export async function listTemplates(ctx: ClientContext, o: PageFlags): Promise<void> {
  const page = await ctx.client.templates.list(pageQuery(o));
  ctx.print(page, () => page.data.map((t) => [t.id, t.name, t.aspect_ratio].join('\t')));
  moreNote(ctx, page);
}

export async function getTemplate(ctx: ClientContext, id: string): Promise<void> {
  const t = await ctx.client.templates.get(id);
  ctx.print(t, () => [
    `template_id\t${t.id}`,
    `name\t${t.name}`,
    `aspect_ratio\t${t.aspect_ratio}`,
    ...Object.values(t.variables).map((v) => `variable\t${v.name}\t${v.type}\t${JSON.stringify(v.properties)}`),
    `scene_ids\t${t.scene_ids.join(',')}`,
  ]);
}

/**
 * `--var name=value` in the shape the template's variable takes: text is the content; image, video and
 * audio a URL or an asset id; character an avatar id; voice a voice id.
 */
export function templateVariables(template: Pick<Template, 'id' | 'variables'>, pairs: string[]): NonNullable<GenerateFromTemplateRequest['variables']> {
  const out: Record<string, unknown> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--var takes name=value; got "${pair}"`);
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const variable = template.variables[name];
    if (!variable) throw new UsageError(`Template ${template.id} has no variable "${name}" (it has: ${Object.keys(template.variables).join(', ') || 'none'})`);
    const media = /^https?:\/\//i.test(value) ? { url: value } : { asset_id: value };
    const properties: Record<string, unknown> =
      variable.type === 'text' ? { content: value }
      : variable.type === 'character' ? { character_id: value, type: 'avatar' }
      : variable.type === 'voice' ? { voice_id: value }
      : media;
    out[name] = { name, type: variable.type, properties };
  }
  return out as NonNullable<GenerateFromTemplateRequest['variables']>;
}

export async function generateFromTemplate(ctx: ClientContext, id: string, o: WaitFlags & { var?: string[]; title?: string; caption?: boolean }): Promise<void> {
  const template = await ctx.client.templates.get(id);
  const body: GenerateFromTemplateRequest = { variables: templateVariables(template, o.var ?? []) };
  if (o.title) body.title = o.title;
  if (o.caption) body.caption = true;
  const made = await ctx.client.templates.generate(id, body);
  if (!o.wait && !o.out) {
    ctx.print(made, () => [`video_id\t${made.video_id}`, `status\t${made.status}`]);
    return;
  }
  await waitAndFetch(ctx, made.video_id, o);
}

export async function uploadAsset(ctx: ClientContext, file: string): Promise<void> {
  const source = file === '-' ? process.stdin : file;
  if (file !== '-' && !fs.existsSync(file)) throw new UsageError(`No file at ${file}`);
  const asset = await ctx.client.assets.upload(source, file === '-' ? { filename: 'stdin' } : {});
  ctx.print(asset, () => [`asset_id\t${asset.asset_id}`, `url\t${asset.url}`, `mime_type\t${asset.mime_type}`, `size_bytes\t${asset.size_bytes}`]);
}

export async function listWebhooks(ctx: ClientContext, o: PageFlags): Promise<void> {
  const page = await ctx.client.webhooks.list(pageQuery(o));
  ctx.print(page, () => page.data.map((w) => [w.endpoint_id, w.status, w.url, (w.events ?? ['*']).join(',')].join('\t')));
  moreNote(ctx, page);
}

export async function addWebhook(ctx: ClientContext, url: string, o: { events?: string }): Promise<void> {
  const events = o.events ? o.events.split(',').map((e) => e.trim()).filter((e) => e !== '') : null;
  const endpoint = await ctx.client.webhooks.create({ url, events });
  ctx.print(endpoint, () => [`endpoint_id\t${endpoint.endpoint_id}`, `url\t${endpoint.url}`, `secret\t${endpoint.secret ?? ''}`]);
  if (!ctx.json) ctx.note('the secret is shown only now: keep it to verify deliveries (verifyWebhook in the client SDK)');
}

export async function deleteWebhook(ctx: ClientContext, id: string): Promise<void> {
  const r = await ctx.client.webhooks.delete(id);
  ctx.print(r, () => [`deleted\t${r.endpoint_id}`]);
}
