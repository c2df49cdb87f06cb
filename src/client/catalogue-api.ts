// client.avatars, .voices, .speech, .templates, .assets and .webhooks: HeyGen's v3 routes for each.
import type {
  Asset,
  AvatarGroup,
  AvatarLook,
  CreateWebhookRequest,
  DeletedWebhook,
  GenerateFromTemplateRequest,
  ListAvatarGroupsQuery,
  ListAvatarLooksQuery,
  ListTemplatesQuery,
  ListVoicesQuery,
  ListWebhooksQuery,
  Page,
  RotatedWebhookSecret,
  Speech,
  SpeechRequest,
  Template,
  TemplateSummary,
  TemplateVideo,
  Voice,
  WebhookEndpoint,
  WebhookEventType,
} from './client-types.js';
import { errorOf, unwrap, type ClientTransport } from './client-transport.js';
import { assetUploadRequest, type UploadOptions, type UploadSource } from './asset-upload.js';

export interface AvatarsApi {
  listLooks(query?: ListAvatarLooksQuery): Promise<Page<AvatarLook>>;
  getLook(lookId: string): Promise<AvatarLook>;
  listGroups(query?: ListAvatarGroupsQuery): Promise<Page<AvatarGroup>>;
}

export interface VoicesApi {
  list(query?: ListVoicesQuery): Promise<Page<Voice>>;
}

export interface SpeechApi {
  /** POST /v3/voices/speech: an audio URL, its duration and word timings. */
  generate(body: SpeechRequest): Promise<Speech>;
}

export interface TemplatesApi {
  list(query?: ListTemplatesQuery): Promise<Page<TemplateSummary>>;
  get(templateId: string): Promise<Template>;
  /** POST /v3/templates/{id}: the video it starts (poll it with videos.waitFor). */
  generate(templateId: string, body: GenerateFromTemplateRequest, options?: { idempotencyKey?: string }): Promise<TemplateVideo>;
}

export interface AssetsApi {
  /** POST /v3/assets from a file path, a Blob, or a readable stream (streams are sent once, without retries). */
  upload(source: UploadSource, options?: UploadOptions): Promise<Asset>;
}

export interface WebhooksApi {
  list(query?: ListWebhooksQuery): Promise<Page<WebhookEndpoint>>;
  /** The answer's `secret` is shown only here (and on rotateSecret): keep it for verifyWebhook. */
  create(body: CreateWebhookRequest): Promise<WebhookEndpoint>;
  delete(endpointId: string): Promise<DeletedWebhook>;
  rotateSecret(endpointId: string): Promise<RotatedWebhookSecret>;
  eventTypes(): Promise<WebhookEventType[]>;
}

const idempotent = (key: string | undefined) => (key ? { headers: { 'idempotency-key': key } } : {});

export function createCatalogueApis(t: ClientTransport): { avatars: AvatarsApi; voices: VoicesApi; speech: SpeechApi; templates: TemplatesApi; assets: AssetsApi; webhooks: WebhooksApi } {
  const avatars: AvatarsApi = {
    listLooks: (query = {}) => unwrap(t.raw.GET('/v3/avatars/looks', { params: { query } })),
    getLook: (lookId) => unwrap(t.raw.GET('/v3/avatars/looks/{look_id}', { params: { path: { look_id: lookId } } })).then((r) => r.data),
    listGroups: (query = {}) => unwrap(t.raw.GET('/v3/avatars', { params: { query } })),
  };
  const voices: VoicesApi = { list: (query = {}) => unwrap(t.raw.GET('/v3/voices', { params: { query } })) };
  const speech: SpeechApi = { generate: (body) => unwrap(t.raw.POST('/v3/voices/speech', { body })).then((r) => r.data) };
  const templates: TemplatesApi = {
    list: (query = {}) => unwrap(t.raw.GET('/v3/templates', { params: { query } })),
    get: (templateId) => unwrap(t.raw.GET('/v3/templates/{template_id}', { params: { path: { template_id: templateId } } })).then((r) => r.data),
    generate: (templateId, body, options = {}) =>
      unwrap(t.raw.POST('/v3/templates/{template_id}', { params: { path: { template_id: templateId } }, body, ...idempotent(options.idempotencyKey) })).then((r) => r.data),
  };
  const assets: AssetsApi = {
    async upload(source, options = {}) {
      const { request, repeatable } = await assetUploadRequest(t.baseUrl, source, { ...options, idempotencyKey: options.idempotencyKey ?? t.newIdempotencyKey() });
      await t.authorize(request.headers);
      const response = await t.send(request, { retry: repeatable, timeout: false });
      if (!response.ok) throw await errorOf(response);
      return ((await response.json()) as { data: Asset }).data;
    },
  };
  const webhooks: WebhooksApi = {
    list: (query = {}) => unwrap(t.raw.GET('/v3/webhooks/endpoints', { params: { query } })),
    create: (body) => unwrap(t.raw.POST('/v3/webhooks/endpoints', { body })).then((r) => r.data),
    delete: (endpointId) => unwrap(t.raw.DELETE('/v3/webhooks/endpoints/{endpoint_id}', { params: { path: { endpoint_id: endpointId } } })).then((r) => r.data),
    rotateSecret: (endpointId) => unwrap(t.raw.POST('/v3/webhooks/endpoints/{endpoint_id}/rotate-secret', { params: { path: { endpoint_id: endpointId } } })).then((r) => r.data),
    eventTypes: () => unwrap(t.raw.GET('/v3/webhooks/event-types')).then((r) => r.data),
  };
  return { avatars, voices, speech, templates, assets, webhooks };
}
