// Browser sessions: started at sign-in (always a new token, so a token planted before sign-in is
// worth nothing after it), resolved on each request, ended at sign-out or when the password changes.
import { newId } from '../../domain/ids.js';
import type { Clock } from '../ports.js';
import { hashSessionToken, newSessionToken } from './session-tokens.js';
import type { Membership, MembershipStore, SessionRecord, SessionStore, SignedInUser, UserStore } from './user-ports.js';

export interface SessionDeps {
  users: UserStore;
  memberships: MembershipStore;
  sessions: SessionStore;
  clock: Clock;
  sessionTtlMs: number;
}

/** The space a new session acts on: the one asked for when the user belongs to it, else the first joined. */
function pickSpace(memberships: Membership[], preferred: string | undefined): Membership | undefined {
  return memberships.find((m) => m.spaceId === preferred) ?? memberships[0];
}

export async function startSession(deps: SessionDeps, userId: string, preferredSpaceId?: string): Promise<{ token: string; session: SessionRecord }> {
  const now = deps.clock.now();
  const token = newSessionToken();
  const space = pickSpace(await deps.memberships.listForUser(userId), preferredSpaceId);
  const session: SessionRecord = { id: newId('sess'), tokenHash: hashSessionToken(token), userId, spaceId: space?.spaceId ?? null, createdAt: now, expiresAt: now + deps.sessionTtlMs };
  await deps.sessions.insert(session);
  return { token, session };
}

/**
 * The signed-in user for a cookie value, or null (unknown, expired). A session whose space the user
 * has since left moves to another of the user's spaces, or to none.
 */
export async function resolveSession(deps: SessionDeps, token: string | undefined): Promise<SignedInUser | null> {
  if (!token) return null;
  const session = await deps.sessions.findByTokenHash(hashSessionToken(token));
  if (!session) return null;
  if (session.expiresAt <= deps.clock.now()) {
    await deps.sessions.delete(session.id);
    return null;
  }
  const record = await deps.users.findById(session.userId);
  if (!record) return null;
  const { passwordHash: _hidden, ...user } = record;
  let membership = session.spaceId ? await deps.memberships.find(user.id, session.spaceId) : undefined;
  if (!membership) {
    membership = pickSpace(await deps.memberships.listForUser(user.id), undefined);
    if ((membership?.spaceId ?? null) !== session.spaceId) await deps.sessions.setSpace(session.id, membership?.spaceId ?? null);
  }
  const space = membership ? { id: membership.spaceId, name: membership.spaceName, role: membership.role } : null;
  return { sessionId: session.id, user, space, expiresAt: session.expiresAt };
}

export async function endSession(deps: SessionDeps, token: string | undefined): Promise<void> {
  if (!token) return;
  const session = await deps.sessions.findByTokenHash(hashSessionToken(token));
  if (session) await deps.sessions.delete(session.id);
}
