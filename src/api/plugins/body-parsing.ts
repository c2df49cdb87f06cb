// Request bodies, the way HTTP clients actually send them: an empty body is no body whatever its
// Content-Type (SDKs send `Content-Type: application/json` on every DELETE), JSON nested beyond a sane
// depth is refused before it is parsed (deep values overflow the stack in every recursive walker after
// the parser), and a non-JSON body on a JSON route is answered with the Content-Type it must have.
import type { FastifyInstance, FastifyRequest, preValidationHookHandler } from 'fastify';
import { OratorError } from '../../domain/errors.js';

/** HeyGen bodies nest five or six levels; this leaves room for any real client and none for a bomb. */
export const MAX_JSON_DEPTH = 32;

/** Whether `text` (JSON) opens more than `limit` objects/arrays at once; brackets inside strings do not count. */
export function jsonNestsDeeperThan(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

function hasBodySchema(request: FastifyRequest): boolean {
  return request.routeOptions.schema?.body !== undefined;
}

function mediaTypeOf(request: FastifyRequest): string {
  return request.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? '';
}

/** RFC 9110 `type/subtype` with optional parameters; Fastify answers 415 before any parser otherwise. */
const MEDIA_TYPE = /^[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+\s*(;.*)?$/;

function hasNoBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] === undefined && (length === undefined || length === '0');
}

/** The route's schema then reports each missing field by name instead of "body must be object". */
const emptyBodyAsObject: preValidationHookHandler = (request, _reply, done) => {
  if (request.body === undefined) request.body = {};
  done();
};

export function registerBodyParsing(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  // text/plain goes too: a JSON route must not receive a string, and no route reads plain text.
  app.removeContentTypeParser(['application/json', 'text/plain']);

  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, raw, done) => {
    const text = raw as string;
    // An unknown route is a 404 whatever it was sent.
    if (request.is404 || text.trim() === '') return done(null, undefined);
    if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) {
      return done(new OratorError('invalid_json', `Request body nests objects or arrays deeper than ${MAX_JSON_DEPTH} levels`, { param: 'body' }), undefined);
    }
    parseJson(request, text, (error, body) => {
      if (!error) return done(null, body);
      // Fastify's error drops the parser's reason; say where the JSON breaks (or that it smuggles a prototype).
      let reason = 'it sets __proto__ or constructor.prototype';
      try {
        JSON.parse(text);
      } catch (syntax) {
        reason = (syntax as Error).message;
      }
      done(new OratorError('invalid_json', `Request body is not valid JSON: ${reason}`, { param: 'body' }), undefined);
    });
  });

  // Every other type (or none, with a body): nothing to parse when empty; a JSON route refuses it by
  // name; a route without a body schema ignores it (routes that take raw bytes add their own parser).
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (request, raw, done) => {
    if ((raw as Buffer).length === 0 || !hasBodySchema(request)) return done(null, undefined);
    const type = mediaTypeOf(request);
    const sent = type ? `Content-Type ${type} is not supported` : 'The request has a body but no Content-Type';
    done(new OratorError('invalid_parameter', `${sent}: send the body as JSON with Content-Type: application/json`, { param: 'Content-Type' }), undefined);
  });

  // An empty body under a Content-Type that is not even a media type (`;;;`, ``) is still no body.
  app.addHook('onRequest', (request, _reply, done) => {
    const type = request.headers['content-type'];
    if (type !== undefined && !MEDIA_TYPE.test(type) && hasNoBody(request)) delete request.headers['content-type'];
    done();
  });

  app.addHook('onRoute', (route) => {
    if (route.schema?.body === undefined) return;
    const own = route.preValidation === undefined ? [] : Array.isArray(route.preValidation) ? route.preValidation : [route.preValidation];
    route.preValidation = [emptyBodyAsObject, ...own];
  });
}
