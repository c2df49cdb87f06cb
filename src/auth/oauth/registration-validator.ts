// The registration check oidc-provider runs on every client it builds (see client-registration-rules.ts for
// the rule). Apart from those rules because it throws oidc-provider's own error class: importing the
// library loads it (and prints its Node 22 notice), which only the lazily loaded provider may do.
import { errors } from 'oidc-provider';
import { REDIRECT_PENDING, type Metadata } from './client-registration-rules.js';

/** oidc-provider's extraClientMetadata validator: runs on every client the schema builds, registration or load. */
export function validateRegistration(ctx: { oidc?: { route?: string } } | undefined, key: string, _value: unknown, metadata: Metadata): void {
  if (key !== REDIRECT_PENDING || ctx?.oidc?.route !== 'registration') return;
  const uris = metadata.redirect_uris;
  if (Array.isArray(uris) && uris.length > 0) {
    // Only the server sets the flag.
    delete metadata[REDIRECT_PENDING];
    return;
  }
  if (metadata.token_endpoint_auth_method === 'none') {
    throw new errors.InvalidClientMetadata('redirect_uris must list the redirect URIs of a public client (token_endpoint_auth_method none)');
  }
  metadata[REDIRECT_PENDING] = true;
  metadata.redirect_uris = [];
  metadata.response_types = [];
}

