// A space's API keys as its admins manage them: made with the same generator and hashing as
// `orator keys create`, listed and revoked within the space only, and dropped from this process's auth
// cache on revocation (other processes notice within the cache's few seconds).
import type { ApiKeyRepository, Clock } from '../services/ports.js';
import type { SpaceApiKeys, SpaceKeyStore } from '../services/spaces/space-ports.js';
import { createApiKey, type ApiKeyAuthenticator } from './api-keys.js';

export function createSpaceApiKeys(deps: { repo: ApiKeyRepository; store: SpaceKeyStore; authenticator: ApiKeyAuthenticator; clock: Clock }): SpaceApiKeys {
  return {
    async create(spaceId, name) {
      const space = await deps.repo.findSpace(spaceId);
      if (!space) throw new Error(`space ${spaceId} vanished`);
      return createApiKey(deps.repo, { space, name, now: deps.clock.now() });
    },
    list: (spaceId) => deps.store.listInSpace(spaceId),
    async revoke(spaceId, keyId) {
      const revoked = await deps.store.revokeInSpace(spaceId, keyId, deps.clock.now());
      if (revoked) deps.authenticator.forgetKey(keyId);
      return revoked;
    },
  };
}
