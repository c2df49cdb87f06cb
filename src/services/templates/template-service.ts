// Templates (issue #12, first slice): a space's own templates, authored as JSON documents through
// POST/PUT/DELETE /v3/templates, listed together with the read-only stock templates every space sees.
// Generation (generate-from-template.ts) makes ordinary videos; thumbnails come from template-thumbnails.ts.
import { randomBytes } from 'node:crypto';
import { OratorError } from '../../domain/errors.js';
import type { AspectRatio, TemplateDocument } from '../../domain/template.js';
import { decodePageToken, pageOf, type PageCursor } from '../page-token.js';
import type { Clock } from '../ports.js';
import { stockMediaBase } from './stock-media.js';
import { stockTemplates } from './stock-templates.js';
import type { TemplateRecord, TemplateStore } from './template-ports.js';
import { validateTemplate } from './validate-template.js';
import type { TemplateThumbnails } from './template-thumbnails.js';
import { generateFromTemplate, generationUnavailable, type GenerateFromTemplateInput, type TemplateVideoDeps } from './generate-from-template.js';

export interface TemplateDeps {
  store: TemplateStore;
  clock: Clock;
  /** Base of the links handed out (config.publicUrl): the stock templates' media URLs are under it. */
  publicUrl: string;
  /** What generation stores videos with; absent where only authoring is wired. */
  videos?: Omit<TemplateVideoDeps, 'stockMediaBase'>;
  /** Renders and links thumbnails; absent = thumbnailUrl null. */
  thumbnails?: Pick<TemplateThumbnails, 'url' | 'urlIfReady'>;
}

/** What every template route answers from; the routes pick their fields. */
export interface TemplateView {
  id: string;
  name: string;
  aspectRatio: AspectRatio;
  /** Stock templates are listed in every space and cannot be replaced or deleted. */
  ownership: 'stock' | 'private';
  document: TemplateDocument;
  /** Epoch milliseconds. */
  createdAt: number;
  updatedAt: number;
  /** A signed link to the first scene rendered from the defaults; null while it is being made or when the defaults cannot render. */
  thumbnailUrl: string | null;
}

export interface TemplatePage {
  templates: TemplateView[];
  nextToken: string | null;
}

function ownView(r: TemplateRecord): TemplateView {
  return { id: r.id, name: r.name, aspectRatio: r.aspectRatio, ownership: 'private', document: r.document, createdAt: r.createdAt, updatedAt: r.updatedAt, thumbnailUrl: null };
}

function stockViews(publicUrl: string): TemplateView[] {
  return stockTemplates(publicUrl).map((s) => ({
    id: s.id,
    name: s.document.name,
    aspectRatio: s.document.aspect_ratio,
    ownership: 'stock',
    document: s.document,
    createdAt: s.createdAt,
    updatedAt: s.createdAt,
    thumbnailUrl: null,
  }));
}

function stockTemplate(deps: TemplateDeps, id: string): TemplateView | undefined {
  return stockViews(deps.publicUrl).find((s) => s.id === id);
}

