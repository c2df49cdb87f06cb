// A new signing secret for an endpoint; the previous one keeps signing for the grace period so
// receivers can roll over without dropping events.
import { OratorError } from '../../domain/errors.js';
import { generateWebhookSecret } from '../../domain/webhook-signature.js';
import { DEFAULT_ROTATION_GRACE_MS, mustFindEndpoint, type WebhookServiceDeps } from './webhook-service-deps.js';

export async function rotateWebhookSecret(deps: WebhookServiceDeps, spaceId: string, endpointId: string): Promise<{ endpoint_id: string; secret: string }> {
  const e = await mustFindEndpoint(deps, spaceId, endpointId);
  const secret = generateWebhookSecret();
  const previousExpiresAt = deps.clock.now() + (deps.rotationGraceMs ?? DEFAULT_ROTATION_GRACE_MS);
  if (!(await deps.store.rotateSecret(spaceId, endpointId, e.secret, secret, previousExpiresAt))) {
    throw new OratorError('request_in_progress', 'The secret was rotated concurrently; retry', { param: 'endpoint_id' });
  }
  return { endpoint_id: endpointId, secret };
}
