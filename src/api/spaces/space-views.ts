// Records → the JSON the space routes answer with.
import type { ApiKeyInfo } from '../../services/ports.js';
import { invitationState } from '../../services/spaces/space-invitations.js';
import type { InvitationRecord } from '../../services/spaces/space-ports.js';
import type { Membership, SpaceMember } from '../../services/users/user-ports.js';

const iso = (ms: number) => new Date(ms).toISOString();

export const list = <T>(data: T[]) => ({ data, has_more: false, next_token: null });

export const spaceView = (m: Membership) => ({ space_id: m.spaceId, name: m.spaceName, role: m.role, joined_at: iso(m.createdAt) });

export const memberView = (m: SpaceMember) => ({ user_id: m.userId, email: m.email, name: m.displayName, role: m.role, joined_at: iso(m.createdAt) });

export const invitationView = (i: InvitationRecord, now: number) => ({
  invitation_id: i.id,
  role: i.role,
  email: i.email,
  status: invitationState(i, now),
  created_by: i.createdBy,
  created_at: iso(i.createdAt),
  expires_at: iso(i.expiresAt),
  accepted_by: i.acceptedBy,
});

export const apiKeyView = (k: ApiKeyInfo) => ({ key_id: k.id, prefix: k.prefix, name: k.name, created_at: iso(k.createdAt), revoked_at: k.revokedAt === null ? null : iso(k.revokedAt) });
