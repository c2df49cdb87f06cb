// oidc-provider's storage adapter contract, one object per model name, over Orator's OAuthRecordStore
// (SQLite or Postgres). The provider hands over expiry as seconds from now; the store keeps epoch ms.
import type { Clock } from '../../services/ports.js';
import type { OAuthPayload, OAuthRecordStore } from '../../services/oauth/oauth-ports.js';

export interface ProviderAdapter {
  upsert(id: string, payload: OAuthPayload, expiresIn?: number): Promise<void>;
  find(id: string): Promise<OAuthPayload | undefined>;
  findByUid(uid: string): Promise<OAuthPayload | undefined>;
  findByUserCode(userCode: string): Promise<OAuthPayload | undefined>;
  consume(id: string): Promise<void>;
  destroy(id: string): Promise<void>;
  revokeByGrantId(grantId: string): Promise<void>;
}

/** The adapter factory oidc-provider's `adapter` setting takes: called once per model name. */
export function oauthAdapterFactory(store: OAuthRecordStore, clock: Clock): (model: string) => ProviderAdapter {
  return (model) => ({
    upsert: (id, payload, expiresIn) => {
      const now = clock.now();
      return store.upsert(model, id, payload, typeof expiresIn === 'number' ? now + expiresIn * 1000 : null, now);
    },
    find: (id) => store.find(model, id),
    findByUid: (uid) => store.findByUid(model, uid),
    findByUserCode: (userCode) => store.findByUserCode(model, userCode),
    consume: (id) => store.consume(model, id, clock.now()),
    destroy: (id) => store.destroy(model, id),
    revokeByGrantId: (grantId) => store.revokeByGrantId(model, grantId),
  });
}
