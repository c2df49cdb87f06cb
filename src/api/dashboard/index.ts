// The dashboard (web/, built into dist/web by the set-up step): its files at /_app/, and index.html on
// `/` and on every path under one of the app's own pages (deep links such as /templates/<id>). Only
// those paths: every other one stays the API's, so no route and no API 404 is ever shadowed.
// Signed-out visitors go to /sign-in and come back; on an install with no accounts yet the app is
// served anyway and asks for an API key (see web/src/lib/session.svelte.ts).
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { UserService } from '../../services/users/user-service.js';
import { safeNext } from '../pages/page-scope.js';
import { signedInUserOf } from '../plugins/web-session.js';
import { DASHBOARD_CSP, DEFAULT_BUNDLE_DIR, dashboardBundleReader, indexHtmlFor, isDashboardPage } from './dashboard-bundle.js';

export interface DashboardOptions {
  users: Pick<UserService, 'listUsers'>;
  /** Where the built bundle is (dist/web unless told). */
  bundleDir?: string;
}

const HASHED_NAME = /-[A-Za-z0-9_-]{8}\.(js|css)$/;

/** Once any account exists the key sign-in is gone for good, so only "none yet" is asked again. */
function accountsExistCheck(users: DashboardOptions['users']): () => Promise<boolean> {
  let seen = false;
  return async () => (seen ||= (await users.listUsers()).length > 0);
}

function sendNotBuilt(reply: FastifyReply): FastifyReply {
  return reply
    .code(503)
    .header('cache-control', 'no-store')
    .type('text/plain; charset=utf-8')
    .send('The dashboard is not built. Run `npm run setup` (or `npx vite build --config web/vite.config.ts`) and restart Orator.\n');
}

function servePage(currentBundle: ReturnType<typeof dashboardBundleReader>, accountsExist: () => Promise<boolean>) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
    const bundle = await currentBundle();
    const pathname = request.url.split('?')[0] ?? '/';
    if (!bundle && pathname === '/') return sendNotBuilt(reply);
    if (!bundle || !isDashboardPage(pathname, bundle.pageSegments)) {
      reply.callNotFound();
      return reply;
    }
    const signedIn = await signedInUserOf(request);
    if (!signedIn && (await accountsExist())) {
      const back = safeNext(request.url) ?? '/';
      return reply.header('cache-control', 'no-store').redirect(`/sign-in?next=${encodeURIComponent(back)}`, 303);
    }
    return reply
      .header('content-security-policy', DASHBOARD_CSP)
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer')
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(indexHtmlFor(bundle, signedIn ? 'session' : 'api-key'));
  };
}

export async function dashboardRoutes(app: FastifyInstance, options: DashboardOptions): Promise<void> {
  // The pages and files are public to the API-key check: the app signs in on its own (session or key).
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), public: true };
  });
  const dir = options.bundleDir ?? DEFAULT_BUNDLE_DIR;
  const currentBundle = dashboardBundleReader(dir);
  // Files and page routes are those of the bundle at start; a bundle built later needs a restart.
  const atStart = await currentBundle();
  if (atStart) {
    await app.register(fastifyStatic, {
      root: path.join(dir, '_app'),
      prefix: '/_app/',
      decorateReply: false,
      index: false,
      cacheControl: false,
      setHeaders: (res, file) => {
        // Hashed names change with their content, so they may be kept for good; the icon may not.
        res.setHeader('cache-control', HASHED_NAME.test(file) ? 'public, max-age=31536000, immutable' : 'public, max-age=3600');
        res.setHeader('x-content-type-options', 'nosniff');
      },
    });
  }
  const handler = servePage(currentBundle, accountsExistCheck(options.users));
  const route = { schema: { hide: true } } as const;
  app.get('/', route, handler);
  // One route per page of the app rather than a catch-all: a catch-all would also take the paths the router
  // refuses for the API (an over-long path parameter is a 400 in the API's envelope, not a dashboard 404).
  for (const segment of atStart?.pageSegments ?? []) {
    app.get(`/${segment}`, route, handler);
    app.get(`/${segment}/*`, route, handler);
  }
}
