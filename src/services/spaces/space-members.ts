// A space's members: listed by any member; roles changed and members removed by admins (owners for
// anything touching the owner role); anyone may leave. A space always keeps one owner.
import { OratorError } from '../../domain/errors.js';
import type { SpaceRole } from '../../domain/space-role.js';
import type { MembershipStore, SpaceMember } from '../users/user-ports.js';
import { requireSpaceRole } from './space-access.js';
import type { Actor } from './space-ports.js';

const LAST_OWNER = 'a space must keep at least one owner: make another member owner first';

async function targetMember(memberships: MembershipStore, spaceId: string, userId: string) {
  const target = await memberships.find(userId, spaceId);
  if (!target) throw new OratorError('not_found', `user_id: ${userId} is not a member of this space`, { param: 'user_id' });
  return target;
}

export async function listMembers(memberships: MembershipStore, actor: Actor, spaceId: string): Promise<SpaceMember[]> {
  await requireSpaceRole(memberships, actor, spaceId, 'list_members');
  return memberships.listForSpace(spaceId);
}

export async function changeMemberRole(memberships: MembershipStore, actor: Actor, spaceId: string, userId: string, role: SpaceRole): Promise<SpaceMember> {
  await requireSpaceRole(memberships, actor, spaceId, 'manage_members');
  const target = await targetMember(memberships, spaceId, userId);
  if (role === 'owner' || target.role === 'owner') await requireSpaceRole(memberships, actor, spaceId, 'manage_owners');
  if (!(await memberships.setRole(spaceId, userId, role))) throw new OratorError('invalid_parameter', `role: ${LAST_OWNER}`, { param: 'role' });
  const updated = (await memberships.listForSpace(spaceId)).find((m) => m.userId === userId);
  if (!updated) throw new OratorError('not_found', `user_id: ${userId} is not a member of this space`, { param: 'user_id' });
  return updated;
}

export async function removeMember(memberships: MembershipStore, actor: Actor, spaceId: string, userId: string): Promise<void> {
  const self = actor.userId === userId;
  await requireSpaceRole(memberships, actor, spaceId, self ? 'use_space' : 'manage_members');
  const target = await targetMember(memberships, spaceId, userId);
  if (target.role === 'owner' && !self) await requireSpaceRole(memberships, actor, spaceId, 'manage_owners');
  if (!(await memberships.remove(spaceId, userId))) throw new OratorError('invalid_parameter', `user_id: ${LAST_OWNER}`, { param: 'user_id' });
}
