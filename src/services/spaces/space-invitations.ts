// Invitations by link: an admin makes one (a role, optionally an email it is meant for, an expiry);
// the link carries a signed token; whoever opens it signs in or makes an account and joins. A link
// works once: acceptance is a compare-and-set on the stored row.
import { OratorError } from '../../domain/errors.js';
import { newId } from '../../domain/ids.js';
import type { SpaceRole } from '../../domain/space-role.js';
import type { Clock } from '../ports.js';
import { emailKey } from '../users/account-fields.js';
import { createUser, type CreateUserDeps } from '../users/create-user.js';
import type { Membership, MembershipStore, User } from '../users/user-ports.js';
import { requireSpaceRole } from './space-access.js';
import type { Actor, InvitationRecord, InvitationSigner, InvitationStore } from './space-ports.js';

export interface InvitationDeps extends CreateUserDeps {
  memberships: MembershipStore;
  invitations: InvitationStore;
  signer: InvitationSigner;
  clock: Clock;
  /** Base of the links handed out (ORATOR_PUBLIC_URL). */
  publicUrl: string;
  defaultTtlMs: number;
}

export type InvitationState = 'pending' | 'accepted' | 'revoked' | 'expired';

export function invitationState(inv: InvitationRecord, now: number): InvitationState {
  if (inv.acceptedAt !== null) return 'accepted';
  if (inv.revokedAt !== null) return 'revoked';
  return inv.expiresAt <= now ? 'expired' : 'pending';
}

const MAX_TTL_MS = 30 * 24 * 3_600_000;

export async function createInvitation(
  deps: InvitationDeps,
  actor: Actor,
  spaceId: string,
  input: { role: SpaceRole; email?: string | null; expiresInHours?: number | null },
): Promise<{ invitation: InvitationRecord; url: string }> {
  const admin = await requireSpaceRole(deps.memberships, actor, spaceId, 'manage_invitations');
  if (input.role === 'owner') await requireSpaceRole(deps.memberships, actor, spaceId, 'manage_owners');
  const ttl = input.expiresInHours ? input.expiresInHours * 3_600_000 : deps.defaultTtlMs;
  if (ttl > MAX_TTL_MS) throw new OratorError('invalid_parameter', 'expires_in_hours must be at most 720 (30 days)', { param: 'expires_in_hours' });
  const now = deps.clock.now();
  const invitation: InvitationRecord = {
    id: newId('inv'),
    spaceId,
    role: input.role,
    email: input.email ? input.email.trim() : null,
    createdBy: admin.userId,
    createdAt: now,
    expiresAt: now + ttl,
    acceptedAt: null,
    acceptedBy: null,
    revokedAt: null,
  };
  await deps.invitations.insert(invitation);
  return { invitation, url: `${deps.publicUrl}/invitations/${deps.signer.sign(invitation.id, invitation.expiresAt)}` };
}

export async function listInvitations(deps: InvitationDeps, actor: Actor, spaceId: string): Promise<InvitationRecord[]> {
  await requireSpaceRole(deps.memberships, actor, spaceId, 'manage_invitations');
  return deps.invitations.listForSpace(spaceId, 100);
}

export async function revokeInvitation(deps: InvitationDeps, actor: Actor, spaceId: string, id: string): Promise<void> {
  await requireSpaceRole(deps.memberships, actor, spaceId, 'manage_invitations');
  if (!(await deps.invitations.revoke(spaceId, id, deps.clock.now()))) {
    throw new OratorError('not_found', `invitation_id: no open invitation ${id} in this space`, { param: 'invitation_id' });
  }
}

export type OpenInvitation = { kind: 'open'; invitation: InvitationRecord; spaceName: string } | { kind: 'unusable'; reason: 'invalid' | 'accepted' | 'revoked' | 'expired' };

/** What an invitation link stands for, before anyone accepts it (the acceptance page shows it). */
export async function openInvitation(deps: InvitationDeps, token: string): Promise<OpenInvitation> {
  const signed = deps.signer.verify(token);
  const invitation = signed ? await deps.invitations.find(signed.id) : undefined;
  if (!invitation || invitation.expiresAt !== signed?.expiresAt) return { kind: 'unusable', reason: 'invalid' };
  const state = invitationState(invitation, deps.clock.now());
  if (state !== 'pending') return { kind: 'unusable', reason: state };
  const space = await deps.memberships.findSpace(invitation.spaceId);
  if (!space) return { kind: 'unusable', reason: 'invalid' };
  return { kind: 'open', invitation, spaceName: space.name };
}

const UNUSABLE: Record<Exclude<OpenInvitation, { kind: 'open' }>['reason'], string> = {
  invalid: 'This invitation link is not valid: check that it was copied whole',
  accepted: 'This invitation has already been used; ask a space admin for a new one',
  revoked: 'This invitation was withdrawn; ask a space admin for a new one',
  expired: 'This invitation has expired; ask a space admin for a new one',
};

async function openOrThrow(deps: InvitationDeps, token: string) {
  const open = await openInvitation(deps, token);
  if (open.kind !== 'open') throw new OratorError('forbidden', UNUSABLE[open.reason]);
  return open.invitation;
}

function checkAddressee(invitation: InvitationRecord, email: string): void {
  if (invitation.email && emailKey(invitation.email) !== emailKey(email)) {
    throw new OratorError('forbidden', 'This invitation is meant for another email address: sign in with that account, or ask for an invitation to yours');
  }
}

/** The signed-in user joins. Already a member: the membership is kept as it is and the link stays unused. */
export async function acceptInvitation(deps: InvitationDeps, token: string, user: User): Promise<Membership> {
  const invitation = await openOrThrow(deps, token);
  checkAddressee(invitation, user.email);
  const existing = await deps.memberships.find(user.id, invitation.spaceId);
  if (existing) return existing;
  const now = deps.clock.now();
  if (!(await deps.invitations.markAccepted(invitation.id, user.id, now))) throw new OratorError('forbidden', UNUSABLE.accepted);
  await deps.memberships.add({ spaceId: invitation.spaceId, userId: user.id, role: invitation.role, createdAt: now });
  return (await deps.memberships.find(user.id, invitation.spaceId))!;
}

/** A newcomer makes an account from the link and joins the space in the same step. */
export async function registerWithInvitation(deps: InvitationDeps, token: string, input: { email: unknown; name: unknown; password: unknown }): Promise<{ user: User; membership: Membership }> {
  const invitation = await openOrThrow(deps, token);
  if (typeof input.email === 'string') checkAddressee(invitation, input.email);
  const { user } = await createUser(deps, input);
  const membership = await acceptInvitation(deps, token, user);
  return { user, membership };
}
