// Account endpoints. A self-hosted install has no billing: report usage-based billing without a cap
// and a large quota so client-side credit checks pass. A person (session, later an OAuth token) gets
// their own name and email; an API key gets its space, as before accounts existed.
import type { SpaceRole } from '../../domain/space-role.js';
import type { ApiKeyRepository } from '../ports.js';
import { splitDisplayName } from '../users/account-fields.js';
import type { Membership, User } from '../users/user-ports.js';

/** Seconds of video; HeyGen says "divide by 60 to get credits". */
export const SELF_HOSTED_QUOTA = 60 * 1_000_000;

/** Who the account routes describe: the principal's space, and the person when one is calling. */
export interface AccountCaller {
  spaceId: string;
  userId?: string | undefined;
}

/** The people half of the account routes (UserService in users/user-service.ts has these). */
export interface UserDirectory {
  findUser(id: string): Promise<User | undefined>;
  membership(userId: string, spaceId: string): Promise<Membership | undefined>;
}

export interface AccountIdentity {
  user: { id: string; email: string; displayName: string } | null;
  space: { id: string; name: string; role: SpaceRole | null };
}

export async function identify(deps: { keys: ApiKeyRepository; users: UserDirectory }, caller: AccountCaller): Promise<AccountIdentity> {
  const user = caller.userId ? await deps.users.findUser(caller.userId) : undefined;
  const membership = user ? await deps.users.membership(user.id, caller.spaceId) : undefined;
  const spaceName = membership?.spaceName ?? (await deps.keys.findSpace(caller.spaceId))?.name ?? caller.spaceId;
  return {
    user: user ? { id: user.id, email: user.email, displayName: user.displayName } : null,
    space: { id: caller.spaceId, name: spaceName, role: membership?.role ?? null },
  };
}

/** HeyGen's UserInfoResponse, plus Orator's `user_id` and `space` (HeyGen's schema allows extra fields). */
export function userInfoOf(identity: AccountIdentity) {
  const names = identity.user ? splitDisplayName(identity.user.displayName) : null;
  return {
    username: identity.user?.id ?? identity.space.name,
    email: identity.user?.email ?? null,
    first_name: names?.first ?? null,
    last_name: names?.last ?? null,
    billing_type: 'usage_based' as const,
    wallet: null,
    subscription: null,
    usage_based: { spending_current_usd: 0, spending_cap_usd: null as number | null },
    user_id: identity.user?.id ?? null,
    space: { space_id: identity.space.id, name: identity.space.name, role: identity.space.role },
  };
}

/** The seed's web-app call (`/v1/pacific/account.get`): the person and the space, HeyGen-web style. */
export function pacificAccountOf(identity: AccountIdentity) {
  const names = identity.user ? splitDisplayName(identity.user.displayName) : null;
  return {
    user_info: {
      user_id: identity.user?.id ?? null,
      username: identity.user?.id ?? identity.space.name,
      email: identity.user?.email ?? null,
      first_name: names?.first ?? null,
      last_name: names?.last ?? null,
      name: identity.user?.displayName ?? null,
    },
    space_info: { space_id: identity.space.id, name: identity.space.name, role: identity.space.role },
  };
}

export function getRemainingQuota() {
  return { remaining_quota: SELF_HOSTED_QUOTA, details: { api: SELF_HOSTED_QUOTA, seat: 0 } };
}

/** What the account routes (v1, v2, v3 user/me, quota and the seed's account.get) call. */
export interface AccountService {
  userInfo(caller: AccountCaller): Promise<ReturnType<typeof userInfoOf>>;
  pacificAccount(caller: AccountCaller): Promise<ReturnType<typeof pacificAccountOf>>;
  remainingQuota(): ReturnType<typeof getRemainingQuota>;
}

export function createAccountService(deps: { keys: ApiKeyRepository; users: UserDirectory }): AccountService {
  return {
    userInfo: async (caller) => userInfoOf(await identify(deps, caller)),
    pacificAccount: async (caller) => pacificAccountOf(await identify(deps, caller)),
    remainingQuota: () => getRemainingQuota(),
  };
}
