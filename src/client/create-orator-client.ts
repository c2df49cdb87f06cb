// The client: one object per server and credential, holding the resource APIs. `raw` is the generated,
// fully typed openapi-fetch client for any route the hand-written surface does not wrap.
import type { Client } from 'openapi-fetch';
import { createCatalogueApis, type AssetsApi, type AvatarsApi, type SpeechApi, type TemplatesApi, type VoicesApi, type WebhooksApi } from './catalogue-api.js';
import { createClientTransport, type OratorClientOptions } from './client-transport.js';
import type { paths } from './generated/orator-api.js';
import { createVideosApi, type VideosApi } from './videos-api.js';

export interface OratorClient {
  baseUrl: string;
  videos: VideosApi;
  avatars: AvatarsApi;
  voices: VoicesApi;
  speech: SpeechApi;
  templates: TemplatesApi;
  assets: AssetsApi;
  webhooks: WebhooksApi;
  raw: Client<paths>;
}

export function createOratorClient(options: OratorClientOptions = {}): OratorClient {
  const transport = createClientTransport(options);
  return { baseUrl: transport.baseUrl, videos: createVideosApi(transport), ...createCatalogueApis(transport), raw: transport.raw };
}