function newerFirst(a: PageCursor, b: PageCursor): number {
  return b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** Whether the view sorts after the cursor (newer-first order), i.e. belongs to a later page. */
function isAfter(view: TemplateView, cursor: PageCursor | undefined): boolean {
  return !cursor || newerFirst(cursor, view) < 0;
}

function notFound(id: string): OratorError {
  return new OratorError('template_not_found', `Template ${id} not found`, { param: 'template_id' });
}

function readOnly(id: string): OratorError {
  return new OratorError('forbidden', `Template ${id} is a stock template and cannot be changed or deleted; create your own copy with POST /v3/templates`, { param: 'template_id' });
}

/**
 * Newest first, the space's own templates and then the stock ones (older than any), on one
 * (createdAt, id) cursor, so a page continues exactly where the last one stopped.
 */
export async function listTemplates(deps: TemplateDeps, spaceId: string, limit: number, token?: string): Promise<TemplatePage> {
  const after = token ? decodePageToken(token) : undefined;
  const own = (await deps.store.list(spaceId, limit + 1, after)).map(ownView);
  const merged = [...own, ...stockViews(deps.publicUrl).filter((s) => isAfter(s, after))].sort(newerFirst).slice(0, limit + 1);
  const page = pageOf(merged, limit, (v) => v);
  return { templates: page.items, nextToken: page.nextToken };
}

/** Every template of the space (v2 lists without paging). */
export async function listAllTemplates(deps: TemplateDeps, spaceId: string): Promise<TemplateView[]> {
  const all: TemplateView[] = [];
  let token: string | undefined;
  do {
    const page = await listTemplates(deps, spaceId, 100, token);
    all.push(...page.templates);
    token = page.nextToken ?? undefined;
  } while (token);
  return all;
}

export async function getTemplate(deps: TemplateDeps, spaceId: string, id: string): Promise<TemplateView> {
  const stock = stockTemplate(deps, id);
  if (stock) return stock;
  const own = await deps.store.find(spaceId, id);
  if (!own) throw notFound(id);
  return ownView(own);
}

export async function createTemplate(deps: TemplateDeps, spaceId: string, body: unknown): Promise<TemplateView> {
  const document = validateTemplate(body);
  const now = deps.clock.now();
  const record: TemplateRecord = { id: randomBytes(16).toString('hex'), spaceId, name: document.name, aspectRatio: document.aspect_ratio, document, createdAt: now, updatedAt: now };
  await deps.store.insert(record);
  return ownView(record);
}

/** Replaces the whole document; the id and creation time stay. */
export async function replaceTemplate(deps: TemplateDeps, spaceId: string, id: string, body: unknown): Promise<TemplateView> {
  if (stockTemplate(deps, id)) throw readOnly(id);
  const existing = await deps.store.find(spaceId, id);
  if (!existing) throw notFound(id);
  const document = validateTemplate(body);
  const record: TemplateRecord = { ...existing, name: document.name, aspectRatio: document.aspect_ratio, document, updatedAt: Math.max(deps.clock.now(), existing.createdAt) };
  if (!(await deps.store.replace(record))) throw notFound(id);
  return ownView(record);
}

export async function deleteTemplate(deps: TemplateDeps, spaceId: string, id: string): Promise<void> {
  if (stockTemplate(deps, id)) throw readOnly(id);
  if (!(await deps.store.delete(spaceId, id))) throw notFound(id);
}

/** What the template routes (v2 /v2/template*, v3 /v3/template*) call. */
export interface TemplateService {
  list(spaceId: string, limit: number, token?: string): Promise<TemplatePage>;
  listAll(spaceId: string): Promise<TemplateView[]>;
  get(spaceId: string, id: string): Promise<TemplateView>;
  /** `body` is the client's JSON; a 400 names the offending field's JSON path. */
  create(spaceId: string, body: unknown): Promise<TemplateView>;
  replace(spaceId: string, id: string, body: unknown): Promise<TemplateView>;
  delete(spaceId: string, id: string): Promise<void>;
  /** A video from the template and the caller's variables; a 400 names the offending variable. */
  generate(spaceId: string, id: string, input: GenerateFromTemplateInput): Promise<{ video_id: string }>;
}

/**
 * Thumbnails: a single template (read, created, replaced) waits for its own; a list links the ones already
 * made and starts the rest, so listing never waits on renders.
 */
function withThumbnail(deps: TemplateDeps, spaceId: string, wait: boolean) {
  return async (view: TemplateView): Promise<TemplateView> => {
    if (!deps.thumbnails) return view;
    const url = wait ? await deps.thumbnails.url(spaceId, view.document) : await deps.thumbnails.urlIfReady(spaceId, view.document);
    return { ...view, thumbnailUrl: url };
  };
}

export function createTemplateService(deps: TemplateDeps): TemplateService {
  const one = (spaceId: string) => withThumbnail(deps, spaceId, true);
  const many = (spaceId: string) => withThumbnail(deps, spaceId, false);
  return {
    list: async (spaceId, limit, token) => {
      const page = await listTemplates(deps, spaceId, limit, token);
      return { ...page, templates: await Promise.all(page.templates.map(many(spaceId))) };
    },
    listAll: async (spaceId) => Promise.all((await listAllTemplates(deps, spaceId)).map(many(spaceId))),
    get: async (spaceId, id) => one(spaceId)(await getTemplate(deps, spaceId, id)),
    create: async (spaceId, body) => one(spaceId)(await createTemplate(deps, spaceId, body)),
    replace: async (spaceId, id, body) => one(spaceId)(await replaceTemplate(deps, spaceId, id, body)),
    delete: (spaceId, id) => deleteTemplate(deps, spaceId, id),
    generate: async (spaceId, id, input) => {
      const template = await getTemplate(deps, spaceId, id);
      if (!deps.videos) throw generationUnavailable();
      return generateFromTemplate({ ...deps.videos, stockMediaBase: stockMediaBase(deps.publicUrl) }, spaceId, template.document, input);
    },
  };
}
