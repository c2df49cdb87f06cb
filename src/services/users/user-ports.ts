// Ports and records of people and their sessions. Memberships live here too (not under spaces/) because
// resolving a session needs them, and spaces/ builds on users/, never the other way round.
import type { SpaceRole } from '../../domain/space-role.js';

export interface UserRecord {
  id: string;
  /** As the person typed it (trimmed); lookups go through the lower-cased form. */
  email: string;
  displayName: string;
  /** PHC string (argon2id). */
  passwordHash: string;
  createdAt: number;
  updatedAt: number;
}

export type User = Omit<UserRecord, 'passwordHash'>;

export interface UserStore {
  /** False (and nothing stored) when another user already has this email in any letter case. */
  insertIfEmailFree(user: UserRecord): Promise<boolean>;
  findByEmail(email: string): Promise<UserRecord | undefined>;
  findById(id: string): Promise<UserRecord | undefined>;
  /** Oldest first. */
  list(): Promise<User[]>;
  count(): Promise<number>;
  setPasswordHash(id: string, passwordHash: string, now: number): Promise<boolean>;
}

export interface Membership {
  spaceId: string;
  spaceName: string;
  userId: string;
  role: SpaceRole;
  createdAt: number;
}

export interface SpaceMember extends Membership {
  email: string;
  displayName: string;
}

export interface MembershipStore {
  ensureSpace(space: { id: string; name: string }, now: number): Promise<void>;
  findSpace(id: string): Promise<{ id: string; name: string } | undefined>;
  /** False when the user already belongs to the space (the existing role is kept). */
  add(member: { spaceId: string; userId: string; role: SpaceRole; createdAt: number }): Promise<boolean>;
  find(userId: string, spaceId: string): Promise<Membership | undefined>;
  /** The spaces a user belongs to, the one joined first first. */
  listForUser(userId: string): Promise<Membership[]>;
  listForSpace(spaceId: string): Promise<SpaceMember[]>;
  /** Refuses (false) to demote the space's last owner. */
  setRole(spaceId: string, userId: string, role: SpaceRole): Promise<boolean>;
  /** Refuses (false) to remove the space's last owner, or a user who is not a member. */
  remove(spaceId: string, userId: string): Promise<boolean>;
}

export interface SessionRecord {
  id: string;
  /** sha256 of the cookie value: a copied database does not sign anyone in. */
  tokenHash: string;
  userId: string;
  /** The space API calls made with this session act on; null when the user belongs to none. */
  spaceId: string | null;
  createdAt: number;
  expiresAt: number;
}

export interface SessionStore {
  insert(session: SessionRecord): Promise<void>;
  findByTokenHash(tokenHash: string): Promise<SessionRecord | undefined>;
  setSpace(id: string, spaceId: string | null): Promise<void>;
  delete(id: string): Promise<void>;
  /** Every session of the user except `keepId`; returns how many ended. */
  deleteForUser(userId: string, keepId?: string): Promise<number>;
  deleteExpired(now: number): Promise<number>;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  verify(passwordHash: string, password: string): Promise<boolean>;
}

/** Who is signed in for a request: the answer to a session cookie. */
export interface SignedInUser {
  sessionId: string;
  user: User;
  /** The space the session acts on, with the user's role there; null when the user belongs to no space. */
  space: { id: string; name: string; role: SpaceRole } | null;
  expiresAt: number;
}
