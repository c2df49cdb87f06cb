// The one check in front of every space-administration use case: a person, a member of the space,
// with a role that allows the action. Non-members are told the space does not exist, so ids of other
// spaces cannot be probed.
import { OratorError } from '../../domain/errors.js';
import { MINIMUM_ROLE, roleAllows, type SpaceAction } from '../../domain/space-role.js';
import type { Membership, MembershipStore } from '../users/user-ports.js';
import type { Actor } from './space-ports.js';

const ACTION_WORDS: Record<SpaceAction, string> = {
  use_space: 'use this space',
  list_members: 'list members',
  manage_members: 'change members',
  manage_invitations: 'manage invitations',
  manage_api_keys: 'manage API keys',
  manage_owners: 'grant or remove the owner role',
};

export async function requireSpaceRole(memberships: MembershipStore, actor: Actor, spaceId: string, action: SpaceAction): Promise<Membership> {
  if (!actor.userId) {
    throw new OratorError('forbidden', 'Space administration needs a signed-in person (a session or an OAuth access token); API keys cannot manage a space');
  }
  const membership = await memberships.find(actor.userId, spaceId);
  if (!membership) throw new OratorError('not_found', `space_id: no space ${spaceId} among your spaces`, { param: 'space_id' });
  if (!roleAllows(membership.role, action)) {
    throw new OratorError('forbidden', `Your role in this space (${membership.role}) cannot ${ACTION_WORDS[action]}; it takes ${MINIMUM_ROLE[action]} or above`);
  }
  return membership;
}
