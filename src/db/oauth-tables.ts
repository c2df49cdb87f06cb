// The OAuth table as Kysely sees it (joined into `Database` in database.ts): every oidc-provider model
// (clients, grants, codes, tokens, sessions, interactions) in one table keyed by model and id, the
// provider's payload as JSON, and the columns its lookups and Orator's lists need beside it.

export interface OAuthRecordsTable {
  /** The provider's model name: Client, Grant, AuthorizationCode, AccessToken, RefreshToken, Session, Interaction … */
  model: string;
  id: string;
  payload: string;
  grant_id: string | null;
  uid: string | null;
  user_code: string | null;
  /** Grants and tokens: the person (oidc-provider's accountId). */
  account_id: string | null;
  client_id: string | null;
  /** Grants: the space chosen on the consent page. Clients: the space whose admin registered it. */
  space_id: string | null;
  created_at: number;
  expires_at: number | null;
  consumed_at: number | null;
}
