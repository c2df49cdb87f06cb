// Account table shapes as Kysely sees them (joined into `Database` in database.ts): people, their
// memberships in spaces, browser sessions, invitations, and the install's generated secrets.

export interface UsersTable {
  id: string;
  /** As typed (trimmed). */
  email: string;
  /** Lower-cased: the unique key, so one address cannot hold two accounts by changing case. */
  email_key: string;
  display_name: string;
  password_hash: string;
  created_at: number;
  updated_at: number;
}

export interface SpaceMembersTable {
  space_id: string;
  user_id: string;
  /** 'owner' | 'admin' | 'member' */
  role: string;
  created_at: number;
}

export interface SessionsTable {
  id: string;
  token_hash: string;
  user_id: string;
  space_id: string | null;
  created_at: number;
  expires_at: number;
}

export interface InvitationsTable {
  id: string;
  space_id: string;
  role: string;
  email: string | null;
  created_by: string;
  created_at: number;
  expires_at: number;
  accepted_at: number | null;
  accepted_by: string | null;
  revoked_at: number | null;
}

export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: number;
}
