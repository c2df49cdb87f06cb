// Accounts wiring: the stores on the database, argon2id, the install's generated secrets (cookie
// signing, CSRF, invitation links), the sign-in throttles (in Redis when ORATOR_QUEUE_URL is one, so
// every API process counts the same attempts) and the user and space services.
import type { Config } from '../config.js';
import { ApiKeyAuthenticator } from '../auth/api-keys.js';
import { argon2PasswordHasher } from '../auth/argon2-password-hasher.js';
import { createInvitationSigner } from '../auth/invitation-tokens.js';
import { createSpaceApiKeys } from '../auth/space-api-keys.js';
import { loadServerSecret } from '../db/sql-server-secrets.js';
import { SqlInvitationStore } from '../db/sql-invitation-store.js';
import { SqlMembershipStore } from '../db/sql-membership-store.js';
import { SqlSessionStore } from '../db/sql-session-store.js';
import { SqlSpaceKeyStore } from '../db/sql-space-key-store.js';
import { SqlUserStore } from '../db/sql-user-store.js';
import { createRateLimiter } from '../ratelimit/create-rate-limiter.js';
import type { Clock, RateLimiter } from '../services/ports.js';
import { createSpaceService, type SpaceService } from '../services/spaces/space-service.js';
import { createUserService, type UserService } from '../services/users/user-service.js';
import type { WebSessionSettings } from '../api/plugins/web-session.js';
import type { DataLayer } from './build-database.js';

export interface Accounts {
  users: UserService;
  spaces: SpaceService;
  /** The API key authenticator, shared so that revoking a key through the API clears its cache entry. */
  authenticator: ApiKeyAuthenticator;
  web: WebSessionSettings;
  close(): Promise<void>;
}

const UNLIMITED: RateLimiter = { take: () => 0, close: async () => {} };

async function signInLimiter(config: Config, perMinute: number, log: (msg: string, extra?: object) => void): Promise<RateLimiter> {
  return (await createRateLimiter({ perMinute, queueUrl: config.queueUrl, log })) ?? UNLIMITED;
}

export async function buildAccounts(parts: { config: Config; data: DataLayer; clock: Clock; log: (msg: string, extra?: object) => void }): Promise<Accounts> {
  const { config, data, clock, log } = parts;
  const db = data.database.db;
  const [cookieSecret, csrfKey, invitationKey] = await Promise.all(['cookie-signing', 'csrf-hmac', 'invitation-signing'].map((name) => loadServerSecret(db, name)));
  const accountAttempts = await signInLimiter(config, config.signInAttemptsPerMinute, log);
  const addressAttempts = await signInLimiter(config, config.signInAddressAttemptsPerMinute, log);
  const users = new SqlUserStore(db);
  const memberships = new SqlMembershipStore(db);
  const hasher = argon2PasswordHasher;
  const userService = createUserService({ users, memberships, sessions: new SqlSessionStore(db), clock, sessionTtlMs: config.sessionTtlMs, hasher, accountAttempts, addressAttempts });
  const authenticator = new ApiKeyAuthenticator(data.keys);
  const spaces = createSpaceService({
    users,
    memberships,
    hasher,
    clock,
    invitations: new SqlInvitationStore(db),
    signer: createInvitationSigner(invitationKey!),
    publicUrl: config.publicUrl,
    defaultTtlMs: config.invitationTtlMs,
    apiKeys: createSpaceApiKeys({ repo: data.keys, store: new SqlSpaceKeyStore(db), authenticator, clock }),
  });
  return {
    users: userService,
    spaces,
    authenticator,
    web: { cookieSecret: cookieSecret!, csrfKey: csrfKey!, secure: config.publicUrl.startsWith('https://') },
    close: async () => {
      await accountAttempts.close();
      await addressAttempts.close();
    },
  };
}
