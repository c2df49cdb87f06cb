// What the space-administration routes call: the caller's spaces, members, invitations and API keys.
// Every use case checks the caller's role first (space-access.ts).
import { OratorError } from '../../domain/errors.js';
import type { SpaceRole } from '../../domain/space-role.js';
import type { ApiKeyInfo } from '../ports.js';
import type { Membership, SpaceMember, User } from '../users/user-ports.js';
import { requireSpaceRole } from './space-access.js';
import {
  acceptInvitation,
  createInvitation,
  listInvitations,
  openInvitation,
  registerWithInvitation,
  revokeInvitation,
  type InvitationDeps,
  type OpenInvitation,
} from './space-invitations.js';
import { changeMemberRole, listMembers, removeMember } from './space-members.js';
import type { Actor, InvitationRecord, SpaceApiKeys } from './space-ports.js';

export interface SpaceService {
  /** The spaces the caller belongs to, with its role in each. */
  mySpaces(actor: Actor): Promise<Membership[]>;
  listMembers(actor: Actor, spaceId: string): Promise<SpaceMember[]>;
  changeMemberRole(actor: Actor, spaceId: string, userId: string, role: SpaceRole): Promise<SpaceMember>;
  removeMember(actor: Actor, spaceId: string, userId: string): Promise<void>;
  createInvitation(actor: Actor, spaceId: string, input: { role: SpaceRole; email?: string | null; expiresInHours?: number | null }): Promise<{ invitation: InvitationRecord; url: string }>;
  listInvitations(actor: Actor, spaceId: string): Promise<InvitationRecord[]>;
  revokeInvitation(actor: Actor, spaceId: string, invitationId: string): Promise<void>;
  openInvitation(token: string): Promise<OpenInvitation>;
  acceptInvitation(token: string, user: User): Promise<Membership>;
  registerWithInvitation(token: string, input: { email: unknown; name: unknown; password: unknown }): Promise<{ user: User; membership: Membership }>;
  listApiKeys(actor: Actor, spaceId: string): Promise<ApiKeyInfo[]>;
  createApiKey(actor: Actor, spaceId: string, name: string | null): Promise<{ key: string; info: ApiKeyInfo }>;
  revokeApiKey(actor: Actor, spaceId: string, keyId: string): Promise<void>;
  /** The clock the invitation states are judged by (routes report pending/expired). */
  now(): number;
}

export function createSpaceService(deps: InvitationDeps & { apiKeys: SpaceApiKeys }): SpaceService {
  const { memberships, apiKeys } = deps;
  return {
    mySpaces: async (actor) => {
      if (!actor.userId) throw new OratorError('forbidden', 'Listing spaces needs a signed-in person (a session or an OAuth access token); an API key belongs to one space');
      return memberships.listForUser(actor.userId);
    },
    listMembers: (actor, spaceId) => listMembers(memberships, actor, spaceId),
    changeMemberRole: (actor, spaceId, userId, role) => changeMemberRole(memberships, actor, spaceId, userId, role),
    removeMember: (actor, spaceId, userId) => removeMember(memberships, actor, spaceId, userId),
    createInvitation: (actor, spaceId, input) => createInvitation(deps, actor, spaceId, input),
    listInvitations: (actor, spaceId) => listInvitations(deps, actor, spaceId),
    revokeInvitation: (actor, spaceId, id) => revokeInvitation(deps, actor, spaceId, id),
    openInvitation: (token) => openInvitation(deps, token),
    acceptInvitation: (token, user) => acceptInvitation(deps, token, user),
    registerWithInvitation: (token, input) => registerWithInvitation(deps, token, input),
    listApiKeys: async (actor, spaceId) => {
      await requireSpaceRole(memberships, actor, spaceId, 'manage_api_keys');
      return apiKeys.list(spaceId);
    },
    createApiKey: async (actor, spaceId, name) => {
      await requireSpaceRole(memberships, actor, spaceId, 'manage_api_keys');
      return apiKeys.create(spaceId, name);
    },
    revokeApiKey: async (actor, spaceId, keyId) => {
      await requireSpaceRole(memberships, actor, spaceId, 'manage_api_keys');
      if (!(await apiKeys.revoke(spaceId, keyId))) throw new OratorError('not_found', `key_id: no active API key ${keyId} in this space`, { param: 'key_id' });
    },
    now: () => deps.clock.now(),
  };
}
