// Ports of space administration: invitations (stored rows plus signed link tokens) and a space's API
// keys (made and revoked by the auth adapter, which owns key generation and the auth cache).
import type { SpaceRole } from '../../domain/space-role.js';
import type { ApiKeyInfo } from '../ports.js';

export interface InvitationRecord {
  id: string;
  spaceId: string;
  role: SpaceRole;
  /** When set, only an account with this email (any letter case) may accept. */
  email: string | null;
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  acceptedAt: number | null;
  acceptedBy: string | null;
  revokedAt: number | null;
}

export interface InvitationStore {
  insert(invitation: InvitationRecord): Promise<void>;
  find(id: string): Promise<InvitationRecord | undefined>;
  /** Newest first, at most `limit`. */
  listForSpace(spaceId: string, limit: number): Promise<InvitationRecord[]>;
  /** Compare-and-set: only an open (not accepted, not revoked, not expired) invitation; false otherwise. */
  markAccepted(id: string, userId: string, now: number): Promise<boolean>;
  /** False when it is not this space's or is no longer open. */
  revoke(spaceId: string, id: string, now: number): Promise<boolean>;
}

/** Link tokens: the invitation id and expiry under an HMAC, so a forged or altered link is refused unread. */
export interface InvitationSigner {
  sign(id: string, expiresAt: number): string;
  /** The id and expiry of a token this server signed, or null. */
  verify(token: string): { id: string; expiresAt: number } | null;
}

export interface SpaceApiKeys {
  /** The secret is in the result only: it is stored as a hash. */
  create(spaceId: string, name: string | null): Promise<{ key: string; info: ApiKeyInfo }>;
  list(spaceId: string): Promise<ApiKeyInfo[]>;
  /** False when the key is not this space's or is already revoked; takes effect at once in this process. */
  revoke(spaceId: string, keyId: string): Promise<boolean>;
}

/** Who asks: the authenticated principal. Space administration wants a person (userId), not an API key. */
export interface Actor {
  userId?: string | undefined;
}

/** API key rows of one space (the auth adapter makes keys; this lists and revokes them within a space). */
export interface SpaceKeyStore {
  /** Newest first, revoked ones included. */
  listInSpace(spaceId: string): Promise<ApiKeyInfo[]>;
  /** False when the key is not this space's or is already revoked. */
  revokeInSpace(spaceId: string, keyId: string, now: number): Promise<boolean>;
}
