// Invitation rows on Kysely. Acceptance and revocation are compare-and-set on the open state.
import type { Kysely, Selectable } from 'kysely';
import type { SpaceRole } from '../domain/space-role.js';
import type { InvitationRecord, InvitationStore } from '../services/spaces/space-ports.js';
import type { InvitationsTable } from './account-tables.js';
import type { Database } from './database.js';

function fromRow(r: Selectable<InvitationsTable>): InvitationRecord {
  const n = (v: number | null) => (v === null ? null : Number(v));
  return {
    id: r.id,
    spaceId: r.space_id,
    role: r.role as SpaceRole,
    email: r.email,
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
    acceptedAt: n(r.accepted_at),
    acceptedBy: r.accepted_by,
    revokedAt: n(r.revoked_at),
  };
}

export class SqlInvitationStore implements InvitationStore {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(i: InvitationRecord): Promise<void> {
    await this.db
      .insertInto('invitations')
      .values({
        id: i.id,
        space_id: i.spaceId,
        role: i.role,
        email: i.email,
        created_by: i.createdBy,
        created_at: i.createdAt,
        expires_at: i.expiresAt,
        accepted_at: i.acceptedAt,
        accepted_by: i.acceptedBy,
        revoked_at: i.revokedAt,
      })
      .execute();
  }

  async find(id: string): Promise<InvitationRecord | undefined> {
    const r = await this.db.selectFrom('invitations').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? fromRow(r) : undefined;
  }

  async listForSpace(spaceId: string, limit: number): Promise<InvitationRecord[]> {
    const rows = await this.db.selectFrom('invitations').selectAll().where('space_id', '=', spaceId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(fromRow);
  }

  async markAccepted(id: string, userId: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('invitations')
      .set({ accepted_at: now, accepted_by: userId })
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async revoke(spaceId: string, id: string, now: number): Promise<boolean> {
    const r = await this.db
      .updateTable('invitations')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('space_id', '=', spaceId)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
