// Errors raised before a request reaches a route: Node's HTTP parser refusing the request line or headers
// (`clientError`, e.g. a 70 KB query string) and the router refusing a path (bad percent-encoding, an
// over-long parameter). Both answer in HeyGen's envelope of the path's version, like every other error.
import http from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { OratorError } from '../../domain/errors.js';
import { apiVersionOf, errorEnvelope, type ApiVersion } from '../envelope.js';

/** Routes whose envelope is not their path's (config.envelope), as patterns over raw paths. */
export class EnvelopeLookup {
  private readonly overrides: { method: string; pattern: RegExp; envelope: ApiVersion }[] = [];

  /** Collects every route's envelope override; call before routes are added. */
  watch(app: FastifyInstance): void {
    app.addHook('onRoute', (route) => {
      const envelope = (route.config as { envelope?: ApiVersion } | undefined)?.envelope;
      if (!envelope) return;
      const source = route.url
        .split('/')
        .map((seg) => (seg.startsWith(':') ? '[^/]*' : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('/');
      for (const method of Array.isArray(route.method) ? route.method : [route.method]) this.overrides.push({ method, pattern: new RegExp(`^${source}/?$`), envelope });
    });
  }

  /** The envelope for a raw request target (path, query, or an absolute URL). */
  versionOf(method: string, target: string): ApiVersion {
    const path = target.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, '').split('?')[0] ?? '/';
    return this.overrides.find((o) => o.method === method && o.pattern.test(path))?.envelope ?? apiVersionOf(path);
  }
}

function kib(bytes: number): string {
  return `${Math.round(bytes / 1024)} KB`;
}

/** What the parser refused, as a table error. */
function clientErrorOf(err: ConnectionError, requestLineDone: boolean, maxHeaderSize: number): OratorError {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return requestLineDone
        ? new OratorError('header_fields_too_large', `Request headers exceed the ${kib(maxHeaderSize)} limit for the request line and headers`)
        : new OratorError('uri_too_long', `Request URL exceeds the ${kib(maxHeaderSize)} limit for the request line and headers`);
    case 'ERR_HTTP_REQUEST_TIMEOUT':
    case 'ERR_HTTP_HEADERS_TIMEOUT':
      return new OratorError('request_timeout');
    default:
      return new OratorError('invalid_parameter', 'Malformed HTTP request');
  }
}

/**
 * Fastify's `clientErrorHandler`: the envelope of the URL's version when the start of the request can be
 * read from the packet Node kept (`err.rawPacket`), else v3 style; always `Connection: close`, since the
 * rest of the request cannot be read.
 */
export function createClientErrorHandler(envelopes: EnvelopeLookup) {
  return function handleClientError(err: ConnectionError, socket: Socket): void {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    // Node sets a Buffer; Fastify's type describes its JSON form.
    const packet = Buffer.isBuffer(err.rawPacket) ? (err.rawPacket as Buffer) : Buffer.alloc(0);
    const head = packet.subarray(0, 4096).toString('latin1');
    const line = /^([A-Z]+) (\S+)/.exec(head);
    const version = line ? envelopes.versionOf(line[1]!, line[2]!) : 'none';
    // A packet that starts a request and holds no line break: the request line alone overflowed.
    const requestLineDone = !line || packet.includes(0x0a);
    const error = clientErrorOf(err, requestLineDone, http.maxHeaderSize);
    const { status, body } = errorEnvelope(version, error);
    const json = JSON.stringify(body);
    if (socket.writable) {
      socket.end(
        `HTTP/1.1 ${status} ${http.STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\n\r\n${json}`,
      );
    } else socket.destroy();
  };
}

/** Fastify's `frameworkErrors`: the router's refusals, before any hook or route ran. */
export function createFrameworkErrorHandler(envelopes: EnvelopeLookup) {
  return function handleFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
    const path = (request.raw.url ?? '/').split('?')[0] ?? '/';
    const shown = path.length > 200 ? `${path.slice(0, 200)}…` : path;
    let err: OratorError;
    switch (error.code) {
      case 'FST_ERR_BAD_URL':
        err = new OratorError('invalid_parameter', `The path ${shown} is not valid percent-encoding`, { param: 'path' });
        break;
      case 'FST_ERR_MAX_PARAM_LENGTH':
        err = new OratorError('invalid_parameter', `A path parameter in ${shown} is longer than ${request.server.initialConfig.maxParamLength ?? 100} characters`, { param: 'path' });
        break;
      default:
        request.log.error({ err: error }, 'router error');
        err = new OratorError('internal_error', undefined, { cause: error });
    }
    const { status, body } = errorEnvelope(envelopes.versionOf(request.method, request.raw.url ?? '/'), err);
    void reply.code(status).header('x-request-id', request.id).type('application/json; charset=utf-8').send(body);
  };
}
