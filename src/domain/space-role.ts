// Roles in a space and what each may do. The action table is keyed by the union, so a new action
// without a minimum role fails to compile.

export type SpaceRole = 'owner' | 'admin' | 'member';
export const SPACE_ROLES: readonly SpaceRole[] = ['owner', 'admin', 'member'];

const RANK: Record<SpaceRole, number> = { member: 1, admin: 2, owner: 3 };

export type SpaceAction =
  | 'use_space'
  | 'list_members'
  | 'manage_members'
  | 'manage_invitations'
  | 'manage_api_keys'
  /** Grant or take away the owner role: only owners. */
  | 'manage_owners';

export const MINIMUM_ROLE: Record<SpaceAction, SpaceRole> = {
  use_space: 'member',
  list_members: 'member',
  manage_members: 'admin',
  manage_invitations: 'admin',
  manage_api_keys: 'admin',
  manage_owners: 'owner',
};

export function isSpaceRole(value: unknown): value is SpaceRole {
  return typeof value === 'string' && (SPACE_ROLES as readonly string[]).includes(value);
}

export function roleAllows(role: SpaceRole, action: SpaceAction): boolean {
  return RANK[role] >= RANK[MINIMUM_ROLE[action]];
}
