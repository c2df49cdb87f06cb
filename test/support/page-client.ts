// A browser stand-in for the server-rendered pages over inject(): keeps cookies between requests (as
// Set-Cookie says, including deletion), reads the CSRF token out of the last page's form, and posts
// forms the way a browser does (application/x-www-form-urlencoded).
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';

export interface PageResponse {
  status: number;
  body: string;
  headers: LightMyRequestResponse['headers'];
  location: string | undefined;
}

let clients = 0;
/** Each client its own address by default, so the per-address sign-in limit of one test never spills into another. */
const nextAddress = () => `10.0.${(++clients >> 8) & 255}.${clients & 255}`;

export class PageClient {
  readonly cookies = new Map<string, string>();
  /** The `_csrf` value of the last page that had a form. */
  csrf: string | undefined;

  constructor(
    private readonly app: FastifyInstance,
    readonly remoteAddress = nextAddress(),
  ) {}

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private remember(r: LightMyRequestResponse): PageResponse {
    const setCookie = r.headers['set-cookie'];
    for (const line of setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*expires=/i.test(a) && new Date(a.split('=')[1]!).getTime() < Date.now()) || attrs.some((a) => /^\s*max-age=0/i.test(a));
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(r.body)?.[1];
    if (token) this.csrf = token;
    return { status: r.statusCode, body: r.body, headers: r.headers, location: r.headers.location as string | undefined };
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<PageResponse> {
    return this.remember(await this.app.inject({ method: 'GET', url, remoteAddress: this.remoteAddress, headers: { cookie: this.cookieHeader(), ...headers } }));
  }

  /** Posts a form; the last page's CSRF token goes with it unless `_csrf` is given (or null to send none). */
  async post(url: string, fields: Record<string, string | null>): Promise<PageResponse> {
    const body = new URLSearchParams();
    const withToken = { _csrf: this.csrf ?? null, ...fields };
    for (const [k, v] of Object.entries(withToken)) if (v !== null) body.set(k, v);
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        remoteAddress: this.remoteAddress,
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: body.toString(),
      }),
    );
  }

  /** A JSON API call carrying this browser's cookies (and, when asked, the X-CSRF-Token header). */
  async api(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, options: { body?: unknown; csrf?: string } = {}) {
    return this.app.inject({
      method,
      url,
      remoteAddress: this.remoteAddress,
      headers: { cookie: this.cookieHeader(), ...(options.csrf ? { 'x-csrf-token': options.csrf } : {}), ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
    });
  }

  /** Signs in through the page: GET the form (for its token), then post it. */
  async signIn(email: string, password: string, next?: string): Promise<PageResponse> {
    await this.get(next ? `/sign-in?next=${encodeURIComponent(next)}` : '/sign-in');
    return this.post('/sign-in', { email, password, ...(next ? { next } : {}) });
  }

  /** The CSRF token for cookie-authenticated API calls (GET /v3/session). */
  async apiCsrf(): Promise<string> {
    const r = await this.api('GET', '/v3/session');
    return (r.json() as { data: { csrf_token: string } }).data.csrf_token;
  }
}

/** The page body without the per-response CSRF token, for comparing two answers. */
export function withoutCsrf(body: string): string {
  return body.replace(/name="_csrf" value="[^"]+"/g, 'name="_csrf" value=""');
}
