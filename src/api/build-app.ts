// The Fastify application: plugins (request id, errors, auth), routes, and the OpenAPI document
// generated from the same TypeBox schemas that validate requests.
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { AppDeps } from './app-deps.js';
import { registerAuth } from './plugins/auth.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerBodyParsing } from './plugins/body-parsing.js';
import { createClientErrorHandler, createFrameworkErrorHandler, EnvelopeLookup } from './plugins/raw-http-errors.js';
import { buildRequestValidator } from './build-request-validator.js';
import { registerMetrics } from './plugins/metrics.js';
import { RequestLogController } from './plugins/request-logging.js';
import { registerIdempotency } from './plugins/idempotency.js';
import { registerRateLimit } from './plugins/rate-limit.js';
import { registerWebSession } from './plugins/web-session.js';
import { accountRoutes } from './account/index.js';
import { assetRoutes } from './assets/index.js';
import { templateRoutes } from './templates/index.js';
import { avatarRoutes } from './avatars/index.js';
import { dashboardRoutes } from './dashboard/index.js';
import { fileRoutes } from './files/index.js';
import { healthRoutes } from './health/index.js';
import { invitationPages } from './invitations/index.js';
import { mcpRoutes } from './mcp/index.js';
import { oauthRoutes } from './oauth/index.js';
import { sessionRoutes } from './session/index.js';
import { signInPages } from './sign-in/index.js';
import { spaceRoutes } from './spaces/index.js';
import { stockMediaRoutes } from './stock/index.js';
import { videoRoutes } from './videos/index.js';
import { lipsyncRoutes } from './lipsyncs/index.js';
import { videoTranslationRoutes } from './video-translations/index.js';
import { voiceRoutes } from './voices/index.js';
import { webhookRoutes } from './webhooks/index.js';

/**
 * Some clients build URLs like `https://host/v2/../v1/user/me` and send them un-normalised;
 * collapse dot segments (and doubled slashes) before routing.
 */
export function normalizeRequestUrl(url: string): string {
  const q = url.indexOf('?');
  const pathname = q < 0 ? url : url.slice(0, q);
  if (!/(^|\/)\.\.?(\/|$)|\/\//.test(pathname)) return url;
  let normalized = path.posix.normalize(pathname);
  if (!normalized.startsWith('/')) normalized = `/${normalized}`;
  return normalized + (q < 0 ? '' : url.slice(q));
}

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  // Errors raised before routing (Node's parser, the router) still answer in the route's envelope.
  const envelopes = new EnvelopeLookup();
  const app = Fastify({
    ...(deps.loggerInstance ? { loggerInstance: deps.loggerInstance } : { logger: deps.logger ?? false }),
    // One line per request instead of Fastify's two (plugins/request-logging.ts).
    logController: new RequestLogController(),
    bodyLimit: deps.bodyLimit ?? 2 * 1024 * 1024,
    rewriteUrl: (req) => normalizeRequestUrl(req.url ?? '/'),
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    // Bodies are validated as sent, query strings coerced (see build-request-validator.ts).
    schemaController: { compilersFactory: { buildValidator: buildRequestValidator } },
    clientErrorHandler: createClientErrorHandler(envelopes),
    frameworkErrors: createFrameworkErrorHandler(envelopes),
  });
  envelopes.watch(app);
  registerBodyParsing(app);

  const listener = deps.routeListener;
  if (listener) app.addHook('onRoute', (route) => listener(route));

  // Callback style, not async: this runs on every request and needs no promise.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Orator API (HeyGen-compatible)', version: '0.1.0', description: 'Self-hosted avatar videos behind the HeyGen v1/v2 API.' },
      components: { securitySchemes: { ApiKeyAuth: { type: 'apiKey', in: 'header', name: 'x-api-key' }, BearerAuth: { type: 'http', scheme: 'bearer' } } },
      security: [{ ApiKeyAuth: [] }, { BearerAuth: [] }],
    },
  });
  // swagger-ui's own routes must stay reachable without a key.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...(route.config ?? {}), public: true };
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list' } });

  registerErrorHandling(app);
  // Cookies are parsed before the auth hook, which accepts a session where no API key is sent.
  await registerWebSession(app, deps.web, (token) => deps.users.whoIsSignedIn(token));
  registerAuth(app, deps.authenticate, (token) => deps.oauth.server.checkAccessToken(token));
  registerRateLimit(app, deps.rateLimiter);
  if (deps.idempotency) registerIdempotency(app, deps.idempotency);
  // After the error handler (its 401 is rendered there), before the routes it observes.
  if (deps.metrics) registerMetrics(app, deps.metrics, { healthPort: false });

  app.get('/openapi.json', { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  // One plugin per resource, each handed only its own service.
  await app.register(healthRoutes, { readiness: deps.readiness });
  await app.register(fileRoutes, { blobs: deps.blobs, verifyBlobUrl: deps.verifyBlobUrl });
  await app.register(stockMediaRoutes);
  await app.register(videoRoutes, { videos: deps.videos, batches: deps.batches });
  await app.register(avatarRoutes, { avatars: deps.avatars });
  await app.register(voiceRoutes, { voices: deps.voices });
  await app.register(assetRoutes, { assets: deps.assets });
  await app.register(templateRoutes, { templates: deps.templates });
  await app.register(videoTranslationRoutes, { translations: deps.translations });
  await app.register(lipsyncRoutes, { lipsyncs: deps.translations.lipsyncs });
  await app.register(accountRoutes, { account: deps.account });
  await app.register(webhookRoutes, { webhooks: deps.webhooks });
  await app.register(spaceRoutes, { spaces: deps.spaces });
  await app.register(sessionRoutes, { users: deps.users });
  await app.register(signInPages, { users: deps.users });
  await app.register(invitationPages, { users: deps.users, spaces: deps.spaces });
  await app.register(oauthRoutes, { oauth: deps.oauth, users: deps.users });
  await app.register(mcpRoutes);
  await app.register(dashboardRoutes, { users: deps.users });
  await app.ready();
  return app;
}
