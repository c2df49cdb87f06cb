// Account endpoints. A self-hosted install has no billing: report usage-based billing without a cap
// and a large quota so client-side credit checks pass.
import type { ApiKeyRepository } from '../ports.js';

/** Seconds of video; HeyGen says "divide by 60 to get credits". */
export const SELF_HOSTED_QUOTA = 60 * 1_000_000;

export async function getUserInfo(keys: ApiKeyRepository, spaceId: string) {
  const space = await keys.findSpace(spaceId);
  return {
    username: space?.name ?? spaceId,
    email: null as string | null,
    first_name: null as string | null,
    last_name: null as string | null,
    billing_type: 'usage_based' as const,
    wallet: null,
    subscription: null,
    usage_based: { spending_current_usd: 0, spending_cap_usd: null as number | null },
  };
}

export function getRemainingQuota() {
  return { remaining_quota: SELF_HOSTED_QUOTA, details: { api: SELF_HOSTED_QUOTA, seat: 0 } };
}

/** What the account routes (v1, v2, v3 user/me and quota) call. */
export interface AccountService {
  userInfo(spaceId: string): ReturnType<typeof getUserInfo>;
  remainingQuota(): ReturnType<typeof getRemainingQuota>;
}

export function createAccountService(deps: { keys: ApiKeyRepository }): AccountService {
  return {
    userInfo: (spaceId) => getUserInfo(deps.keys, spaceId),
    remainingQuota: () => getRemainingQuota(),
  };
}
