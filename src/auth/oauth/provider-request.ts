// Before the provider sees a request: it is told the public URL as its host and scheme (so the links it
// hands out are under ORATOR_PUBLIC_URL behind any proxy, whatever a client sent), HeyGen's alias paths
// become the provider route that answers them (the third-party refresh URL, RFC 8414 metadata), and an
// authorization (its start and its resumption after the consent page) goes without the provider's
// remembered browser session: the person is always whoever confirmed it on the consent page, signed in
// to Orator now (a remembered provider session would carry the previous person, or ask to log them out).
import type { IncomingMessage } from 'node:http';
import { OAUTH_PATHS } from './oauth-paths.js';

const PATH_ALIASES: Record<string, string> = {
  [OAUTH_PATHS.refreshAlias]: OAUTH_PATHS.token,
  [OAUTH_PATHS.metadata]: OAUTH_PATHS.openidMetadata,
};

export function prepareProviderRequest(req: IncomingMessage, publicUrl: URL): void {
  req.headers['x-forwarded-host'] = publicUrl.host;
  req.headers['x-forwarded-proto'] = publicUrl.protocol.slice(0, -1);
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  const pathname = q < 0 ? url : url.slice(0, q);
  const alias = PATH_ALIASES[pathname];
  if (alias) req.url = alias + (q < 0 ? '' : url.slice(q));
  const authorizing = pathname === OAUTH_PATHS.authorization || pathname.startsWith(`${OAUTH_PATHS.authorization}/`);
  if (authorizing && req.headers.cookie) {
    req.headers.cookie = req.headers.cookie
      .split(';')
      .filter((c) => !/^\s*_session(\.[a-z]+)?=/.test(c))
      .join(';');
  }
}
