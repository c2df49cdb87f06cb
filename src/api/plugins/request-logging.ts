// One log line per request, through Fastify's own log controller, instead of its two (incoming +
// completed, each with the request serialised): the request id (the child logger's reqId), method,
// route pattern, status and duration at info; a 5xx at error with the error and its stack on the same
// line. Probes and scrapes that succeed are logged at debug: they arrive every few seconds.
import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';

/** The route label of requests no route matched (404s), so arbitrary URLs never become fields or labels. */
export const UNMATCHED_ROUTE = '(unmatched)';

const PROBE_ROUTES = new Set(['/healthz', '/readyz', '/metrics']);

const serverErrors = new WeakMap<FastifyRequest, unknown>();

/** Keeps the error behind a 5xx answer for the request's log line (the errors plugin calls this). */
export function noteServerError(request: FastifyRequest, error: unknown): void {
  serverErrors.set(request, error);
}

export class RequestLogController extends LogController {
  override incomingRequest(): void {}

  override routeNotFound(): void {}

  /** `error` is a failure writing the response; the handler's error, if any, was noted by the errors plugin. */
  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const status = reply.statusCode;
    const route = request.routeOptions.url ?? UNMATCHED_ROUTE;
    // Flat fields of primitives only: pino writes them without a serializer.
    const fields = { method: request.method, route, status, ms: Math.round(reply.elapsedTime * 100) / 100 };
    if (status >= 500 || error) request.log.error({ ...fields, err: serverErrors.get(request) ?? error }, 'request failed');
    else if (status < 400 && PROBE_ROUTES.has(route)) request.log.debug(fields, 'request');
    else request.log.info(fields, 'request');
  }
}
