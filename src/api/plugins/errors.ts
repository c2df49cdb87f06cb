// One place renders every error: typed OratorErrors, Fastify validation/parse errors and the rest,
// in the envelope of the path's API version.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { isOratorError, OratorError } from '../../domain/errors.js';
import { isConnectionFailure, serviceUnavailable } from '../../domain/dependency-outage.js';
import { errorEnvelope } from '../envelope.js';
import { envelopeVersionOf } from './envelope-override.js';
import { noteServerError } from './request-logging.js';

interface AjvError {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

/** `/video_inputs/0/voice` → `video_inputs[0].voice`. */
function fieldPath(instancePath: string): string {
  return instancePath
    .split('/')
    .filter(Boolean)
    .map((seg, i) => (/^\d+$/.test(seg) ? `[${seg}]` : i === 0 ? seg : `.${seg}`))
    .join('');
}

const JSON_TYPE_NAMES: Record<string, string> = { string: 'a string', number: 'a number', integer: 'an integer', boolean: 'a boolean', array: 'an array', object: 'an object', null: 'null' };

export function fromValidation(errors: AjvError[], context: string | undefined): OratorError {
  // A nullable field is anyOf [null, T]: report why the value failed T, not that it is not null.
  const e = errors.find((x) => x.keyword !== 'anyOf' && !(x.keyword === 'type' && x.params.type === 'null')) ?? errors[0];
  if (!e) return new OratorError('invalid_parameter');
  const base = fieldPath(e.instancePath);
  if (e.keyword === 'required') {
    const missing = String(e.params.missingProperty ?? '');
    const field = base ? `${base}.${missing}` : missing;
    return new OratorError('missing_params', `${field} is required`, { param: field });
  }
  const field = base || context || 'body';
  let detail = e.message ?? 'is invalid';
  if (e.keyword === 'enum' && Array.isArray(e.params.allowedValues)) detail = `must be one of: ${(e.params.allowedValues as unknown[]).join(', ')}`;
  if (e.keyword === 'minLength') detail = e.params.limit === 1 ? 'must not be empty' : `must be at least ${String(e.params.limit)} characters long`;
  if (e.keyword === 'maxLength') detail = `must be at most ${String(e.params.limit)} characters long`;
  if (e.keyword === 'type') detail = `must be ${String(e.params.type).split(',').map((t) => JSON_TYPE_NAMES[t] ?? t).join(' or ')}`;
  if (e.keyword === 'additionalProperties') {
    const unknown = base ? `${base}.${String(e.params.additionalProperty)}` : String(e.params.additionalProperty);
    return new OratorError('invalid_parameter', `${unknown} is not a known field${base ? ` of ${base}` : ''}`, { param: unknown });
  }
  const kind = context === 'querystring' ? 'invalid_query_param' : 'invalid_parameter';
  return new OratorError(kind, `${field} ${detail}`, { param: field });
}

/** `2097152` → `2 MB`, `65536` → `64 KB`. */
export function formatByteLimit(bytes: number): string {
  const mb = 1024 * 1024;
  if (bytes >= mb && bytes % mb === 0) return `${bytes / mb} MB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KB`;
  return `${bytes} bytes`;
}

const SEND_JSON = 'send the body as JSON with Content-Type: application/json';

/** `request` lets a refusal name the route's own limits (its body limit). */
export function toOratorError(err: FastifyError | Error, request?: FastifyRequest): OratorError {
  if (isOratorError(err)) return err;
  const fe = err as FastifyError & { validation?: AjvError[]; validationContext?: string };
  if (fe.validation) return fromValidation(fe.validation, fe.validationContext);
  switch (fe.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new OratorError('invalid_json', 'Request body is not valid JSON');
    case 'FST_ERR_CTP_BODY_TOO_LARGE': {
      const limit = request?.routeOptions.bodyLimit;
      return new OratorError('payload_too_large', limit ? `Request body exceeds the ${formatByteLimit(limit)} limit` : undefined, { param: 'body' });
    }
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      // Only a Content-Type header that is not a media type at all gets here; other types reach the body parsers.
      return new OratorError('invalid_parameter', `Content-Type is not a valid media type: ${SEND_JSON}`, { param: 'Content-Type' });
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new OratorError('invalid_parameter', 'Content-Length does not match the length of the body', { param: 'Content-Length' });
  }
  if (err instanceof SyntaxError) return new OratorError('invalid_json', `Request body is not valid JSON: ${err.message}`, { param: 'body' });
  if (fe.statusCode === 413) return new OratorError('payload_too_large');
  if (fe.statusCode === 404) return new OratorError('not_found');
  if (fe.statusCode !== undefined && fe.statusCode >= 400 && fe.statusCode < 500) return new OratorError('invalid_parameter', err.message);
  // The database restarting or unreachable: a retryable 503, not a 500.
  if (isConnectionFailure(err)) return serviceUnavailable(err);
  return new OratorError('internal_error', undefined, { cause: err });
}

export function sendError(request: FastifyRequest, reply: FastifyReply, err: OratorError): FastifyReply {
  const { status, body } = errorEnvelope(envelopeVersionOf(request), err);
  if (err.retryAfterSec !== undefined) reply.header('retry-after', String(err.retryAfterSec));
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const err = toOratorError(error, request);
    // Logged with the request's line (plugins/request-logging.ts): one line per request, stack included.
    if (err.spec.httpStatus >= 500) noteServerError(request, error);
    return sendError(request, reply, err);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new OratorError('not_found', `Route ${request.method} ${request.url.split('?')[0]} not found`)));
}
